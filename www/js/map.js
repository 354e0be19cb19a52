// The world map: an inline SVG built once from the map bundle (integer paths on an Equal Earth
// view box, keyed by ISO alpha-2; no projection runs here), then for each reading only classes and
// a few attributes change. Colours are CSS classes by bin (style.css), never computed here; a win
// also shows without colour: hatching on shapes, a ring around points. DOM methods only.
//
// figures = { countries: [{ id, territory?, bin (-4..4 | null), wins, evidence, label, tooltip: [],
//   region? }], legend: { title, bins: [{ bin, label }], win, inferred, none?, borders },
//   description, outline? }. Countries are focusable in the order given; `outline: true` draws the
//   borders between regions (from each country's `region`).

import { h, fill } from "./dom.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const MARKER_R = 3.2;
const RING_R = 5.2;
const built = new WeakMap(); // container → the map drawn in it
let serial = 0;

/** An SVG element: attributes set one by one, never parsed from markup. */
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null && value !== false) el.setAttribute(key, String(value));
  }
  for (const child of children) if (child) el.append(child);
  return el;
}

const unitKey = (id, territory) => (territory ? `${id}/${territory}` : id);

/** -4..4 → `bin-m4` … `bin-0` … `bin-p4`; anything else has no colour of its own. */
export function binClass(bin) {
  if (!Number.isInteger(bin) || bin < -4 || bin > 4) return "bin-none";
  return bin < 0 ? `bin-m${-bin}` : bin > 0 ? `bin-p${bin}` : "bin-0";
}

/**
 * Draw the map into `container`, or bring the map already there up to `figures`.
 * handlers.onOpen(id, territory) runs on click or Enter on a country with PECs.
 * Returns { svg, missing }: `missing` lists figures' ids the bundle has no shape or point for.
 */
export function drawMap(container, mapData, figures, handlers = {}) {
  let map = built.get(container);
  if (!map || map.data !== mapData) {
    map = build(container, mapData);
    built.set(container, map);
  }
  map.handlers = handlers;
  const missing = update(map, figures);
  return { svg: map.svg, missing };
}

function build(container, data) {
  const n = ++serial;
  const [minX, minY, width, height] = data.view_box;
  const hatchId = `map-win-hatch-${n}`;
  const descriptionId = `map-description-${n}`;
  const svg = s("svg", {
    class: "map-svg", viewBox: `${minX} ${minY} ${width} ${height}`, role: "group",
    "aria-labelledby": descriptionId, id: container.closest("#map") ? null : "map",
  });
  const hatch = s("pattern", { id: hatchId, patternUnits: "userSpaceOnUse", width: 4, height: 4, patternTransform: "rotate(45)" },
    s("line", { class: "map-hatch-line", x1: 1, y1: 0, x2: 1, y2: 4 }));
  const base = s("g", { class: "map-countries" });
  const regions = s("path", { class: "map-regions", d: "" });
  const points = s("g", { class: "map-points", "aria-hidden": "true" });
  const focusPath = s("path", { class: "map-focus", d: "" });
  const focusDot = s("circle", { class: "map-focus", r: RING_R + 1.5, cx: -10, cy: -10 });
  svg.append(s("defs", {}, hatch), s("path", { class: "map-other", d: data.other }), base, regions, points, focusPath, focusDot);

  // One unit per country shape, and one per marker that has no shape of its own (the disputed
  // territories, countries 1:110m lacks). A marker is drawn twice: in its country's group (the
  // focus target) and on the top layer, so no neighbour painted later hides it.
  const units = new Map();
  const unitFor = (id, territory) => {
    const key = unitKey(id, territory);
    if (!units.has(key)) {
      const g = s("g", { class: "country", "data-country": id, "data-territory": territory, "data-key": key });
      units.set(key, { key, id, territory, g, d: null, at: null, marker: null, top: null, hatch: null, cls: "country", figure: null });
      base.append(g);
    }
    return units.get(key);
  };
  for (const c of data.countries) {
    const unit = unitFor(c.id, null);
    unit.d = c.d;
    unit.at = c.at;
    unit.g.append(s("path", { class: "shape", d: c.d }));
  }
  for (const m of data.markers) {
    const unit = unitFor(m.id, m.territory);
    unit.marker = [m.x, m.y];
    const dot = () => s("circle", { class: "marker-dot", cx: m.x, cy: m.y, r: MARKER_R });
    const ring = () => s("circle", { class: "marker-ring", cx: m.x, cy: m.y, r: RING_R });
    unit.g.append(ring(), dot());
    unit.top = s("g", { class: "country", "data-country": m.id, "data-territory": m.territory, "data-key": unit.key }, ring(), dot());
    points.append(unit.top);
  }

  // The canvas holds the map and the layer its tooltip is drawn in.
  const canvas = h("div", { class: "map-canvas" }, svg);
  const frame = h("div", { class: "map-frame" }, canvas);
  const tip = h("div", { class: "map-tip", role: "tooltip", id: `map-tip-${n}` });
  const tipBox = s("foreignObject", { x: 0, y: 0, width: 0, height: 0 });
  tipBox.append(tip);
  const overlay = s("svg", { class: "map-overlay" }, tipBox);
  canvas.append(overlay);
  const legend = h("div", { class: "map-legend" });
  const description = h("p", { class: "map-description", id: descriptionId });
  fill(container, description, frame, legend);

  const map = {
    data, svg, units, hatchId, regions, focusPath, focusDot, canvas, overlay, tipBox, tip, legend, description,
    handlers: {}, order: "", legendText: "", regionText: "", current: null,
  };
  wire(map);
  return map;
}

