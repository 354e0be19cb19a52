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
import { assertClean, failed, launch, open, ready } from "./browser.js";
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
  try {
    await assertClean(pages, assert);
  } finally {
    await browser.close();
    for (const cleanup of cleanups) cleanup();
  }
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

/** Open the page; it must start (or, with `refused`, must show its fatal panel instead). */
async function visit(base, hash = "", { refused = false, expectConsole = [] } = {}) {
  const opened = await open(browser.context, base, { expectConsole });
  pages.push(opened);
  await opened.page.goto(base + hash);
  if (refused) await failed(opened.page);
  else await ready(opened.page);
  return opened;
}

const rewrite = (path, f) => writeFileSync(path, f(readFileSync(path, "utf8")));

// The broken bundles shared with the engine, CLI and wasm tests (tests/common/fixture.rs applies
// the same edits in Rust).
const cases = JSON.parse(readFileSync(join(here, "..", "fixtures", "broken-bundles.json"), "utf8")).cases;

/** A file's text after a case's edit; null when the edit removes the file. */
function edited(c, text) {
  const e = c.edit;
  if (e.remove) return null;
  let out;
  if (e.keep !== undefined) {
    const chars = Array.from(text);
    out = chars.slice(0, Math.floor(chars.length * e.keep)).join("");
  } else if (e.all) {
    out = text.replaceAll(e.replace, e.with);
  } else {
    let start = 0;
    if (e.after !== undefined) {
      const found = text.indexOf(e.after);
      assert.ok(found >= 0, `${c.name}: no ${e.after}`);
      start = found + e.after.length;
    }
    const at = text.indexOf(e.replace, start);
    assert.ok(at >= 0, `${c.name}: no ${e.replace} in ${c.file}`);
    out = text.slice(0, at) + e.with + text.slice(at + e.replace.length);
  }
  assert.notEqual(out, text, `${c.name}: the edit changes nothing`);
  return out;
}

for (const c of cases) {
  test(`a broken bundle (${c.name}) is refused with a clear panel`, async () => {
    const base = await site((p) => {
      const text = edited(c, readFileSync(p(c.file), "utf8"));
      if (text === null) rmSync(p(c.file));
      else writeFileSync(p(c.file), text);
    });
    const { page } = await visit(base, "#tab=3&lang=en", { refused: true, expectConsole: c.edit.remove ? [/404/] : [] });
    const fatal = page.locator("#fatal");
    assert.equal(await fatal.isVisible(), true);
    const text = await fatal.textContent();
    for (const fragment of c.page ?? c.message) assert.ok(text.includes(fragment), `${c.name}: ${text} lacks ${fragment}`);
    assert.match(text, /could not be loaded/);
    assert.equal(await page.locator("#app").isHidden(), true, "no partial table");
    assert.equal(await page.locator("#loading").isHidden(), true);
    if (c.name === "broken control relation") await page.screenshot({ path: join(out, "bad-bundle.png") });
  });
}

test("on a Russian link a broken bundle and a missing file are refused in Russian", async () => {
  // The engine starts before the page reads its language: its message comes in both languages.
  const relation = cases.find((c) => c.name === "broken control relation");
  const broken = await site((p) => writeFileSync(p(relation.file), edited(relation, readFileSync(p(relation.file), "utf8"))));
  let { page } = await visit(broken, "#tab=3&lang=ru", { refused: true });
  let text = await page.locator("#fatal").textContent();
  assert.match(text, /Данные не загрузились/);
  assert.ok(text.includes("data/pecs-2024.json: данные не загружены. Подробности (на английском): 2024 PEC 8096: control relation: breaks `cast`"), text);
  assert.doesNotMatch(text, /could not be loaded/);
  // A file the server does not have: what the server answered, worded by the page.
  const missing = await site((p) => rmSync(p("paper.json")));
  ({ page } = await visit(missing, "#tab=3&lang=ru", { refused: true, expectConsole: [/404/] }));
  text = await page.locator("#fatal").textContent();
  assert.match(text, /Данные не загрузились/);
  assert.ok(text.includes("data/paper.json: сервер ответил 404"), text);
  assert.doesNotMatch(text, /the server answered/);
});

