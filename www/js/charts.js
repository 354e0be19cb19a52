// The charts: SVG drawn by plotters in the engine, shown as images (so nothing in them can run),
// each with its title, legend, description, table alternative and file name from the engine.

import { h, fill, download, downloadBlob, pngOf } from "./dom.js";
import { t } from "./i18n.js";

const drawn = new Map(); // kind → the SVG shown

function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

function numbersTable(data) {
  return h("table", {},
    h("thead", {}, h("tr", {}, data.head.map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, data.rows.map((r) => h("tr", {}, h("th", { scope: "row" }, r[0]), r.slice(1).map((v) => h("td", { class: "num" }, v))))));
}

function frame(chart) {
  const legend = h("p", { class: "legend" }); // filled by renderCharts
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
    // The words can change when the picture does not (another win rule, the same winners drawn):
    // the title, legend and description follow every reading.
    const img = figure.querySelector("img");
    setText(figure.querySelector("h3"), chart.title);
    setText(figure.querySelector(".chart-description"), chart.description);
    if (img.alt !== chart.description) img.alt = chart.description;
    const legend = figure.querySelector(".legend");
    const keys = chart.legend.map((k) => `${k.class}\u001f${k.label}`).join("\u001e");
    if (legend.dataset.keys !== keys) {
      legend.dataset.keys = keys;
      fill(legend, chart.legend.map((k) => h("span", { class: `key ${k.class}` }, h("span", { class: "swatch", "aria-hidden": "true" }), k.label)));
    }
    if (drawn.get(chart.kind) === chart.svg) continue;
    drawn.set(chart.kind, chart.svg);
    // A data URL, not a Blob: no copy into a blob store on every redraw. Only # and % need escaping
    // (% first; two native replacements, about 8× faster than a regular expression's callback).
    img.src = `data:image/svg+xml;charset=utf-8,${chart.svg.replaceAll("%", "%25").replaceAll("#", "%23")}`;
  }
}
