// The world map on the served page (issue 13): every country with PECs drawn inside #map, the
// win flags and the disputed markers following the reading, keyboard focus and Enter drilling
// down, downloads, no CSP violation. Expected values come from the native CLI (REWEIGH_CLI).
// Screenshots (1366x900 and 390x844, both languages) go to tests/browser/out/map-*.png.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { assertClean, launch, open, ready } from "./browser.js";
import { serve } from "./server.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const out = join(here, "out");
mkdirSync(out, { recursive: true });
const cli = process.env.REWEIGH_CLI || join(root, "target", "debug", "reweigh");

function compute(state = "") {
  return JSON.parse(execFileSync(cli, ["compute", "--state", state], { encoding: "utf8", maxBuffer: 64 << 20 }));
}

let server, browser;
const pages = [];

before(async () => {
  server = await serve(join(root, "www"));
  browser = await launch();
});

after(async () => {
  await assertClean(pages, assert);
  await browser.close();
  server.stop();
});

async function visit(hash, options) {
  const opened = await open(browser.context, server.base, options);
  pages.push(opened);
  await opened.page.goto(server.base + hash);
  await ready(opened.page);
  await opened.page.waitForFunction(() => window.__reweigh.mapReady === true, null, { timeout: 30000 });
  return opened;
}

async function settle(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
}

/** id → data-opposition-wins of the country's own element (not a territory's marker). */
async function flags(page) {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll("#map .map-countries [data-country]:not([data-territory])")]
    .filter((el) => el.hasAttribute("data-opposition-wins"))
    .map((el) => [el.dataset.country, el.dataset.oppositionWins])));
}

/** The engine's countries with PECs and their counted wins, from the CLI. */
function expectedFlags(state) {
  const results = compute(state);
  return Object.fromEntries(results.countries.filter((c) => c.country_id)
    .map((c) => [c.country_id, String(c.opposition_wins && c.counted_in_wins)]));
}

test("every country with PECs is on the map with the engine's win flag, and Kazakhstan flips with invalid=0", async () => {
  const { page } = await visit("#lang=en");
  const paper = expectedFlags("");
  assert.equal(Object.keys(paper).length, 138);
  assert.deepEqual(await flags(page), paper);
  assert.equal(paper.KZ, "true", "the CLI: the opposition wins Kazakhstan under the paper's reading");
  await page.locator("#ctl-invalid-num").fill("0");
  await page.waitForFunction(() => window.location.hash.includes("invalid=0&"));
  await settle(page);
  const invalid0 = expectedFlags("invalid=0");
  assert.equal(invalid0.KZ, "false", "the CLI: Kazakhstan is lost with invalid=0");
  assert.deepEqual(await flags(page), invalid0);
  assert.equal(await page.locator('#map [data-country="KZ"][data-opposition-wins="false"]').count(), 1);
  // The description counts the engine's wins.
  assert.match(await page.locator("#map .map-description").textContent(), new RegExp(`wins: ${compute("invalid=0").wins.countries} of 138`));
});

test("the disputed markers follow disputed=", async () => {
  const { page } = await visit("#lang=en");
  const marked = (sel) => page.locator(`#map .map-countries ${sel}[data-opposition-wins]`).count();
  assert.equal(await marked('[data-country="XA"]'), 1);
  assert.equal(await marked('[data-country="XO"]'), 1);
  assert.equal(await marked('[data-country="MD"][data-territory="transnistria"]'), 1);
  await page.locator('input[name="disputed"][value="exclude"]').check();
  await page.waitForFunction(() => window.location.hash.includes("disputed=exclude"));
  await settle(page);
  assert.equal(await marked('[data-country="XA"]'), 0);
  assert.equal(await marked('[data-country="XO"]'), 0);
  assert.equal(await marked('[data-country="MD"][data-territory="transnistria"]'), 0);
  // Moldova itself keeps its PECs outside Transnistria.
  assert.equal(await marked('[data-country="MD"]:not([data-territory])'), 1);
  const expected = expectedFlags("disputed=exclude");
  assert.deepEqual(await flags(page), expected);
});

