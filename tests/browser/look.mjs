// Scratch: screenshots for a human to look at. node look.mjs <hash> <name> [w h]
import { launch, open, ready } from "./browser.js";
import { serve } from "./server.js";
const [hash = "", name = "x", w = "1366", hgt = "900", wait = "sweep"] = process.argv.slice(2);
const server = await serve(new URL("../../www", import.meta.url).pathname);
const { context, close } = await launch();
const { page, log } = await open(context, server.base, { viewport: { width: Number(w), height: Number(hgt) } });
await page.goto(server.base + hash);
await ready(page);
if (wait === "sweep") await page.waitForFunction(() => window.__reweigh.sweep !== undefined, null, { timeout: 60000 });
await page.waitForTimeout(3000);
await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
for (const [sel, part] of [["#robustness", "robust"], [".reading", "reading"], [".assumptions", "controls"], ["#robustness-detail", "detail"], ["#table-panel", "table"]]) {
  const el = page.locator(sel).first();
  if (await el.isVisible()) await el.screenshot({ path: `/tmp/shots/${name}-${part}.png` });
}
// Tiles of the robustness panel at full resolution.
const box = await page.locator(process.env.TILE ?? "#robustness").evaluate((e) => {
  const r = e.getBoundingClientRect();
  return { y: r.top + window.scrollY, height: r.height };
});
for (let i = 0, y = box.y; y < box.y + box.height && i < 14; i++, y += 800) {
  await page.screenshot({ path: `/tmp/shots/${name}-tile${i}.png`, clip: { x: 0, y, width: Number(w), height: Math.min(800, box.y + box.height - y) }, fullPage: true });
}
console.log(JSON.stringify({ errors: log.pageErrors, console: log.consoleErrors, csp: await page.cspViolations(), foreign: log.foreign }));
await close();
server.stop();