/** The unit an event happened on, if it is a country with PECs in this reading. */
function unitOf(map, target) {
  const el = target instanceof Element ? target.closest("[data-key]") : null;
  const unit = el ? map.units.get(el.getAttribute("data-key")) : null;
  return unit && unit.figure ? unit : null;
}

function wire(map) {
  const { svg } = map;
  const open = (unit) => map.handlers.onOpen?.(unit.id, unit.territory ?? null);
  svg.addEventListener("click", (e) => {
    const unit = unitOf(map, e.target);
    if (unit) open(unit);
  });
  // One tab stop for the whole map (not one per country before the tables): the arrow keys, Home
  // and End move between the countries in the order given.
  const steps = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
  svg.addEventListener("keydown", (e) => {
    const unit = unitOf(map, e.target);
    if (unit && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      open(unit);
    } else if (e.key === "Escape") {
      hideTip(map);
    } else if (unit && (e.key in steps || e.key === "Home" || e.key === "End")) {
      const keys = map.order ? map.order.split(" ") : [];
      const at = keys.indexOf(unit.key);
      const to = e.key === "Home" ? 0 : e.key === "End" ? keys.length - 1 : at + steps[e.key];
      if (at < 0 || to < 0 || to >= keys.length) return;
      e.preventDefault();
      const next = map.units.get(keys[to]);
      setTabStop(map, next);
      next.g.focus();
    }
  });
  svg.addEventListener("pointermove", (e) => {
    const unit = unitOf(map, e.target);
    if (!unit) return hideTip(map);
    const box = map.canvas.getBoundingClientRect();
    showTip(map, unit, e.clientX - box.left, e.clientY - box.top, 14);
  });
  svg.addEventListener("pointerleave", () => hideTip(map));
  // Focus listeners on the frame, not on the svg: Chromium makes an SVG element with focus
  // listeners a tab stop of its own (a dead one, before the countries).
  map.canvas.addEventListener("focusin", (e) => {
    const unit = unitOf(map, e.target);
    if (!unit) return;
    setTabStop(map, unit);
    // Point at the country's point, or at its largest polygon (not the middle of its box:
    // France's box spans the Atlantic to French Guiana).
    const [x, y] = unit.marker ?? unit.at;
    const box = map.canvas.getBoundingClientRect();
    const view = svg.getBoundingClientRect();
    const scale = view.width / map.data.view_box[2];
    showTip(map, unit, view.left - box.left + x * scale, view.top - box.top + y * scale, 10);
  });
  map.canvas.addEventListener("focusout", () => hideTip(map));
}

/** Make `unit` the map's one tab stop (the others are reached with the arrow keys). */
function setTabStop(map, unit) {
  if (map.tabStop === unit) return;
  map.tabStop?.g.setAttribute("tabindex", "-1");
  map.tabStop = unit;
  unit?.g.setAttribute("tabindex", "0");
}

