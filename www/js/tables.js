// The tables: published figure, recomputed figure and difference side by side, the reason on
// hover or focus; the countries and PECs tables sortable, searchable and filtered by drill-down.
// Values, audits and reasons all come from the engine; this module only lays them out.

import { h, fill } from "./dom.js";
import { t, pick, count, percent, signed, language } from "./i18n.js";

export const TABS = ["1", "2", "3", "4", "text", "countries", "pecs"];
const DATA_TABLES = new Set(["countries", "pecs"]);
const SEARCHED = new Set(["pec", "country", "country_id", "city"]);

let reasonIds = 0;
// Rendered cells and rows, reused when a redraw leaves them unchanged (most do when one weight
// moves): keyed by table, language, row and column; each with the signature it was drawn from.
let cellCache = new Map();
let rowCache = new Map();

function signature(cell) {
  return JSON.stringify([cell.value, cell.text_ru, cell.status, cell.diff, cell.reason?.en, cell.reason?.ru, cell.note?.en, cell.scope]);
}

function cellUnit(table, row, column) {
  if (row.unit) return row.unit;
  if (column.unit === "percent") return "percent";
  if (column.unit === "count") return "count";
  return "text";
}

function cellText(cell, unit, decimals) {
  const v = cell.value;
  if (v === null || v === undefined) return "—";
  if (typeof v === "boolean") return v ? t("yes") : t("no");
  if (typeof v === "string") return pick(v, cell.text_ru);
  return unit === "percent" ? percent(v, decimals) : count(v);
}

/** One audited cell: value, the printed figure, the difference, the reason. */
function auditedCell(cell, unit, headerIds, place) {
  const decimals = 2;
  const classes = ["num", cell.status ?? ""];
  if (cell.scope) classes.push("sums");
  const attrs = { class: classes.join(" "), headers: headerIds, dataset: { ...place, ...(cell.scope ? { scope: cell.scope } : {}) } };
  if (!cell.published) {
    return h("td", attrs, h("span", { class: "value" }, cellText(cell, unit, 2)));
  }
  const reasonText = cell.reason ? pick(cell.reason.en, cell.reason.ru) : null;
  const noteText = cell.note ? pick(cell.note.en, cell.note.ru) : null;
  const id = `reason-${++reasonIds}`;
  const statusWord = cell.status === "match" ? t("match") : cell.status === "differs" ? t("differs") : t("notInData");
  const diffText = cell.diff === undefined || cell.diff === null || cell.status === "match"
    ? null
    : `${signed(cell.diff, unit === "percent" ? decimals : 0)}${unit === "percent" ? ` ${t("pp")}` : ""}`;
  const explained = reasonText || noteText;
  const mark = cell.status === "match" ? "✓" : cell.status === "differs" ? "≠" : "·";
  return h("td", { ...attrs, tabindex: explained || cell.scope ? 0 : undefined, "aria-describedby": explained ? id : undefined, title: statusWord },
    h("span", { class: "value" }, cell.status === "not_in_data" ? "—" : cellText(cell, unit, decimals)),
    h("span", { class: "printed" }, `${t("paperShort")} ${cell.published.text} ${mark}`),
    diffText ? h("span", { class: "diff" }, diffText) : null,
    explained ? h("span", { class: "reason", role: "tooltip", id },
      reasonText ? h("span", { class: "code" }, cell.reason.code) : null, reasonText ? ` ${reasonText}` : null,
      noteText ? h("span", { class: "note" }, noteText) : null) : null,
  );
}

function auditSummaryLine(table) {
  const { matches, differs, not_in_data: notInData } = table.audit;
  return h("p", { class: "audit-summary" }, t("auditSummary", matches, differs, notInData));
}

function notes(table) {
  const list = language() === "ru" ? table.notes_ru : table.notes_en;
  return list.length ? h("ul", { class: "table-notes" }, list.map((n) => h("li", {}, n))) : null;
}

