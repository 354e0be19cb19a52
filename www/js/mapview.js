// The map section: fetches the map bundle (data/map.json) once the page is interactive, then
// draws the engine's map figures (page.map) with map.js on every redraw. The region outline is
// a way of looking, not a reading, so it stays out of the URL.

import { drawMap, mapSvgText, mapPngBlob } from "./map.js";
import { download, downloadBlob } from "./dom.js";
import { t } from "./i18n.js";

let mapData = null;
let figures = null; // the engine's last map figures
let handlers = {};
const box = () => document.getElementById("map");

function draw() {
  if (!mapData || !figures) return;
  const outline = document.getElementById("map-outline").checked;
  drawMap(box(), mapData, { ...figures, outline }, handlers);
}

let pending = false;

/** Draw the map of a page the engine built (or keep it until the bundle arrives). The map is
 *  brought up to date in the next frame, after the tables and headline: a drag of a slider then
 *  redraws the map once per frame, not once per input event. */
export function renderMap(next) {
  figures = next;
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    draw();
  });
}

/** Fetch the bundle and wire the section: `open(id)` drills down to a country's PECs, `table()`
 *  shows the countries table. */
export async function startMap({ open, table }) {
  handlers = { onOpen: (id) => open(id) };
  const status = document.getElementById("map-status");
  document.getElementById("map-outline").addEventListener("change", draw);
  document.getElementById("map-table").addEventListener("click", table);
  document.getElementById("map-svg").addEventListener("click", () => download("reweigh-map.svg", mapSvgText(box()), "image/svg+xml"));
  document.getElementById("map-png").addEventListener("click", async () => downloadBlob("reweigh-map.png", await mapPngBlob(box())));
  status.textContent = t("mapLoading");
  try {
    const response = await fetch("data/map.json");
    if (!response.ok) throw new Error(`data/map.json: HTTP ${response.status}`);
    mapData = await response.json();
  } catch (e) {
    status.textContent = `${t("mapFailed")} ${e.message}`;
    return;
  }
  status.textContent = "";
  for (const id of ["map-outline", "map-svg", "map-png"]) document.getElementById(id).disabled = false;
  draw();
  window.__reweigh.mapReady = true;
}
