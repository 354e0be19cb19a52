// The charts: SVG drawn by plotters in the engine, shown as images (so nothing in them can run),
// each with a title, a legend, a one-line description, an SVG download and a table alternative.

import { h, fill, download } from "./dom.js";
import { t, pick, percent } from "./i18n.js";
import { safeFileName } from "./engine.js";

export const CHARTS = ["regions", "countries", "history"];
const drawn = new Map();

function legend(kind) {
  const item = (cls, text) => h("span", { class: `key ${cls}` }, h("span", { class: "swatch", "aria-hidden": "true" }), text);
  if (kind === "history") return h("p", { class: "legend" }, item("putin", t("legendRecomputed")), item("published", t("legendPublished")));
  return h("p", { class: "legend" }, item("opposition", t("legendOpposition")), item("putin", t("legendPutin")));
}

function alternative(data) {
  const rows = data.rows.map((r) => h("tr", {}, h("th", { scope: "row" }, r[0]), r.slice(1).map((v) => h("td", { class: "num" }, v))));
  return h("table", {}, h("thead", {}, h("tr", {}, data.head.map((c) => h("th", { scope: "col" }, c)))), h("tbody", {}, rows));
}

/** Lay out the chart frames once; `draw` fills them. */
export function buildCharts() {
  drawn.clear();
  fill(document.getElementById("charts"), CHARTS.map((kind) =>
    h("figure", { class: `chart chart-${kind}`, id: `chart-${kind}` },
      h("figcaption", {}, h("h3", {}, t(`chart${kind}`)), legend(kind), h("p", { class: "chart-description" })),
      h("div", { class: kind === "countries" ? "chart-frame tall" : "chart-frame" }, h("img", { alt: "" })),
      h("div", { class: "chart-tools" },
        h("button", { type: "button", class: "svg-download", dataset: { kind } }, t("downloadSvg"))),
      h("div", { class: "chart-alt" }))));
}

/** Redraw one chart from the engine's SVG; `numbers()` gives its table alternative when opened. */
export function drawChart(kind, chart, numbers) {
  const figure = document.getElementById(`chart-${kind}`);
  const box = figure.querySelector(".chart-alt");
  if (figure.dataset.svgLength === String(chart.svg.length) && drawn.get(kind) === chart.svg) {
    refreshAlternative(box, numbers);
    return;
  }
  drawn.set(kind, chart.svg);
  figure.dataset.svgLength = String(chart.svg.length);
  // A data URL, not a Blob: no copy into a blob store on every redraw. Only # and % need escaping.
  const img = figure.querySelector("img");
  img.src = `data:image/svg+xml;charset=utf-8,${chart.svg.replace(/[#%]/g, encodeURIComponent)}`;
  img.alt = chart.description;
  figure.querySelector(".chart-description").textContent = chart.description;
  figure.querySelector(".svg-download").onclick = () => download(safeFileName(`chart-${kind}`, "svg"), chart.svg, "image/svg+xml");
  refreshAlternative(box, numbers);
}

function refreshAlternative(box, numbers) {
  const details = box.querySelector("details") ?? box.appendChild(h("details", { class: "chart-table" }, h("summary", {}, t("showTable")), h("div", { class: "scroll" })));
  const show = () => fill(details.querySelector(".scroll"), alternative(numbers()));
  details.ontoggle = () => details.open && show();
  if (details.open) show();
}

/** The numbers behind the region and country charts. */
export function sharesTable(aggregates) {
  return {
    head: ["", t("legendOpposition"), t("legendPutin")],
    rows: aggregates.map((a) => [pick(a.name_en, a.name_ru), percent(a.opposition_share === null ? null : a.opposition_share * 100), percent(a.putin_share === null ? null : a.putin_share * 100)]),
  };
}

/** The numbers behind the history chart, from Table 1. */
export function historyTable(table1) {
  const col = table1.columns.findIndex((c) => c.id === "winner_share");
  return {
    head: ["", t("legendRecomputed"), t("legendPublished")],
    rows: table1.rows.map((r) => [r.id, percent(r.cells[col].value), r.cells[col].published?.text ?? "—"]),
  };
}
