// A CPU profile of the page's redraws (not a test): toggles a control many times with Chrome's
// profiler on, and prints where the time went, by function (self time), the top entries.
// Usage: node profile-redraw.mjs [www dir]
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, open, ready } from "./browser.js";
import { serve } from "./server.js";

const here = dirname(fileURLToPath(import.meta.url));
const www = resolve(process.argv[2] || join(here, "..", "..", "www"));
const server = await serve(www);
const { context, close } = await launch();
const { page } = await open(context, server.base);
await page.goto(`${server.base}#tab=3&lang=en`);
await ready(page);
await page.waitForFunction(() => window.__reweigh.mapReady === true);
const cdp = await context.newCDPSession(page);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
await cdp.send("Profiler.start");
const n = 60;
for (let i = 0; i < n; i++) {
  await page.evaluate((i) => {
    const slider = document.getElementById("ctl-invalid");
    slider.value = String((i % 4) / 4 + 0.25);
    slider.dispatchEvent(new Event("input", { bubbles: true }));
  }, i);
  await page.waitForFunction((k) => window.__reweigh.redraws.length >= k, i + 1);
}
const { profile } = await cdp.send("Profiler.stop");
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map();
const dt = profile.timeDeltas;
profile.samples.forEach((id, i) => {
  const f = byId.get(id).callFrame;
  const key = `${f.functionName || "(anon)"} ${f.url.split("/").slice(-2).join("/")}:${f.lineNumber}`;
  self.set(key, (self.get(key) || 0) + (dt[i] || 0) / 1000);
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40);
for (const [k, ms] of rows) console.log(`${(ms / n).toFixed(2).padStart(7)} ms/redraw  ${k}`);
console.log(`total ${(total / n).toFixed(2)} ms/redraw sampled (idle included)`);
const redraws = await page.evaluate(() => window.__reweigh.redraws);
console.log(JSON.stringify(redraws.slice(-5)));
await close();
server.stop();
