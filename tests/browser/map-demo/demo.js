// The map demo: data/map.json (written by `cargo run -- import`)
// and two fixtures of figures (fixture.js), drawn by www/js/map.js. For screenshots and timing only.

import { drawMap, mapSvgText, mapPngBlob } from "../../../www/js/map.js";
import { download } from "../../../www/js/dom.js";

const get = async (url) => (await fetch(url)).json();
const [mapData, paper, invalid0] = await Promise.all([get("../../../data/map.json"), get("figures-paper.json"), get("figures-invalid0.json")]);
const box = document.getElementById("map-box");
let figures = paper;
let outline = false;
const handlers = { onOpen: (id, territory) => { document.getElementById("opened").textContent = `open ${id}${territory ? `/${territory}` : ""}`; window.__opened.push([id, territory]); } };
const draw = () => drawMap(box, mapData, { ...figures, outline }, handlers);

const t0 = performance.now();
const first = draw();
const buildMs = performance.now() - t0;
document.getElementById("reading-paper").onclick = () => { figures = paper; draw(); };
document.getElementById("reading-invalid0").onclick = () => { figures = invalid0; draw(); };
document.getElementById("outline").onclick = () => { outline = !outline; draw(); };
document.getElementById("svg").onclick = () => download("map.svg", mapSvgText(box), "image/svg+xml");
document.getElementById("png").onclick = async () => {
  const blob = await mapPngBlob(box);
  window.__pngBytes = blob.size;
};

/** Time `n` updates alternating the two readings (each changes every country's aria-label);
 *  with `flush`, each time includes the style recalculation and layout the update causes. */
function bench(n = 200, flush = false) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const next = i % 2 ? paper : invalid0;
    const start = performance.now();
    drawMap(box, mapData, { ...next, outline }, handlers);
    if (flush) void box.getBoundingClientRect().height + document.body.offsetHeight;
    times.push(performance.now() - start);
  }
  drawMap(box, mapData, { ...figures, outline }, handlers);
  times.sort((a, b) => a - b);
  return { n, median: times[Math.floor(n / 2)], p95: times[Math.floor(n * 0.95)], max: times[n - 1] };
}

window.__opened = [];
window.__map = { ready: true, buildMs, missing: first.missing, bench, svgText: () => mapSvgText(box), paper, draw: (f) => drawMap(box, mapData, f, handlers) };
