// Screenshots and timings of the map demo: node map-demo/shot.js (from tests/browser).
// Serves the repository root on 127.0.0.1 and drives Debian's chromium like the other browser tests.

import { launch, open } from "../browser.js";
import { serve } from "../server.js";
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");
const out = join(here, "..", "out");
mkdirSync(out, { recursive: true });
const server = await serve(root);
const { context, close } = await launch();
const url = `${server.base}tests/browser/map-demo/index.html`;
const report = {};
try {
  for (const [name, viewport] of [["desktop", { width: 1366, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
    const { page, log } = await open(context, server.base, { viewport });
    await page.goto(url);
    await page.waitForFunction(() => window.__map?.ready === true, null, { timeout: 20000 });
    report[`${name}-missing`] = await page.evaluate(() => window.__map.missing);
    await page.screenshot({ path: join(out, `map-${name}.png`), fullPage: true });
    if (name === "desktop") {
      // Europe and the Middle East up close (the points of small countries and territories):
      // the same page in a very wide window, clipped.
      const zoomed = await context.newPage();
      await zoomed.setViewportSize({ width: 4200, height: 2600 });
      await zoomed.goto(url);
      await zoomed.waitForFunction(() => window.__map?.ready === true);
      const svgBox = await zoomed.locator("#map").boundingBox();
      const k = svgBox.width / 1000;
      const clip = { x: svgBox.x + 480 * k, y: svgBox.y + 40 * k, width: 200 * k, height: 130 * k };
      await zoomed.screenshot({ path: join(out, "map-desktop-zoom.png"), clip });
      await zoomed.close();
    }
    // Hover Kazakhstan: the tooltip.
    const kz = page.locator('.map-countries [data-country="KZ"] .shape');
    const box = await kz.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.screenshot({ path: join(out, `map-${name}-hover.png`) });
    // invalid=0 and region outlines; keyboard: focus a country, Enter.
    report[`${name}-paper-kz`] = await page.evaluate(() => document.querySelector('#map [data-country="KZ"]').getAttribute("data-opposition-wins"));
    await page.click("#reading-invalid0");
    await page.click("#outline");
    const flags = await page.evaluate(() => ({
      kz: document.querySelector('#map [data-country="KZ"]')?.getAttribute("data-opposition-wins"),
      xa: document.querySelector('#map [data-country="XA"]')?.getAttribute("data-opposition-wins"),
      withPecs: document.querySelectorAll("#map .country.has-pecs[tabindex='0']").length,
    }));
    report[`${name}-invalid0`] = flags;
    await page.mouse.move(1, 1);
    await page.focus('.map-countries [data-country="FR"]');
    await page.keyboard.press("Enter");
    report[`${name}-opened`] = await page.evaluate(() => window.__opened);
    await page.screenshot({ path: join(out, `map-${name}-invalid0-outline.png`), fullPage: true });
    if (name === "desktop") {
      await page.click("#reading-paper");
      report.bench = await page.evaluate(() => window.__map.bench(200));
      report.benchWithStyleAndLayout = await page.evaluate(() => window.__map.bench(200, true));
      await page.click("#outline");
      report.benchOutlineOff = await page.evaluate(() => window.__map.bench(200, true));
      await page.click("#outline");
      report.buildMs = await page.evaluate(() => window.__map.buildMs);
      const svg = await page.evaluate(() => window.__map.svgText());
      writeFileSync(join(out, "map-export.svg"), svg);
      report.svgBytes = svg.length;
      await page.click("#png");
      await page.waitForFunction(() => window.__pngBytes > 0, null, { timeout: 10000 });
      report.pngBytes = await page.evaluate(() => window.__pngBytes);
    }
    // disputed=exclude: the engine leaves Abkhazia, South Ossetia and Transnistria out.
    report[`${name}-excluded`] = await page.evaluate(() => {
      const { paper, draw } = window.__map;
      draw({ ...paper, countries: paper.countries.filter((c) => !["XA", "XO"].includes(c.id) && !c.territory) });
      const marks = [...document.querySelectorAll('#map [data-country="XA"], #map [data-country="XO"], #map [data-territory]')];
      const result = marks.map((m) => [m.getAttribute("data-key"), m.getAttribute("data-opposition-wins"), m.getAttribute("tabindex"), m.getAttribute("class")]);
      draw(paper);
      return result;
    });
    report[`${name}-log`] = { csp: await page.cspViolations(), pageErrors: log.pageErrors, consoleErrors: log.consoleErrors, foreign: log.foreign };
    await page.close();
  }
} finally {
  await close();
  server.stop();
}
console.log(JSON.stringify(report, null, 1));
// What must hold (the page's browser tests will check the same on the real page).
const problems = [];
for (const name of ["desktop", "phone"]) {
  if (report[`${name}-missing`].length) problems.push(`${name}: no shape or point for ${report[`${name}-missing`]}`);
  if (report[`${name}-paper-kz`] !== "true" || report[`${name}-invalid0`].kz !== "false") problems.push(`${name}: Kazakhstan does not flip`);
  if (report[`${name}-invalid0`].withPecs !== 139) problems.push(`${name}: ${report[`${name}-invalid0`].withPecs} focusable countries, not 138 + Transnistria`);
  if (JSON.stringify(report[`${name}-opened`]) !== JSON.stringify([["FR", null]])) problems.push(`${name}: Enter on France opened ${JSON.stringify(report[`${name}-opened`])}`);
  if (report[`${name}-excluded`].some(([, wins, tab, cls]) => wins !== null || tab !== null || cls !== "country")) problems.push(`${name}: excluded territories still drawn as having PECs`);
  const log = report[`${name}-log`];
  if (log.csp.length || log.pageErrors.length || log.consoleErrors.length || log.foreign.length) problems.push(`${name}: ${JSON.stringify(log)}`);
}
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