/** Show the tooltip of `unit` beside the point (x, y) of the frame, `gap` pixels away. */
function showTip(map, unit, x, y, gap) {
  const { tip, tipBox, overlay, canvas } = map;
  if (map.current !== unit) {
    map.current = unit;
    const f = unit.figure;
    fill(tip, h("strong", {}, f.label), (f.tooltip ?? []).map((line) => h("span", {}, line)));
    map.focusPath.setAttribute("d", unit.d ?? "");
    map.focusDot.setAttribute("cx", unit.marker ? unit.marker[0] : -10);
    map.focusDot.setAttribute("cy", unit.marker ? unit.marker[1] : -10);
    overlay.setAttribute("class", "map-overlay open");
    tipBox.setAttribute("width", Math.min(300, canvas.clientWidth));
    tipBox.setAttribute("height", canvas.clientHeight + 200);
    map.tipSize = [tip.offsetWidth, tip.offsetHeight];
    tipBox.setAttribute("width", map.tipSize[0] + 2);
    tipBox.setAttribute("height", map.tipSize[1] + 2);
  }
  map.tipAt = [x, y, gap];
  const [w, hgt] = map.tipSize;
  const fw = canvas.clientWidth;
  let left = x + gap;
  if (left + w > fw) left = x - gap - w;
  let top = y + gap;
  if (top + hgt > canvas.clientHeight && y - gap - hgt >= 0) top = y - gap - hgt;
  tipBox.setAttribute("x", Math.round(Math.max(0, Math.min(left, fw - w))));
  tipBox.setAttribute("y", Math.round(Math.max(0, top)));
}

function hideTip(map, force = false) {
  if (!map.current && !force) return;
  map.current = null;
  map.overlay.setAttribute("class", "map-overlay");
  map.focusPath.setAttribute("d", "");
  map.focusDot.setAttribute("cx", -10);
}

function setClass(unit, cls) {
  if (unit.cls === cls) return;
  unit.cls = cls;
  unit.g.setAttribute("class", cls);
  unit.top?.setAttribute("class", cls);
}

function setData(unit, name, value) {
  for (const el of [unit.g, unit.top]) {
    if (!el) continue;
    if (value === null) el.removeAttribute(name);
    else el.setAttribute(name, value);
  }
}

/** Bring the drawn map up to `figures`: classes, flags, labels, order, outlines, legend. */
function update(map, figures) {
  const missing = [];
  const seen = new Set();
  for (const f of figures.countries) {
    const unit = map.units.get(unitKey(f.id, f.territory));
    if (!unit) {
      missing.push(unitKey(f.id, f.territory));
      continue;
    }
    seen.add(unit);
    const previous = unit.figure;
    unit.figure = f;
    const evidence = f.evidence === "inferred" || f.evidence === "unknown" ? ` evidence-${f.evidence}` : "";
    setClass(unit, `country has-pecs ${binClass(f.bin)}${f.wins ? " wins" : ""}${evidence}`);
    if (!previous || previous.wins !== f.wins) setData(unit, "data-opposition-wins", f.wins ? "true" : "false");
    if (f.wins && !unit.hatch && unit.d) {
      unit.hatch = s("path", { class: "win-hatch", d: unit.d, fill: `url(#${map.hatchId})` });
      unit.g.insertBefore(unit.hatch, unit.g.querySelector(".marker-ring"));
    }
    const label = [f.label, ...(f.tooltip ?? [])].join(". ");
    if (!previous) {
      unit.g.setAttribute("tabindex", "-1");
      unit.g.setAttribute("role", "button");
    }
    if (unit.label !== label) {
      unit.label = label;
      unit.g.setAttribute("aria-label", label);
    }
  }
  for (const unit of map.units.values()) {
    if (!unit.figure || seen.has(unit)) continue;
    unit.figure = null;
    unit.label = null;
    setClass(unit, "country");
    setData(unit, "data-opposition-wins", null);
    for (const name of ["tabindex", "role", "aria-label"]) unit.g.removeAttribute(name);
    if (map.current === unit) hideTip(map);
    if (map.tabStop === unit) map.tabStop = null;
  }
  // Focus follows the order of figures.countries: move groups only when that order changes.
  const order = figures.countries.map((f) => unitKey(f.id, f.territory)).filter((k) => map.units.has(k));
  const orderText = order.join(" ");
  if (orderText !== map.order) {
    map.order = orderText;
    const layer = map.svg.querySelector(".map-countries");
    for (const key of order) layer.append(map.units.get(key).g);
  }
  // The tab stop stays on its country while it has PECs; else it goes to the first in the order.
  if (!map.tabStop && order.length) setTabStop(map, map.units.get(order[0]));
  drawRegions(map, figures);
  drawLegend(map, figures);
  if (map.description.textContent !== (figures.description ?? "")) map.description.textContent = figures.description ?? "";
  const open = map.current;
  if (open) {
    // An open tooltip shows the new reading's text (or closes if its country left the map).
    map.current = null;
    if (open.figure) showTip(map, open, ...map.tipAt);
    else hideTip(map, true);
  }
  return missing;
}