/** Tables 1-4 and the text figures: every published cell audited. */
function auditedTable(table, { onDrill }) {
  const colIds = table.columns.map((c, i) => `t${table.id}-c${i}`);
  const head = h("tr", {}, h("th", { scope: "col" }, ""),
    table.columns.map((c, i) => {
      const drillable = table.id === "3" && c.id !== "total" && c.id !== "unassigned";
      return h("th", { scope: "col", id: colIds[i] }, pick(c.label_en, c.label_ru),
        drillable ? h("button", { type: "button", class: "drill", onclick: () => onDrill({ tab: "countries", region: c.id, country: null }) }, `→ ${t("drillCountries")}`) : null);
    }));
  const previous = cellCache;
  cellCache = new Map();
  const body = table.rows.map((row, r) => {
    const rowId = `t${table.id}-r${r}`;
    return h("tr", {},
      h("th", { scope: "row", id: rowId }, pick(row.label_en, row.label_ru)),
      row.cells.map((cell, i) => {
        const key = `${table.id}|${language()}|${row.id}|${table.columns[i].id}|${r}|${i}`;
        const sig = signature(cell);
        const cached = previous.get(key);
        if (cached && cached.sig === sig) {
          cellCache.set(key, cached);
          return cached.td;
        }
        const unit = cellUnit(table, row, table.columns[i]);
        const td = unit === "text" && !cell.published
          ? h("td", { class: "text", headers: `${rowId} ${colIds[i]}` }, cellText(cell, unit, 2))
          : auditedCell(cell, unit, `${rowId} ${colIds[i]}`, { row: row.id, col: table.columns[i].id });
        cellCache.set(key, { sig, td });
        return td;
      }));
  });
  return [
    h("h3", { class: "table-title" }, pick(table.title_en, table.title_ru)),
    auditSummaryLine(table),
    h("p", { class: "hint" }, t("sumsHint")),
    h("div", { class: "scroll" }, h("table", { class: `audit t${table.id}` }, h("thead", {}, head), h("tbody", {}, body))),
    notes(table),
  ];
}

function sortValue(cell) {
  const v = cell.value;
  if (typeof v === "string") return pick(v, cell.text_ru);
  if (typeof v === "boolean") return v ? 1 : 0;
  return v;
}

/** The rows a data table shows under the view: drill-down filter, search, sort. */
export function visibleRows(table, view) {
  let rows = table.rows;
  const filters = [];
  if (view.region) filters.push(`region:${view.region}`);
  if (view.country && table.id === "pecs") filters.push(`country:${view.country}`);
  if (filters.length) rows = rows.filter((r) => filters.every((f) => r.filters?.includes(f)));
  const query = (view.search || "").trim().toLocaleLowerCase();
  if (query) {
    // Name, country, city or PEC number: the columns a reader would search.
    const searched = table.columns.map((c, i) => (SEARCHED.has(c.id) ? i : -1)).filter((i) => i >= 0);
    rows = rows.filter((r) => searched.some((i) => {
      const c = r.cells[i];
      const texts = [String(c.value ?? ""), c.text_ru ?? ""];
      return texts.some((text) => text.toLocaleLowerCase().includes(query));
    }));
  }
  const col = view.sort ? table.columns.findIndex((c) => c.id === view.sort) : -1;
  if (col >= 0) {
    const collator = new Intl.Collator(language());
    const dir = view.descending ? -1 : 1;
    rows = [...rows].sort((a, b) => {
      const x = sortValue(a.cells[col]), y = sortValue(b.cells[col]);
      if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
      if (y === null || y === undefined) return -1;
      return dir * (typeof x === "string" ? collator.compare(x, y) : x - y);
    });
  }
  return rows;
}

function dataRow(table, row, onView) {
  return h("tr", { dataset: { scope: row.scope, id: row.id } },
    row.cells.map((cell, i) => {
      const c = table.columns[i];
      const unit = c.unit === "percent" ? "percent" : c.unit === "count" ? "count" : "text";
      const cls = unit === "text" ? (c.id === "evidence" ? `evidence ev-${cell.value}` : "text") : "num";
      const content = cellText(cell, unit, 2);
      if (i === 0 && table.id === "countries" && row.id !== "unassigned") {
        return h("td", { class: cls }, h("button", { type: "button", class: "link", onclick: () => onView({ tab: "pecs", country: row.id, region: null, search: "" }) }, content));
      }
      return h("td", { class: cls }, content);
    }));
}

