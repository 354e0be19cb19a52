// The tables as the engine shows them: published figure, recomputed figure and difference side
// by side, the reason on hover or focus; the countries and PECs tables with the rows the engine
// selected (drill-down, search, sort) in its order. This module only lays them out.

import { h, fill } from "./dom.js";
import { t } from "./i18n.js";
import { pinnedNote } from "./pin.js";

let reasonIds = 0;
// Rendered cells and rows, reused when a redraw leaves them unchanged (most do when one weight
// moves): keyed by table, row and column; each with the signature it was drawn from.
let cellCache = new Map();
let rowCache = new Map();

const signature = (cell) => JSON.stringify(cell);

/** A text cell: marked with its language when it is the paper's English; long notes folded. */
function textCell(cell, attrs) {
  const original = cell.original ? h("p", { lang: "en", class: "original" }, cell.original) : null;
  const content = cell.fold
    ? h("details", { class: "fold" }, h("summary", {}, cell.fold), h("p", {}, cell.text), original)
    : original ? [h("p", {}, cell.text), original] : cell.text;
  return h("td", { ...attrs, class: cell.class, lang: cell.lang }, content);
}

/** One audited cell: value, the printed figure, the difference, the reason. */
function auditedCell(cell, headers, place) {
  const attrs = { class: `${cell.class}${cell.scope ? " sums" : ""}`, headers, dataset: { ...place, ...(cell.scope ? { scope: cell.scope } : {}) } };
  const fraction = cell.fraction ? h("span", { class: "fraction" }, cell.fraction) : null;
  if (!cell.printed) return h("td", attrs, h("span", { class: "value" }, cell.text), fraction, pinnedNote(cell));
  const id = `reason-${++reasonIds}`;
  const explained = cell.reason || cell.note;
  return h("td", { ...attrs, tabindex: explained || cell.scope ? 0 : undefined, "aria-describedby": explained ? id : undefined },
    h("span", { class: "value" }, cell.text),
    fraction,
    h("span", { class: "printed", title: cell.printed_title }, cell.printed),
    cell.diff ? h("span", { class: "diff" }, cell.diff) : null,
    pinnedNote(cell),
    explained ? h("span", { class: "reason", role: "tooltip", id },
      cell.reason_label ? h("span", { class: "code" }, cell.reason_label) : null, cell.reason ? ` ${cell.reason}` : null,
      cell.note ? h("span", { class: "note" }, cell.note) : null) : null);
}

/** The audited cell at row `r`, column `i`: the one drawn last when it is the same, else a new one
 * (both kept in `cellCache`, the last redraw's in `previous`). */
function auditedCellAt(table, row, r, i, previous) {
  const cell = row.cells[i];
  const key = `${table.id}|${row.id}|${table.columns[i].id}|${r}|${i}`;
  // A row the engine named reused is the last page's own object: its cells need no signature.
  const cached = previous.get(key);
  const sig = cached?.cell === cell ? cached.sig : signature(cell);
  if (cached && cached.sig === sig) {
    cellCache.set(key, { ...cached, cell });
    return cached.td;
  }
  const headers = `t${table.id}-r${r} t${table.id}-c${i}`;
  const td = cell.class.startsWith("text") && !cell.printed
    ? textCell(cell, { headers })
    : auditedCell(cell, headers, { row: row.id, col: table.columns[i].id });
  cellCache.set(key, { sig, td, cell });
  return td;
}

// The audited table drawn last, updated in place while its shape stays: what it was drawn from
// (tab, language, columns, rows' names, notes), its summary, and the cells in the document.
let drawnAudited = null;

function auditedShape(page) {
  const table = page.table;
  return JSON.stringify([page.here.lang, page.here.tab, page.csvDialect, table.id, table.title, table.selectable, table.columns, table.notes,
    table.rows.map((row) => [row.id, row.label, row.cells.length])]);
}

/** Redraw the audited table in place: the summary, and each cell that changed. */
function updateAudited(table) {
  const previous = cellCache;
  cellCache = new Map();
  drawnAudited.summary.textContent = table.summary ?? "";
  drawnAudited.summary.hidden = !table.summary;
  table.rows.forEach((row, r) => row.cells.forEach((cell, i) => {
    const old = drawnAudited.cells[r][i];
    const td = auditedCellAt(table, row, r, i, previous);
    if (td === old) return;
    td.tabIndex = old.tabIndex;
    old.replaceWith(td);
    drawnAudited.cells[r][i] = td;
  }));
}

