// "How robust is each conclusion?": every claim of the paper by its title and place, its verdict
// under this reading (with the location check and the pinned reading), the share of readings of
// the grid where it holds (three verdicts apart for a printed figure), its range, and what its
// changes rest on (an importance bar). A claim opens its tipping points in words, its chart over
// the two assumptions its changes rest on most, its specification curve, and a button to the
// nearest reading with the other verdict. The sweep, charts and curves run in a worker; every
// word and number comes from the engine.

import { h, fill, download } from "./dom.js";
import { t } from "./i18n.js";

let worker = null;
let requests = 0;
const pending = new Map();
let view = null; // the engine's rows, in the page's language
let viewLang = null;
let verdicts = new Map();
let hooks = null;
let detailRequest = 0;
let renderedClaim;
/** Whether the panel has been drawn once (a linked claim is scrolled to then). */
let firstDrawn = false;

function ask(type, payload = {}) {
  const id = ++requests;
  worker.postMessage({ id, type, ...payload });
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}

/** Start the worker and the sweep; `hooks` = {here(), go(hash), setClaim(id|"")}. */
export function startRobustness(h_) {
  hooks = h_;
  worker = new Worker(new URL("./sweep-worker.js", import.meta.url), { type: "module" });
  worker.onmessage = ({ data }) => {
    const p = pending.get(data.id);
    pending.delete(data.id);
    if (data.error !== undefined) p?.reject(new Error(data.error));
    else p?.resolve(data.result);
  };
  worker.onerror = (e) => showStatus(`${t("sweepFailed")} ${e.message ?? ""}`);
  showStatus(t("sweepRunning"));
  const started = performance.now();
  const lang = hooks.here().lang;
  ask("sweep", { grid: "", lang }).then(
    ({ view: v, ms }) => {
      view = v;
      viewLang = lang;
      window.__reweigh.sweep = { workerMs: ms, wallMs: performance.now() - started, readings: 450000 };
      render();
    },
    (e) => showStatus(`${t("sweepFailed")} ${e.message}`),
  );
}

function showStatus(text) {
  document.getElementById("robustness-status").textContent = text;
}

/** A bar of 5% steps: segments {class, width}. */
function bar(label, segments) {
  return h("span", { class: "bar parts", role: "img", "aria-label": label },
    segments.filter((s) => s.width > 0).map((s) => h("span", { class: `fill w${s.width} ${s.class}` })));
}