/** Borders whose two sides lie in different regions (a side with no PECs has none). */
function drawRegions(map, figures) {
  const region = new Map(figures.countries.filter((f) => !f.territory && f.region).map((f) => [f.id, f.region]));
  const key = figures.outline ? JSON.stringify([...region]) : "";
  if (key === map.regionText) return;
  map.regionText = key;
  const d = figures.outline
    ? map.data.borders.filter((b) => (region.get(b.a) ?? null) !== (region.get(b.b) ?? null)).map((b) => b.d).join("")
    : "";
  map.regions.setAttribute("d", d);
}

function swatch(cls, { hatch = null, marker = false } = {}) {
  const shape = marker
    ? [s("circle", { class: "marker-ring", cx: 9, cy: 7, r: 5.5 }), s("circle", { class: "marker-dot", cx: 9, cy: 7, r: 3 })]
    : [s("rect", { class: "shape", x: 1, y: 1, width: 16, height: 12 }),
      hatch ? s("rect", { class: "win-hatch", x: 1, y: 1, width: 16, height: 12, fill: `url(#${hatch})` }) : null];
  return s("svg", { class: `map-swatch ${cls}`, viewBox: "0 0 18 14", width: 18, height: 14, "aria-hidden": "true" }, ...shape);
}

function drawLegend(map, figures) {
  const legend = figures.legend ?? {};
  const text = JSON.stringify(legend);
  if (text === map.legendText) return;
  map.legendText = text;
  const item = (graphic, label) => h("li", {}, graphic, h("span", {}, label));
  fill(map.legend,
    legend.title ? h("p", { class: "map-legend-title" }, legend.title) : null,
    h("ul", { class: "map-bins" }, (legend.bins ?? []).map((b) => item(swatch(`country has-pecs ${binClass(b.bin)}`), b.label))),
    h("ul", { class: "map-keys" },
      legend.win ? item(h("span", { class: "map-swatch-pair" },
        swatch("country has-pecs bin-p2 wins", { hatch: map.hatchId }), swatch("country has-pecs bin-p2 wins", { marker: true })), legend.win) : null,
      legend.inferred ? item(swatch("country has-pecs bin-0 evidence-inferred"), legend.inferred) : null,
      legend.none ? item(swatch("country"), legend.none) : null),
    legend.borders ? h("p", { class: "map-borders-note" }, legend.borders) : null);
}

/** The map as shown, as a standalone SVG file: CSS classes resolved into attributes. */
export function mapSvgText(container) {
  const map = built.get(container);
  if (!map) return null;
  const copy = map.svg.cloneNode(true);
  const originals = map.svg.querySelectorAll("*");
  const copies = copy.querySelectorAll("*");
  const properties = ["fill", "stroke", "stroke-width", "stroke-dasharray", "stroke-linejoin", "display", "opacity", "vector-effect"];
  originals.forEach((el, i) => {
    const style = getComputedStyle(el);
    for (const p of properties) copies[i].setAttribute(p, style.getPropertyValue(p));
    for (const name of ["class", "tabindex", "role", "aria-label", "aria-hidden", "data-key"]) copies[i].removeAttribute(name);
  });
  for (const el of copy.querySelectorAll(".map-focus, [display=none]")) el.remove();
  const [, , width, height] = map.data.view_box;
  const scale = map.svg.clientWidth > 0 ? map.svg.clientWidth / width : 1;
  for (const name of ["id", "class", "role", "aria-labelledby"]) copy.removeAttribute(name);
  const background = getComputedStyle(map.svg).backgroundColor;
  copy.prepend(s("rect", { x: 0, y: 0, width, height, fill: background }));
  copy.setAttribute("xmlns", SVG_NS);
  copy.setAttribute("width", Math.round(width * Math.max(scale, 1)));
  copy.setAttribute("height", Math.round(height * Math.max(scale, 1)));
  const desc = s("desc");
  desc.textContent = [map.description.textContent, map.legend.querySelector(".map-borders-note")?.textContent].filter(Boolean).join(" ");
  copy.prepend(desc);
  return new XMLSerializer().serializeToString(copy);
}

/** The map as shown, as a PNG (via a data: URL image, which the page's CSP allows). */
export async function mapPngBlob(container, scale = 2) {
  const text = mapSvgText(container);
  if (!text) return null;
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await image.decode();
  const canvas = h("canvas", { width: Math.round(image.naturalWidth * scale), height: Math.round(image.naturalHeight * scale) });
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
}