/** Tables 1-4 and the text figures: every published cell audited. */
function auditedTable(table, onView) {
  const colIds = table.columns.map((c, i) => `t${table.id}-c${i}`);
  const head = h("tr", {}, h("th", { scope: "col" }, table.row_header ?? ""),
    table.columns.map((c, i) => h("th", { scope: "col", id: colIds[i] }, c.label,
      c.drill ? h("button", { type: "button", class: "drill", "aria-label": c.drill_label, onclick: () => onView([["tab", "countries"], ["region", c.drill], ["country", ""]], { keepFocus: "tab-countries" }) }, `→ ${t("drillCountries")}`) : null)));
  const previous = cellCache;
  cellCache = new Map();
  const cells = table.rows.map((row, r) => row.cells.map((_, i) => auditedCellAt(table, row, r, i, previous)));
  const body = table.rows.map((row, r) => h("tr", {}, h("th", { scope: "row", id: `t${table.id}-r${r}` }, row.label), cells[r]));
  const summary = h("p", { class: "audit-summary", hidden: !table.summary }, table.summary ?? "");
  drawnAudited = { summary, cells };
  return [
    h("h3", { class: "table-title" }, table.title),
    summary,
    table.legend ? h("p", { class: "hint legend" }, table.legend) : null,
    table.selectable ? h("p", { class: "hint" }, t("sumsHint")) : null,
    skipLink(table),
    h("div", { class: "scroll" }, grid(h("table", { class: `audit t${table.id}`, "aria-label": table.title }, h("thead", {}, head), h("tbody", {}, body)))),
    h("span", { id: `after-${table.id}`, tabindex: -1 }),
    notes(table),
  ];
}

/** A link past a big table for keyboard users. */
function skipLink(table) {
  return h("a", { class: "skip", href: `#after-${table.id}`, onclick: (e) => {
    e.preventDefault();
    document.getElementById(`after-${table.id}`)?.focus();
  } }, t("skipTable"));
}

/** The ARIA grid pattern: the table body is one tab stop; arrow keys, Home and End move between
 * cells; Enter or Space on a cell acts on it (opens its PECs, or the button inside). */
function grid(table) {
  table.setAttribute("role", "grid");
  const cells = () => [...table.tBodies[0].rows].map((r) => [...r.cells]);
  let active = null;
  const activate = (cell, focus) => {
    if (!cell) return;
    // The one tab stop (a cell redrawn in place takes over its predecessor's tabindex).
    for (const stop of table.tBodies[0].querySelectorAll(":scope > tr > [tabindex='0']")) stop.tabIndex = -1;
    active = cell;
    cell.tabIndex = 0;
    if (focus) cell.focus();
  };
  for (const row of cells()) for (const cell of row) cell.tabIndex = -1;
  activate(cells()[0]?.[0], false);
  table.addEventListener("focusin", (e) => {
    const cell = e.target.closest("td, th");
    if (cell && table.tBodies[0].contains(cell) && cell !== active) activate(cell, false);
  });
  table.addEventListener("keydown", (e) => {
    const cell = e.target.closest("td, th");
    if (!cell || !table.tBodies[0].contains(cell)) return;
    const grid = cells();
    const r = grid.findIndex((row) => row.includes(cell));
    const c = grid[r].indexOf(cell);
    const moves = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0] };
    let next = null;
    if (moves[e.key]) next = grid[r + moves[e.key][0]]?.[c + moves[e.key][1]];
    else if (e.key === "Home") next = grid[r][0];
    else if (e.key === "End") next = grid[r][grid[r].length - 1];
    else if ((e.key === "Enter" || e.key === " ") && e.target === cell) {
      const inner = cell.querySelector("button, summary");
      if (inner) {
        e.preventDefault();
        inner.click();
      }
      return;
    } else return;
    e.preventDefault();
    activate(next, true);
  });
  return table;
}

function notes(table) {
  return table.notes.length ? h("ul", { class: "table-notes" }, table.notes.map((n) => h("li", {}, n))) : null;
}

function dataRow(table, row, onView) {
  return h("tr", { dataset: { scope: row.scope, id: row.id } },
    row.cells.map((cell, i) => {
      if (i === 0 && row.drill) {
        return h("td", { class: cell.class }, h("button", { type: "button", class: "link", onclick: () => onView([["tab", "pecs"], ["country", row.id], ["region", ""], ["q", ""]]) }, cell.text));
      }
      const td = textCell(cell, {});
      const pinned = pinnedNote(cell);
      if (pinned) td.append(pinned);
      return td;
    }));
}