/** Redraw the panel (after the sweep, a claim opened or closed, a language switch). */
export async function render() {
  if (!view) return;
  const here = hooks.here();
  if (viewLang !== here.lang) {
    viewLang = here.lang;
    view = await ask("view", { lang: here.lang });
  }
  renderedClaim = here.claim ?? null;
  showStatus(view.status);
  const rows = view.rows.flatMap((c) => {
    const selected = renderedClaim === c.id;
    const row = h("tr", { class: selected ? "selected" : "", dataset: { claim: c.id } },
      h("th", { scope: "row" },
        h("button", { type: "button", class: "link claim-open", "aria-expanded": String(selected), dataset: { claim: c.id } }, c.title),
        h("span", { class: "claim-place" }, c.place)),
      verdictCell(c.id),
      h("td", { class: "share", dataset: { label: t("holdsIn") } },
        bar(c.counts, [{ class: "holds", width: c.bar }, { class: "off", width: c.bar_off }]),
        h("span", {}, c.holds_in),
        h("span", { class: "detail counts" }, c.counts)),
      h("td", { class: "num", dataset: { label: t("range") } }, c.range, c.target ? h("span", { class: "detail" }, c.target) : null),
      h("td", { class: "importance", dataset: { label: t("restsOn") } },
        c.importance.parts.length ? bar(c.importance.text, c.importance.parts.map((p) => ({ class: `k-${p.key}`, width: p.width }))) : null,
        h("span", { class: "detail" }, c.importance.text)));
    // The open claim's detail sits right under its row, not under the whole table.
    return selected ? [row, h("tr", { class: "detail-row" }, h("td", { colspan: 5, class: "detail-cell" }, h("div", { id: "robustness-detail", "aria-live": "polite" })))] : [row];
  });
  fill(document.getElementById("robustness-table"),
    h("thead", {}, h("tr", {}, [t("claim"), t("nowVerdict"), t("holdsIn"), t("range"), t("restsOn")].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, rows));
  showDetail();
  // A link that opens a claim: its row comes into view once the panel is first drawn, unless the
  // reader has scrolled meanwhile.
  if (!firstDrawn) {
    firstDrawn = true;
    if (renderedClaim && window.scrollY === 0) document.querySelector("#robustness-table tr.selected")?.scrollIntoView({ block: "start" });
  }
}

function verdictCell(id) {
  const now = verdicts.get(id);
  return h("td", { class: `verdict ${now?.verdict ?? ""}`, dataset: { label: t("nowVerdict") } }, now ? now.word : "…",
    now?.value ? h("span", { class: "detail" }, now.value) : null,
    now?.location ? h("span", { class: "location-flag", title: now.location_detail }, now.location) : null,
    now?.pinned ? h("span", { class: `detail pinned${now.pinned_differs ? " changed" : ""}` }, now.pinned) : null);
}

/** The verdicts under the current reading (from the page's one engine call): the verdict cells
 * and the open claim's detail are redrawn. */
export function setVerdicts(list) {
  const drawn = verdicts;
  verdicts = new Map(list.map((c) => [c.id, c]));
  if (!view) return;
  const here = hooks.here();
  if ((here.claim ?? null) !== renderedClaim || here.lang !== viewLang) return render();
  for (const c of view.rows) {
    // A claim the engine reused is the very object its cell was drawn from: the cell stays.
    if (drawn.get(c.id) === verdicts.get(c.id)) continue;
    const cell = document.querySelector(`#robustness-table tr[data-claim="${c.id}"] td.verdict`);
    if (cell) cell.replaceWith(verdictCell(c.id));
  }
  showDetail();
}

function numbersTable(data) {
  return h("table", {},
    h("thead", {}, h("tr", {}, data.head.map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, data.rows.map((r) => h("tr", {}, h("th", { scope: "row" }, r[0]), r.slice(1).map((v) => h("td", {}, v))))));
}

function svgSource(svg) {
  return `data:image/svg+xml;charset=utf-8,${svg.replace(/[#%]/g, encodeURIComponent)}`;
}

/** A chart frame the worker fills: image, description, SVG download, table alternative. */
function chartFrame(className) {
  const img = h("img", { alt: "" });
  const caption = h("p", { class: "chart-description" });
  const svgButton = h("button", { type: "button", class: "svg-download" }, t("downloadSvg"));
  const legend = h("p", { class: "legend" });
  const table = h("details", { class: "chart-table", hidden: true }, h("summary", {}, t("showTable")), h("div", { class: "scroll" }));
  const title = h("h4", {});
  const figure = h("figure", { class: className }, title, legend, h("div", { class: "robustness-chart" }, img), caption,
    h("div", { class: "chart-tools" }, svgButton), table);
  const show = (chart) => {
    img.src = svgSource(chart.svg);
    img.alt = chart.description;
    caption.textContent = chart.description;
    if (chart.title) title.textContent = chart.title;
    if (chart.legend) fill(legend, chart.legend.map((k) => h("span", { class: `key ${k.class}` }, h("span", { class: "swatch", "aria-hidden": "true" }), k.label)));
    if (chart.heat) legend.className = "legend heat-legend";
    if (chart.table) {
      table.hidden = false;
      fill(table.querySelector(".scroll"), numbersTable(chart.table));
    }
    svgButton.onclick = () => download(chart.file, chart.svg, "image/svg+xml");
  };
  return { figure, show, fail: (message) => (caption.textContent = message) };
}

async function showDetail() {
  const detail = document.getElementById("robustness-detail");
  const here = hooks.here();
  const claim = view?.rows.find((c) => c.id === here.claim);
  if (!claim || !detail) return;
  const ticket = ++detailRequest;
  const now = verdicts.get(claim.id);
  // Offer only what can succeed: a reading where it does not hold exists only if there is one.
  const possible = now?.verdict === "holds" ? claim.can_fail : claim.can_hold;
  const flip = possible
    ? h("button", { type: "button", id: "flip", class: "flip" }, now?.flip_label ?? "")
    : h("span", { class: "hint" }, t("noFlip"));
  const heat = chartFrame("heat-map");
  const curve = claim.has_curve ? chartFrame("spec-curve") : null;
  fill(detail,
    h("h3", {}, claim.title),
    h("p", { class: "claim-place" }, claim.place),
    h("blockquote", {}, claim.quote, claim.translation ? h("span", { class: "translation" }, ` ${claim.translation}`) : null),
    h("p", {}, claim.paper, claim.nearest ? `. ${claim.nearest}.` : "."),
    now ? h("div", { class: "tipping" }, h("h4", {}, t("tippingTitle")), h("ul", {}, now.tipping.map((s) => h("li", {}, s)))) : null,
    now ? h("p", { class: `location-detail${now.location ? " flagged" : ""}` }, now.location_detail) : null,
    now?.pinned ? h("p", { class: "pinned" }, now.pinned) : null,
    h("div", { class: "chart-tools" }, flip),
    h("div", { class: "robustness-charts" }, heat.figure, curve?.figure));
  if (possible) {
    flip.onclick = async () => {
      try {
        hooks.go(await ask("flip", { claim: claim.id, hash: here.canonical }));
      } catch (e) {
        flip.replaceWith(h("span", { class: "input-error" }, e.message));
      }
    };
  }
  try {
    const chart = await ask("chart", { claim: claim.id, hash: here.canonical });
    if (ticket !== detailRequest) return;
    heat.show({ ...chart, title: t("heatTitle"), heat: true, legend: view.legend.map(([cls, label]) => ({ class: cls, label })) });
  } catch (e) {
    heat.fail(e.message);
  }
  if (!curve) return;
  try {
    const chart = await ask("curve", { claim: claim.id, hash: here.canonical });
    if (ticket !== detailRequest) return;
    curve.show(chart);
  } catch (e) {
    curve.fail(e.message);
  }
}

/** Wire the panel's clicks and downloads once. */
export function wireRobustness() {
  document.getElementById("robustness-table").addEventListener("click", (e) => {
    const button = e.target.closest(".claim-open");
    if (!button) return;
    const open = hooks.here().claim === button.dataset.claim;
    hooks.setClaim(open ? "" : button.dataset.claim);
  });
  for (const format of ["csv", "json"]) {
    document.getElementById(`sweep-${format}`).addEventListener("click", async () => {
      const file = await ask("export", { format, generated: new Date().toISOString(), hash: hooks.here().canonical });
      download(file.name, file.text, file.mime);
    });
  }
}
