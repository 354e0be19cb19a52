// The page's benchmark (not a test): time to interactive, redraw time from a control's input
// event to the finished redraw (median over many toggles), and the gzipped transfer sizes.
// Usage: node bench.js [www dir]  — prints one JSON document.

import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, open, ready } from "./browser.js";
import { serve } from "./server.js";

const here = dirname(fileURLToPath(import.meta.url));
const www = process.argv[2] || join(here, "..", "..", "www");
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : null;
};
const round = (x) => Math.round(x * 100) / 100;

const server = await serve(www);
const { context, close } = await launch();

// Time to interactive, over several cold loads.
const loads = [];
let requests = [];
for (let i = 0; i < 7; i++) {
  const { page, log } = await open(context, server.base);
  await page.goto(`${server.base}#tab=3&lang=en`);
  await ready(page);
  loads.push(await page.evaluate(() => window.__reweigh.interactiveAt));
  requests = log.requests;
  await page.close();
}

// Redraws: toggle each kind of control many times.
const { page } = await open(context, server.base);
await page.goto(`${server.base}#tab=3&lang=en`);
await ready(page);
await page.waitForFunction(() => window.__reweigh.mapReady === true); // redraws include the map
const toggles = 60;
for (let i = 0; i < toggles; i++) {
  await page.evaluate((i) => {
    const slider = document.getElementById("ctl-invalid");
    slider.value = String((i % 4) / 4 + 0.25);
    slider.dispatchEvent(new Event("input", { bubbles: true }));
  }, i);
  await page.waitForFunction((n) => window.__reweigh.redraws.length >= n, i + 1);
}
for (let i = 0; i < 20; i++) {
  await page.locator(`input[name="base"][value="${["cast", "valid", "issued"][i % 3]}"]`).check();
  await page.waitForFunction((n) => window.__reweigh.redraws.length >= n, toggles + i + 1);
}
const redraws = await page.evaluate(() => window.__reweigh.redraws);

// Sizes: what the page fetched from its own host, gzipped as a server would send it.
const files = [...new Set(requests.filter((u) => u.startsWith(server.base)).map((u) => new URL(u).pathname))];
let total = 0, wasm = 0;
for (const path of files) {
  const file = join(www, path === "/" ? "index.html" : decodeURIComponent(path.slice(1)));
  let bytes;
  try { bytes = readFileSync(file); } catch { continue; }
  const gz = gzipSync(bytes, { level: 9 }).length;
  total += gz;
  if (path.endsWith(".wasm")) wasm = gz;
}

const inputToRedraw = redraws.map((r) => r.inputToRedraw);
const parts = { engine: round(median(redraws.map((r) => r.engine))), dom: round(median(redraws.map((r) => r.dom))) };
console.log(JSON.stringify({
  interactive_ms_median: round(median(loads)),
  interactive_ms_all: loads.map(round),
  redraw_ms_median: round(median(inputToRedraw)),
  redraw_ms_p90: round([...inputToRedraw].sort((a, b) => a - b)[Math.floor(inputToRedraw.length * 0.9)]),
  redraws_measured: inputToRedraw.length,
  redraw_parts_ms_median: parts,
  wasm_gzip_kb: round(wasm / 1024),
  total_gzip_kb: round(total / 1024),
  files: files.length,
}, null, 2));
await close();
server.stop();