/** The countries and PECs tables. */
function dataTable(table, here, onView) {
  const head = h("tr", {}, table.columns.map((c) => h("th", { scope: "col", "aria-sort": c.sort, class: c.numeric ? "num" : "" },
    h("button", {
      type: "button", class: "sort", "aria-label": c.sort_label,
      onclick: () => onView([["sort", c.next_sort]]),
    }, c.label, h("span", { class: "sort-mark", "aria-hidden": "true" }, c.sort === "descending" ? " ▼" : c.sort === "ascending" ? " ▲" : "")))));
  const previous = rowCache;
  rowCache = new Map();
  const body = table.rows.map((row) => {
    const key = `${table.id}|${row.id}`;
    const cached = previous.get(key);
    const sig = cached?.row === row ? cached.sig : JSON.stringify(row.cells);
    if (cached && cached.sig === sig) {
      rowCache.set(key, { ...cached, row });
      return cached.tr;
    }
    const tr = dataRow(table, row, onView);
    rowCache.set(key, { sig, tr, row });
    return tr;
  });
  const search = h("input", { type: "search", id: `search-${table.id}`, value: here.search, placeholder: t("search"), "aria-label": t("search") });
  search.addEventListener("input", () => onView([["q", search.value]], { replace: true, keepFocus: search.id }));
  return [
    h("h3", { class: "table-title" }, table.title),
    h("div", { class: "table-tools" }, search, h("span", { class: "count", "aria-live": "polite" }, table.count)),
    table.filter ? h("p", { class: "filter" }, table.filter, " ",
      h("button", { type: "button", class: "link", onclick: () => onView([["region", ""], ["country", ""]]) }, t("clearFilter"))) : null,
    skipLink(table),
    h("div", { class: "scroll tall" },
      grid(h("table", { class: `data t${table.id}`, "aria-label": table.title }, h("thead", {}, head), h("tbody", {}, body)))),
    h("span", { id: `after-${table.id}`, tabindex: -1 }),
    table.empty ? h("p", { class: "empty", role: "status" }, table.empty) : null,
    notes(table),
  ];
}

/** Draw the tabs and the active table. `onView(changes, options)` changes the location. */
let drawnTabs = null; // the tabs drawn last, as JSON

export function renderTables(page, onView) {
  const tabs = document.getElementById("tabs");
  const ids = page.tabs.map((tab) => tab.id);
  const tabsShown = JSON.stringify(page.tabs);
  if (tabsShown !== drawnTabs || tabs.children.length !== page.tabs.length) {
    drawnTabs = tabsShown;
    fill(tabs, page.tabs.map((tab) => h("button", {
      type: "button", role: "tab", id: `tab-${tab.id}`, "aria-selected": String(tab.selected), "aria-controls": "table-panel",
      tabindex: tab.selected ? 0 : -1, onclick: () => onView([["tab", tab.id]]),
    }, tab.label)));
  }
  tabs.onkeydown = (e) => {
    const i = ids.indexOf(page.here.tab);
    const next = e.key === "ArrowRight" ? ids[(i + 1) % ids.length] : e.key === "ArrowLeft" ? ids[(i + ids.length - 1) % ids.length] : null;
    if (next) {
      e.preventDefault();
      onView([["tab", next]], { keepFocus: `tab-${next}` });
    }
  };
  const table = page.table;
  const panel = document.getElementById("table-panel");
  panel.setAttribute("aria-labelledby", `tab-${page.here.tab}`);
  const data = table.kind === "data";
  // The same audited table with other figures (a slider's move): only the cells that changed.
  const shape = data ? null : auditedShape(page);
  if (shape && drawnAudited?.shape === shape && panel.contains(drawnAudited.summary)) {
    updateAudited(table);
    return;
  }
  if (data) drawnAudited = null;
  fill(panel,
    data ? dataTable(table, page.here, onView) : auditedTable(table, onView),
    h("div", { class: "downloads", role: "group", "aria-label": t("downloads") },
      h("span", {}, `${t("downloads")}: `),
      data ? h("button", { type: "button", dataset: { format: "csv", rows: "shown" } }, t("downloadCsvSeen")) : null,
      h("button", { type: "button", dataset: { format: "csv", rows: "all" } }, t("downloadCsvAll")),
      data ? h("button", { type: "button", dataset: { format: "json", rows: "shown" } }, t("downloadJsonSeen")) : null,
      h("button", { type: "button", dataset: { format: "json", rows: "all" } }, t("downloadJsonAll")),
      h("button", { type: "button", dataset: { spreadsheet: "xlsx" } }, t("downloadXlsx")),
      h("button", { type: "button", dataset: { spreadsheet: "zip" } }, t("downloadZip")),
      h("label", {}, `${t("csvDialect")} `,
        h("select", { class: "csv-dialect" },
          ...["en", "ru"].map((d) => h("option", { value: d, selected: d === (page.csvDialect || page.here.lang) }, t(d === "en" ? "dialectEn" : "dialectRu")))))));
  if (drawnAudited) drawnAudited.shape = shape;
}
