// The charts: SVG drawn by plotters in the engine, shown as images (so nothing in them can run),
// each with its title, legend, description, table alternative and file name from the engine.

import { h, fill, download, downloadBlob, pngOf } from "./dom.js";
import { t } from "./i18n.js";

const drawn = new Map(); // kind → the SVG shown

function numbersTable(data) {
  return h("table", {},
    h("thead", {}, h("tr", {}, data.head.map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, data.rows.map((r) => h("tr", {}, h("th", { scope: "row" }, r[0]), r.slice(1).map((v) => h("td", { class: "num" }, v))))));
}

function frame(chart) {
  const legend = h("p", { class: "legend" }, chart.legend.map((k) =>
    h("span", { class: `key ${k.class}` }, h("span", { class: "swatch", "aria-hidden": "true" }), k.label)));
  return h("figure", { class: `chart chart-${chart.kind}`, id: `chart-${chart.kind}` },
    h("figcaption", {}, h("h3", {}, chart.title), legend, h("p", { class: "chart-description" })),
    h("div", { class: chart.kind === "countries" ? "chart-frame tall" : "chart-frame", tabindex: chart.kind === "countries" ? 0 : undefined, role: chart.kind === "countries" ? "region" : undefined, "aria-label": chart.kind === "countries" ? chart.title : undefined }, h("img", { alt: "" })),
    h("div", { class: "chart-tools" },
      h("button", { type: "button", class: "svg-download" }, t("downloadSvg")), " ",
      h("button", { type: "button", class: "png-download" }, t("downloadPng"))),
    h("details", { class: "chart-table" }, h("summary", {}, t("showTable")), h("div", { class: "scroll" })));
}

/** Draw the charts; frames are rebuilt when the language changes, images when the SVG does. */
export function renderCharts(charts, rebuild) {
  const box = document.getElementById("charts");
  if (rebuild || box.children.length !== charts.length) {
    drawn.clear();
    fill(box, charts.map(frame));
  }
  for (const chart of charts) {
    const figure = document.getElementById(`chart-${chart.kind}`);
    figure.querySelector(".svg-download").onclick = () => download(chart.file, chart.svg, "image/svg+xml");
    figure.querySelector(".png-download").onclick = async () => downloadBlob(chart.file.replace(/\.svg$/, ".png"), await pngOf(figure.querySelector("img")));
    const details = figure.querySelector("details");
    const showNumbers = () => fill(details.querySelector(".scroll"), numbersTable(chart.table));
    details.ontoggle = () => details.open && showNumbers();
    if (details.open) showNumbers();
    if (drawn.get(chart.kind) === chart.svg) continue;
    drawn.set(chart.kind, chart.svg);
    // A data URL, not a Blob: no copy into a blob store on every redraw. Only # and % need escaping
    // (% first; two native replacements, about 8× faster than a regular expression's callback).
    const img = figure.querySelector("img");
    img.src = `data:image/svg+xml;charset=utf-8,${chart.svg.replaceAll("%", "%25").replaceAll("#", "%23")}`;
    img.alt = chart.description;
    figure.querySelector(".chart-description").textContent = chart.description;
  }
}
