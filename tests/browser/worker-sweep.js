// The page's worker sweep (not a test): over cold loads of the page, the time its worker takes
// for the first sweep of the default grid and its view (`window.__reweigh.sweep.workerMs`, set by
// www/js/robustness.js; `handle.sweep(grid, lang)` timed in www/js/sweep-worker.js).
// Usage: node worker-sweep.js [--loads N] [www dir …]  — one JSON document; several directories (a
// build before and after a change) are measured in the same run, alternating load by load so a
// busy machine weighs on both alike; per directory every load's figure and their median.

import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, open, ready } from "./browser.js";
import { serve } from "./server.js";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const loadsAt = args.indexOf("--loads");
const loads = loadsAt >= 0 ? Number(args.splice(loadsAt, 2)[1]) : 3;
const dirs = args.length ? args.map((d) => resolve(d)) : [join(here, "..", "..", "www")];
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : null;
};
const round = (x) => Math.round(x * 10) / 10;

const { context, close } = await launch();
const servers = Object.fromEntries(await Promise.all(dirs.map(async (d) => [d, await serve(d)])));
const times = Object.fromEntries(dirs.map((d) => [d, []]));
try {
  for (let i = 0; i < loads; i++) {
    for (const www of i % 2 ? [...dirs].reverse() : dirs) {
      const { page } = await open(context, servers[www].base);
      await page.goto(`${servers[www].base}#lang=en`);
      await ready(page);
      await page.waitForFunction(() => window.__reweigh.sweep?.workerMs !== undefined, null, { timeout: 120000 });
      times[www].push(await page.evaluate(() => window.__reweigh.sweep.workerMs));
      await page.close();
    }
  }
} finally {
  for (const s of Object.values(servers)) s.stop();
  await close();
}
const out = Object.fromEntries(dirs.map((d) => [d, { worker_ms_median: round(median(times[d])), worker_ms_all: times[d].map(round) }]));
console.log(JSON.stringify(out, null, 2));