test("markup in a country name and a claim's title and quote is printed, never run", async () => {
  const evil = '<img src=x onerror="window.__xss=1">Ruritania<script>window.__xss=2</script>';
  const base = await site((p) => {
    rewrite(p("pecs-2024.json"), (t) => t.replaceAll('"country_en":"Israel"', `"country_en":${JSON.stringify(evil)}`));
    rewrite(p("claims.json"), (t) => {
      const doc = JSON.parse(t);
      doc.claims[0].quote_en = '<b onmouseover="window.__xss=3">bold</b>';
      doc.claims[0].title_en = '<i onmouseover="window.__xss=4">title</i>';
      return JSON.stringify(doc);
    });
  });
  const { page } = await visit(base, `#tab=countries&lang=en&q=Ruritania&claim=putin_won_abroad`);
  const row = page.locator("#table-panel table.data tbody tr");
  assert.equal(await row.count(), 1);
  assert.equal(await row.first().locator("td").first().textContent(), evil);
  await page.waitForFunction(() => window.__reweigh.sweep !== undefined, null, { timeout: 30000 });
  await page.locator("#robustness-detail blockquote").waitFor();
  assert.match(await page.locator("#robustness-table").textContent(), /<i onmouseover="window.__xss=4">title<\/i>/);
  assert.match(await page.locator("#robustness-detail blockquote").textContent(), /<b onmouseover="window.__xss=3">bold<\/b>/);
  await page.locator("#robustness-table .claim-open").first().hover();
  await page.locator("#robustness-detail blockquote").hover();
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__xss), undefined, "nothing from the data ran");
  assert.equal(await page.locator('img[src="x"], script:not([src]), b[onmouseover], i[onmouseover]').count(), 0);
  // Edited data loads, but never passes for the bundle this version ships with.
  assert.match(await page.locator("#sources .bundle-status").textContent(), /This is NOT the bundle reweigh/);
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
    assert.match(await box.textContent(), name === "deep percent-encoding" ? /“Denominator of shares”: %+.*unknown value/s : /(bytes long|keys); at most/);
    assert.ok(elapsed < 5000, `refused in ${elapsed} ms`);
    const [timing, boot] = await page.evaluate(() => [window.__reweigh.interactiveAt, window.__reweigh.loadMs]);
    assert.ok(timing < 3000, `interactive after ${timing} ms`);
    // Loose bounds: they catch a hang or quadratic work on the input, not the machine's load.
    assert.ok(boot < 2500, `the page's own start took ${boot} ms`);
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
    // The CSV holds only the data; the JSON's meta says which reading it is.
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator(".downloads button", { hasText: "JSON (all rows)" }).click()]);
    assert.match(JSON.parse(readFileSync(await download.path(), "utf8")).meta.state, /^invalid=0&/);
  } finally {
    await browser.context.setOffline(false);
  }
});

/** The page's wasm modules asked for before the page was ready. */
async function modulesBeforeReady({ page, log }) {
  const readyAt = await page.evaluate(() => performance.timeOrigin + window.__reweigh.interactiveAt);
  return log.timed.filter((r) => r.at <= readyAt && r.url.endsWith(".wasm")).map((r) => new URL(r.url).pathname);
}

test("the shipped bundle starts on the page's module; other files on the worker's, which checks them", async () => {
  const shipped = await visit(await site(), "#tab=3&lang=en");
  assert.deepEqual(await modulesBeforeReady(shipped), ["/pkg/reweigh_bg.wasm"]);
  // A valid bundle that is not the shipped one (a space after a file): the page's module does not
  // read it, the worker's module does, with every check, and the page says so.
  const other = await site((p) => rewrite(p("claims.json"), (t) => `${t} `));
  const opened = await visit(other, "#tab=3&lang=en");
  assert.deepEqual(await modulesBeforeReady(opened), ["/pkg/reweigh_bg.wasm", "/pkg/robustness/reweigh_bg.wasm"]);
  assert.match(await opened.page.locator("#sources").textContent(), /NOT the bundle/);
  assert.match(await opened.page.locator("#table-panel").textContent(), /Europe/);
});

test("a manifest that vouches for a broken protocol is refused; a consistent anomaly is shown", async () => {
  // Issue 11: 100,000 more votes for Davankov at PEC 8096, listed in the manifest with stale counts.
  const haifa = (t) => t.replace('"votes":{"davankov":687,', '"votes":{"davankov":100687,');
  const listed = (fixCounts) => (t) => {
    const doc = JSON.parse(t);
    doc.failures.push({ year: 2024, pec: 8096, relation: "valid", detail: "valid 1313 but the votes sum to 101313" });
    if (fixCounts) doc.checks[4].failures = 1;
    return JSON.stringify(doc);
  };
  const national = (t) => {
    const doc = JSON.parse(t);
    const abroad = doc.subjects.find((s) => s.kind === "abroad");
    abroad.votes.davankov += 100000;
    doc.totals.abroad.votes.davankov += 100000;
    doc.totals.protocols.votes.davankov += 100000;
    doc.derived.lines.davankov -= 100000;
    doc.failures.push({ year: 2024, region: abroad.name_ru, pec: 8096, relation: "valid", detail: "valid 1313 but the votes sum to 101313" });
    return JSON.stringify(doc);
  };
  const stale = await site((p) => {
    rewrite(p("pecs-2024.json"), haifa);
    rewrite(p("manifest.json"), listed(false));
    rewrite(p("russia-2024-national.json"), national);
  });
  let { page } = await visit(stale, "#tab=2&lang=en", { refused: true });
  assert.match(await page.locator("#fatal").textContent(), /data\/manifest\.json: checks: 2024: says 0 failures/);
  const consistent = await site((p) => {
    rewrite(p("pecs-2024.json"), haifa);
    rewrite(p("manifest.json"), listed(true));
    rewrite(p("russia-2024-national.json"), national);
  });
  ({ page } = await visit(consistent, "#tab=2&lang=ru"));
  const sources = await page.locator("#sources").textContent();
  assert.match(sources, /2024 УИК 8096 нарушает соотношение/);
  assert.match(sources, /Это НЕ те данные/);
  assert.match(await page.locator("#table-panel").textContent(), /Включает УИК 8096/);
});