test("keyboard focus reaches a country, shows its figures, and Enter drills down to its PECs", async () => {
  const { page } = await visit("#lang=en");
  // Tab from the outline toggle's row into the map: the first country in the order given.
  await page.locator("#map-png").focus();
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => document.activeElement?.closest?.("#map [data-country]")?.dataset.country ?? null);
  assert.ok(focused, `one Tab reaches a country of the map (not ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 60))})`);
  // The map is one tab stop: the next Tab leaves it; the arrow keys move between countries.
  assert.equal(await page.locator("#map [tabindex='0']").count(), 1);
  const order = await page.evaluate(() => [...document.querySelectorAll("#map .map-countries [role=button]")].map((g) => g.dataset.key));
  assert.ok(order.length > 100, `${order.length} countries on the map`);
  const activeKey = () => page.evaluate(() => document.activeElement?.dataset?.key ?? null);
  assert.equal(await activeKey(), order[0]);
  await page.keyboard.press("ArrowRight");
  assert.equal(await activeKey(), order[1]);
  await page.keyboard.press("End");
  assert.equal(await activeKey(), order.at(-1));
  await page.keyboard.press("ArrowLeft");
  assert.equal(await activeKey(), order.at(-2));
  await page.keyboard.press("Home");
  assert.equal(await activeKey(), order[0]);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.closest?.("#map") ?? null), null, "one Tab leaves the map");
  await page.keyboard.press("Shift+Tab");
  assert.equal(await activeKey(), order[1], "Shift+Tab comes back to the country last focused");
  const kz = page.locator('#map .map-countries [data-country="KZ"]');
  await kz.focus();
  const tip = page.locator("#map .map-tip");
  await tip.waitFor({ state: "visible" });
  const expected = compute("").countries.find((c) => c.id === "KZ");
  assert.match(await tip.textContent(), /^Kazakhstan/);
  assert.match(await tip.textContent(), new RegExp(`Ballots issued: ${expected.issued.toLocaleString("en")}`));
  assert.match(await tip.textContent(), new RegExp(`${expected.pecs} PECs`));
  assert.match(await tip.textContent(), /Won by the opposition/);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => window.location.hash.includes("country=KZ"));
  await settle(page);
  assert.match(page.url(), /tab=pecs/);
  assert.equal(await page.locator("#table-panel table.data tbody tr").count(), expected.pecs);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "table-panel");
});

test("a click on a country drills down, too", async () => {
  const { page } = await visit("#lang=en");
  await page.locator('#map .map-countries [data-country="BR"] .shape').click();
  await page.waitForFunction(() => window.location.hash.includes("country=BR"));
  assert.match(page.url(), /tab=pecs/);
});

test("SVG and PNG downloads of the map as shown; the outline toggle draws region borders", async () => {
  const { page } = await visit("#lang=en");
  assert.equal(await page.locator("#map .map-regions").getAttribute("d"), "");
  await page.locator("#map-outline").check();
  await settle(page);
  assert.ok((await page.locator("#map .map-regions").getAttribute("d")).length > 100);
  const [svg] = await Promise.all([page.waitForEvent("download"), page.locator("#map-svg").click()]);
  assert.equal(svg.suggestedFilename(), "reweigh-map.svg");
  const text = readFileSync(await svg.path(), "utf8");
  assert.match(text, /^<svg/);
  assert.match(text, /de facto borders as drawn by Natural Earth/);
  const [png] = await Promise.all([page.waitForEvent("download"), page.locator("#map-png").click()]);
  assert.equal(png.suggestedFilename(), "reweigh-map.png");
  assert.deepEqual([...readFileSync(await png.path()).subarray(1, 4)], [0x50, 0x4e, 0x47]);
});

test("the Russian map is in Russian; screenshots at desktop and phone widths", async () => {
  for (const lang of ["en", "ru"]) {
    for (const [w, hgt] of [[1366, 900], [390, 844]]) {
      const { page } = await visit(`#lang=${lang}`, { viewport: { width: w, height: hgt } });
      if (lang === "ru") {
        assert.match(await page.locator("#map-title").textContent(), /Карта/);
        assert.match(await page.locator("#map .map-legend").textContent(), /reweigh не занимает позиции по спорным территориям/);
        await page.locator('#map .map-countries [data-country="KZ"]').focus();
        const tip = await page.locator("#map .map-tip").textContent();
        assert.match(tip, /Казахстан/);
        assert.doesNotMatch(tip, /[A-Za-z]{3,}/, "no English word in the Russian tooltip");
      }
      await page.locator("#map-section").scrollIntoViewIfNeeded();
      await page.locator("#map-section").screenshot({ path: join(out, `map-${lang}-${w}.png`) });
    }
  }
});