/** The countries and PECs tables. */
function dataTable(table, view, { onView }) {
  const rows = visibleRows(table, view);
  const head = h("tr", {}, table.columns.map((c) => {
    const sorted = view.sort === c.id;
    const ariaSort = sorted ? (view.descending ? "descending" : "ascending") : "none";
    const label = pick(c.label_en, c.label_ru);
    return h("th", { scope: "col", "aria-sort": ariaSort, class: c.unit === "count" || c.unit === "percent" ? "num" : "" },
      h("button", {
        type: "button", class: "sort", "aria-label": t("sortBy", label),
        onclick: () => onView({ sort: c.id, descending: sorted ? !view.descending : c.unit === "count" || c.unit === "percent" }),
      }, label, h("span", { class: "sort-mark", "aria-hidden": "true" }, sorted ? (view.descending ? " ▼" : " ▲") : "")));
  }));
  const previous = rowCache;
  rowCache = new Map();
  const body = rows.map((row) => {
    const key = `${table.id}|${language()}|${row.id}`;
    const sig = row.cells.map((c) => c.value).join("\u0001");
    const cached = previous.get(key);
    if (cached && cached.sig === sig) {
      rowCache.set(key, cached);
      return cached.tr;
    }
    const tr = dataRow(table, row, onView);
    rowCache.set(key, { sig, tr });
    return tr;
  });
  const search = h("input", {
    type: "search", id: `search-${table.id}`, value: view.search || "", placeholder: t("search"), "aria-label": t("search"),
  });
  search.addEventListener("input", () => onView({ search: search.value }, { replace: true, keepFocus: search.id }));
  const filter = view.region || (table.id === "pecs" && view.country) ? h("p", { class: "filter" },
    `${t("filteredBy")}: `, [view.region, table.id === "pecs" ? view.country : null].filter(Boolean).join(", "), " ",
    h("button", { type: "button", class: "link", onclick: () => onView({ region: null, country: null }) }, t("clearFilter"))) : null;
  return [
    h("h3", { class: "table-title" }, pick(table.title_en, table.title_ru)),
    h("div", { class: "table-tools" }, search, h("span", { class: "count", "aria-live": "polite" }, t("rowsShown", rows.length, table.rows.length))),
    filter,
    h("div", { class: "scroll tall" }, h("table", { class: `data t${table.id}` }, h("thead", {}, head), h("tbody", {}, body))),
    notes(table),
  ];
}

/** Draw the tabs and the active table. */
export function renderTables(table, view, handlers) {
  const tabs = document.getElementById("tabs");
  fill(tabs, TABS.map((id) => h("button", {
    type: "button", role: "tab", id: `tab-${id}`, "aria-selected": String(id === view.tab), "aria-controls": "table-panel",
    tabindex: id === view.tab ? 0 : -1, onclick: () => handlers.onView({ tab: id }),
  }, t(`tab${id}`))));
  tabs.onkeydown = (e) => {
    const i = TABS.indexOf(view.tab);
    const next = e.key === "ArrowRight" ? TABS[(i + 1) % TABS.length] : e.key === "ArrowLeft" ? TABS[(i + TABS.length - 1) % TABS.length] : null;
    if (next) {
      e.preventDefault();
      handlers.onView({ tab: next }, { keepFocus: `tab-${next}` });
    }
  };
  const panel = document.getElementById("table-panel");
  panel.setAttribute("aria-labelledby", `tab-${view.tab}`);
  fill(panel,
    DATA_TABLES.has(table.id) ? dataTable(table, view, handlers) : auditedTable(table, { onDrill: handlers.onView }),
    h("div", { class: "downloads", role: "group", "aria-label": t("downloads") },
      h("span", {}, `${t("downloads")}: `),
      h("button", { type: "button", dataset: { format: "csv", rows: "seen" } }, t("downloadCsvSeen")),
      h("button", { type: "button", dataset: { format: "csv", rows: "all" } }, t("downloadCsvAll")),
      h("button", { type: "button", dataset: { format: "json", rows: "seen" } }, t("downloadJsonSeen")),
      h("button", { type: "button", dataset: { format: "json", rows: "all" } }, t("downloadJsonAll")),
    ));
}
