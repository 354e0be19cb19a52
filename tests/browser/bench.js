// The page's benchmark (not a test): time to interactive, redraw time from a control's input
// event to the finished redraw (median and p90 over many toggles) and for a change of tab, and
// the transfer sizes of what the page (and its worker) fetched before it was ready, gzipped and
// brotli-compressed as a server would send them; what it fetched after that is listed apart.
// Usage: node bench.js [--rounds N] [www dir …]  — one JSON document; several directories (a build
// before and after a change) are measured in the same run, keyed by directory. With --rounds N
// each is measured N times, the order alternating (A B, B A, …) so that a busy machine weighs on
// both alike; the figures are then the medians over the rounds, each round's kept in "rounds".
// Requests are recorded, not intercepted: the tests' interception holds each request for a round
// trip to this process, which no reader's browser makes. `--intercept` measures with it (how the
// figures before 7 December 2026, morning, were taken).

import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { readFileSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, open, ready } from "./browser.js";
import { serve } from "./server.js";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const roundsAt = args.indexOf("--rounds");
const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 1;
const interceptAt = args.indexOf("--intercept");
const intercept = interceptAt >= 0 && args.splice(interceptAt, 1).length > 0;
const dirs = args.length ? args.map((d) => resolve(d)) : [join(here, "..", "..", "www")];
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : null;
};
const round = (x) => Math.round(x * 100) / 100;

async function bench(www, context) {
  const server = await serve(www);
  try {

    // Time to interactive, over several cold loads.
    const loads = [];
    const startups = [];
    let before = [];
    let after = [];
    for (let i = 0; i < 7; i++) {
      const { page, log } = await open(context, server.base, { intercept });
      // A first visit: nothing from the earlier loads' HTTP cache (nor the code cached with it).
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      await page.goto(`${server.base}#tab=3&lang=en`);
      await ready(page);
      const { interactiveAt, readyAt, startup } = await page.evaluate(() => ({
        interactiveAt: window.__reweigh.interactiveAt,
        readyAt: performance.timeOrigin + window.__reweigh.interactiveAt,
        startup: window.__reweigh.startup ?? {},
      }));
      loads.push(interactiveAt);
      startups.push(startup);
      await page.waitForTimeout(300); // let what follows readiness (the map, the worker) be requested
      before = log.timed.filter((r) => r.at <= readyAt).map((r) => r.url);
      after = log.timed.filter((r) => r.at > readyAt).map((r) => r.url);
      await page.close();
    }

    // Redraws: toggle each kind of control many times.
    const { page } = await open(context, server.base, { intercept });
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
    const inputs = toggles + 20;
    // View changes (a tab, and back): the reading stays, so the engine's unchanged sections are not
    // drawn again.
    const views = 20;
    for (let i = 0; i < views; i++) {
      await page.locator(`#tab-${i % 2 ? "3" : "1"}`).click();
      await page.waitForFunction((n) => window.__reweigh.redraws.length >= n, inputs + i + 1);
    }
    const all = await page.evaluate(() => window.__reweigh.redraws);
    const redraws = all.slice(0, inputs);
    const viewChanges = all.slice(inputs).map((r) => r.inputToRedraw);

    // Sizes: what the page fetched from its own host, compressed as a server would send it.
    const paths = (urls) => [...new Set(urls.filter((u) => u.startsWith(server.base)).map((u) => new URL(u).pathname))];
    const sized = (list) => list.flatMap((path) => {
      const file = join(www, path === "/" ? "index.html" : decodeURIComponent(path.slice(1)));
      let bytes;
      try { bytes = readFileSync(file); } catch { return []; }
      const gz = gzipSync(bytes, { level: 9 }).length;
      const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length;
      return [{ path, raw: bytes.length, gz, br }];
    });
    const firstLoad = sized(paths(before));
    const later = sized(paths(after).filter((p) => !paths(before).includes(p)));
    const sum = (list, key) => round(list.reduce((a, f) => a + f[key], 0) / 1024);
    const wasmFirst = firstLoad.filter((f) => f.path.endsWith(".wasm"));

    const inputToRedraw = redraws.map((r) => r.inputToRedraw);
    const parts = { engine: round(median(redraws.map((r) => r.engine))), dom: round(median(redraws.map((r) => r.dom))) };
    return {
      interactive_ms_median: round(median(loads)),
      interactive_ms_all: loads.map(round),
      // Where the start went (the page's own marks, where it has them): medians.
      interactive_parts_ms_median: Object.fromEntries(Object.keys(startups[0]).map((k) => [k, round(median(startups.map((s) => s[k])))])),
      redraw_ms_median: round(median(inputToRedraw)),
      redraw_ms_p90: round([...inputToRedraw].sort((a, b) => a - b)[Math.floor(inputToRedraw.length * 0.9)]),
      redraws_measured: inputToRedraw.length,
      view_change_ms_median: round(median(viewChanges)),
      redraw_parts_ms_median: parts,
      wasm_gzip_kb: sum(wasmFirst, "gz"),
      wasm_brotli_kb: sum(wasmFirst, "br"),
      total_gzip_kb: sum(firstLoad, "gz"),
      total_brotli_kb: sum(firstLoad, "br"),
      files: firstLoad.length,
      first_load: firstLoad,
      after_ready: later,
    };
  } finally {
    server.stop();
  }
}

console.error(intercept ? "requests intercepted (--intercept)" : "requests recorded, not intercepted");
const { context, close } = await launch();
const runs = Object.fromEntries(dirs.map((d) => [d, []]));
for (let r = 0; r < rounds; r++) {
  for (const www of r % 2 ? [...dirs].reverse() : dirs) runs[www].push(await bench(www, context));
}
await close();
// One round: its figures; several: each scalar figure's median over the rounds.
const summary = (list) => {
  if (list.length === 1) return list[0];
  const out = {};
  for (const [key, value] of Object.entries(list[0])) {
    if (typeof value === "number") out[key] = round(median(list.map((x) => x[key])));
    else if (key.endsWith("_median")) out[key] = Object.fromEntries(Object.keys(value).map((k) => [k, round(median(list.map((x) => x[key][k])))]));
  }
  out.rounds = list.map((x) => Object.fromEntries(Object.entries(x).filter(([, v]) => typeof v === "number")));
  out.first_load = list[0].first_load;
  out.after_ready = list[0].after_ready;
  return out;
};
const results = Object.fromEntries(dirs.map((d) => [d, summary(runs[d])]));
console.log(JSON.stringify(dirs.length === 1 ? results[dirs[0]] : results, null, 2));
