// Hardening in a real browser: broken bundles refused with a clear panel (never a blank page or a
// partial table), markup in the data printed as text and never run, absurd URL hashes refused
// quickly, and the page working with the network cut. Every page is also checked for requests to
// other hosts, CSP violations and uncaught errors.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { assertClean, launch, open, ready } from "./browser.js";
import { serve } from "./server.js";

const here = dirname(fileURLToPath(import.meta.url));
const www = join(here, "..", "..", "www");
const out = join(here, "out");

let browser;
const pages = [];
const cleanups = [];

before(async () => {
  browser = await launch();
});

after(async () => {
  await assertClean(pages, assert);
  await browser.close();
  for (const cleanup of cleanups) cleanup();
});

/** A copy of the built page whose data files `edit` may change; served on its own port. */
async function site(edit = () => {}) {
  const dir = mkdtempSync(join(tmpdir(), "reweigh-site-"));
  cpSync(www, dir, { recursive: true });
  edit((name) => join(dir, "data", name));
  const server = await serve(dir);
  cleanups.push(() => {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return server.base;
}

async function visit(base, hash = "") {
  const opened = await open(browser.context, base);
  pages.push(opened);
  await opened.page.goto(base + hash);
  await ready(opened.page);
  return opened;
}

const rewrite = (path, f) => writeFileSync(path, f(readFileSync(path, "utf8")));

const broken = [
  ["truncated", (p) => rewrite(p("pecs-2024.json"), (t) => t.slice(0, t.length / 2)), /data\/pecs-2024\.json: the file ends too early/],
  ["wrong type", (p) => rewrite(p("pecs-2024.json"), (t) => t.replace('"valid":1313', '"valid":"1313"')), /data\/pecs-2024\.json: not the expected shape.*expected u32/s],
  ["missing field", (p) => rewrite(p("history.json"), (t) => t.replace(',"votes":[8,0,0,48,14,1,3]', "")), /data\/history\.json.*missing field `votes`/s],
  ["unknown PEC", (p) => rewrite(p("pecs-2024.json"), (t) => t.replace('{"pec":8449,', '{"pec":9449,')), /PEC 9449: unknown PEC/],
  ["duplicate PEC", (p) => rewrite(p("pecs-2024.json"), (t) => t.replace('{"pec":8001,', '{"pec":8000,')), /PEC 8000: duplicate PEC/],
  ["broken control relation", (p) => rewrite(p("pecs-2024.json"), (t) => t.replace('"invalid":370,"valid":1313', '"invalid":370,"valid":1314')), /data\/pecs-2024\.json: 2024 PEC 8096: control relation: breaks `cast`/],
  ["missing file", (p) => rmSync(p("paper.json")), /data\/paper\.json: the server answered 404/],
];

for (const [name, edit, message] of broken) {
  test(`a bundle with a ${name} is refused with a clear panel`, async () => {
    const base = await site(edit);
    const { page } = await visit(base, "#tab=3&lang=en");
    const fatal = page.locator("#fatal");
    assert.equal(await fatal.isVisible(), true);
    assert.match(await fatal.textContent(), message);
    assert.match(await fatal.textContent(), /could not be loaded/);
    assert.equal(await page.locator("#app").isHidden(), true, "no partial table");
    assert.equal(await page.locator("#loading").isHidden(), true);
    if (name === "broken control relation") await page.screenshot({ path: join(out, "bad-bundle.png") });
  });
}

test("markup in a country name and a claim's quote is printed, never run", async () => {
  const evil = '<img src=x onerror="window.__xss=1">Ruritania<script>window.__xss=2</script>';
  const base = await site((p) => {
    rewrite(p("pecs-2024.json"), (t) => t.replaceAll('"country_en":"Israel"', `"country_en":${JSON.stringify(evil)}`));
    rewrite(p("claims.json"), (t) => {
      const doc = JSON.parse(t);
      doc.claims[0].quote_en = '<b onmouseover="window.__xss=3">bold</b>';
      return JSON.stringify(doc);
    });
  });
  const { page } = await visit(base, "#tab=countries&lang=en&q=Ruritania");
  const row = page.locator("#table-panel table.data tbody tr");
  assert.equal(await row.count(), 1);
  assert.equal(await row.first().locator("td").first().textContent(), evil);
  await page.waitForFunction(() => window.__reweigh.sweep !== undefined, null, { timeout: 30000 });
  assert.match(await page.locator("#robustness-table").textContent(), /<b onmouseover="window.__xss=3">bold<\/b>/);
  await page.locator("#robustness-table .claim-quote").first().hover();
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__xss), undefined, "nothing from the data ran");
  assert.equal(await page.locator('img[src="x"], script:not([src]), b[onmouseover]').count(), 0);
});

for (const [name, hash] of [
  ["a megabyte", `#invalid=${"1".repeat(1 << 20)}`],
  ["ten thousand keys", `#${Array.from({ length: 10000 }, (_, i) => `k${i}=1`).join("&")}`],
  ["deep percent-encoding", `#base=${"%25".repeat(600)}32&tab=2`],
]) {
  test(`a URL hash of ${name} is refused quickly and the page stays usable`, async () => {
    const base = await site();
    const started = Date.now();
    const { page } = await visit(base, hash);
    const elapsed = Date.now() - started;
    const box = page.locator("#url-errors");
    assert.equal(await box.isVisible(), true);
    assert.match(await box.textContent(), name === "deep percent-encoding" ? /base=%+.*unknown value/s : /(bytes long|keys); at most/);
    assert.ok(elapsed < 5000, `refused in ${elapsed} ms`);
    const [timing, boot] = await page.evaluate(() => [window.__reweigh.interactiveAt, window.__reweigh.loadMs]);
    assert.ok(timing < 3000, `interactive after ${timing} ms`);
    assert.ok(boot < 1000, `the page's own start took ${boot} ms`);
    // Still responsive: a control redraws at once.
    await page.locator('input[name="base"][value="cast"]').check();
    await page.waitForFunction(() => window.location.hash.includes("base=cast"));
    console.log(`# ${name}: interactive ${Math.round(timing)} ms after navigation start, ${Math.round(boot)} ms of it the page's own start`);
  });
}

test("works with the network cut after load: controls, tables, downloads", async () => {
  const base = await site();
  const { page } = await visit(base, "#tab=2&lang=en");
  await page.waitForFunction(() => window.__reweigh.sweep !== undefined, null, { timeout: 30000 });
  await browser.context.setOffline(true);
  try {
    await page.locator("#ctl-invalid-num").fill("0");
    await page.waitForFunction(() => window.location.hash.includes("invalid=0&"));
    await page.locator("#tab-pecs").click();
    await page.waitForFunction(() => document.querySelectorAll("#table-panel table.data tbody tr").length === 288);
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator(".downloads button", { hasText: "CSV (all rows)" }).click()]);
    assert.match(readFileSync(await download.path(), "utf8"), /# state: invalid=0&/);
  } finally {
    await browser.context.setOffline(false);
  }
});
