// Runs sweep-bench/ (wasm sweep against Arquero) in chromium, and measures the page's input
// latency while the page's own sweep runs in its worker. Prints one JSON document.
// Usage: node sweep-bench.js [www dir …]  (after scripts/build-web.sh); several directories (a
// build before and after a change) are measured in the same run, keyed by directory.

import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, open, ready } from "./browser.js";
import { serve } from "./server.js";

const here = dirname(fileURLToPath(import.meta.url));
const dirs = process.argv.length > 2 ? process.argv.slice(2).map((d) => resolve(d)) : [join(here, "..", "..", "www")];
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[s.length >> 1] : null; };

async function bench(www, context) {
  const dir = mkdtempSync(join(tmpdir(), "reweigh-sweep-bench-"));
  cpSync(join(here, "sweep-bench"), dir, { recursive: true });
  cpSync(join(www, "pkg"), join(dir, "pkg"), { recursive: true });
  cpSync(join(www, "data"), join(dir, "data"), { recursive: true });
  cpSync(join(here, "node_modules", "arquero", "dist", "arquero.min.js"), join(dir, "arquero.min.js"));

  const server = await serve(dir);
  const { page } = await open(context, server.base);
  await page.goto(server.base);
  await page.waitForFunction(() => window.__bench !== undefined, null, { timeout: 600000 });
  const bench = await page.evaluate(() => window.__bench);
  await page.close();
  server.stop();

  // Input latency on the real page while its sweep runs in the worker.
  const site = await serve(www);
  const { page: p } = await open(context, site.base);
  await p.goto(`${site.base}#tab=3&lang=en`);
  await ready(p);
  const during = [];
  for (let i = 0; i < 30; i++) {
    const running = await p.evaluate(() => window.__reweigh.sweep === undefined);
    await p.evaluate((i) => {
      const slider = document.getElementById("ctl-invalid");
      slider.value = String((i % 4) / 4 + 0.25);
      slider.dispatchEvent(new Event("input", { bubbles: true }));
    }, i);
    await p.waitForFunction((n) => window.__reweigh.redraws.length >= n, i + 1);
    if (running) during.push((await p.evaluate(() => window.__reweigh.redraws.at(-1).inputToRedraw)));
  }
  await p.waitForFunction(() => window.__reweigh.sweep !== undefined, null, { timeout: 60000 });
  const sweep = await p.evaluate(() => window.__reweigh.sweep);
  site.stop();
  rmSync(dir, { recursive: true, force: true });
  return {
    ...bench,
    page_worker_sweep_ms: Math.round(sweep.workerMs),
    page_sweep_wall_ms: Math.round(sweep.wallMs),
    input_to_redraw_while_sweeping_ms_median: median(during) === null ? null : Math.round(median(during) * 10) / 10,
    redraws_while_sweeping: during.length,
  };
}

const { context, close } = await launch();
const results = {};
for (const www of dirs) results[www] = await bench(www, context);
await close();
console.log(JSON.stringify(dirs.length === 1 ? results[dirs[0]] : results, null, 2));
