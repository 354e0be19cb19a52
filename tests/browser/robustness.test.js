// Browser tests of "robustness you can read" (issue 12): tipping marks on the sliders and the
// tipping points in words, three verdicts against printed figures, the specification curve,
// the importance bars, the location-evidence flag, the pin, claims by title in both languages.
// Expected values come from the native CLI over the same bundle (REWEIGH_CLI), never from the
// page. Screenshots of each view (1366x900 and 390x844, English and Russian) go to out/.

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

function engine(...args) {
  return JSON.parse(execFileSync(cli, args, { encoding: "utf8", maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "ignore"] }));
}

const claimsFile = JSON.parse(readFileSync(join(root, "data", "claims.json"), "utf8")).claims;
const vocabulary = engine("vocabulary");
const label = (key) => vocabulary.find((k) => k.key === key).label.en;
let sweepJson = null;
const sweep = () => (sweepJson ??= engine("sweep", "--format", "json"));

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

async function visit(hash = "", options) {
  const opened = await open(browser.context, server.base, options);
  pages.push(opened);
  await opened.page.goto(server.base + hash);
  await ready(opened.page);
  return opened;
}

async function settle(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
}

async function swept(page) {
  await page.waitForFunction(() => window.__reweigh.sweep !== undefined, null, { timeout: 60000 });
  await page.locator("#robustness-table tbody tr").first().waitFor();
}

// Written out by hand, not with the page's formatter.
const percentEn = (fraction) => `${(fraction * 100).toFixed(2)}%`;
/** A weight as the page words it: 93.75%, 37.5%, 50%. */
function weightWords(w) {
  const units = Math.round(w * 10000);
  const decimals = units % 100 === 0 ? 0 : units % 10 === 0 ? 1 : 2;
  return `${(units / 100).toFixed(decimals)}%`;
}
/** The marks' list: weights as the slider's box shows them (0.1198), not percentages. */
const weightList = (ws) => ws.map((w) => String(Math.round(w * 10000) / 10000)).join(", ");
const signed = (x, decimals) => {
  const text = Math.abs(x).toFixed(decimals);
  if (Number(text) === 0) return `±${text}`;
  return `${x > 0 ? "+" : "−"}${text}`;
};
/** The values where some claim turns along one weight, from the CLI's tipping points. */
function edges(doc, key) {
  const set = new Set();
  for (const c of doc.claims) {
    for (const [lo, hi] of c.keys[key]) {
      if (lo > 0) set.add(lo);
      if (hi < 1) set.add(hi);
    }
  }
  return [...set].sort((a, b) => a - b);
}
const row = (page, id) => page.locator(`#robustness-table tr[data-claim="${id}"]`);

test("each weight slider marks where some claim's verdict turns; a claim says it in words", async () => {
  const { page } = await visit("#tab=3&lang=en&claim=putin_lost_no_region");
  const paper = engine("tipping", "--format", "json");
  const marks = page.locator("#ctl-invalid-ticks");
  const expected = edges(paper, "invalid");
  assert.ok(expected.length > 0);
  assert.equal(await marks.getAttribute("alt"), `Marks: a claim’s verdict turns at ${weightList(expected)}`);
  const src = await marks.getAttribute("src");
  assert.ok(src.startsWith("data:image/svg+xml"));
  for (const e of expected) assert.ok(src.includes(`M${Math.round(e * 10000) / 10} 0V10`), `a mark at ${e}`);
  // The claim's detail: "holds while invalid ballots count 93.75% or less", from the CLI's interval.
  const claim = paper.claims.find((c) => c.id === "putin_lost_no_region");
  const [[lo, hi]] = claim.keys.invalid;
  assert.equal(lo, 0);
  await swept(page);
  const items = page.locator("#robustness-detail .tipping li");
  await items.first().waitFor();
  assert.equal(await items.first().textContent(), `Holds while invalid (spoiled) ballots count ${weightWords(hi)} or less (the rest as set).`);
  // Another reading: the marks follow it (the others as set).
  await page.locator("#ctl-invalid-num").fill("0.5");
  await page.waitForFunction(() => window.location.hash.includes("invalid=0.5&"));
  await settle(page);
  const half = engine("tipping", "--state", "invalid=0.5", "--format", "json");
  const davankov = edges(half, "davankov");
  const alt = await page.locator("#ctl-davankov-ticks").getAttribute("alt");
  assert.equal(alt ?? "", davankov.length ? `Marks: a claim’s verdict turns at ${weightList(davankov)}` : "");
  await page.locator(".assumptions").screenshot({ path: join(out, "robustness-ticks-en.png") });
});

test("a figure against the paper's print is reproduced, off in the last printed digit, or differs — counted apart", async () => {
  const { page } = await visit("#tab=3&lang=en");
  await swept(page);
  const report = sweep().claims.find((c) => c.id === "davankov_share_table2");
  assert.equal(report.paper.verdict, "off_last_digit");
  const r = row(page, "davankov_share_table2");
  assert.match(await r.locator("td.verdict").textContent(), /^off in the last printed digit16\.64%/);
  const decided = report.holds + report.off_last_digit + report.fails;
  const share = (n) => `${((n / decided) * 100).toFixed(1)}%`;
  assert.equal(await r.locator(".counts").textContent(),
    `reproduced ${share(report.holds)}; off in the last printed digit ${share(report.off_last_digit)}; differs ${share(report.fails)}`);
  // The status line counts the paper's reading's verdicts apart.
  const printed = sweep().claims.filter((c) => c.test.value !== undefined);
  const tally = (v) => printed.filter((c) => c.paper.verdict === v).length;
  assert.match(await page.locator("#robustness-status").textContent(),
    new RegExp(`of ${printed.length} printed figures, ${tally("holds")} reproduced, ${tally("off_last_digit")} off in the last printed digit, ${tally("fails")} different`));
  // A count is not a printed figure: "41 PECs" against 42 fails.
  assert.match(await row(page, "davankov_won_41_pecs").locator("td.verdict").textContent(), /^fails/);
  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.locator("#sweep-csv").click()]);
  const lines = readFileSync(await csvDownload.path(), "utf8").replace(/^\ufeff/, "").split("\n");
  // Fields may be quoted ("Доля Даванкова: 16,65%"): split outside quotes only.
  const fields = (l) => [...l.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]);
  const head = fields(lines[0]);
  const line = fields(lines.find((l) => l.startsWith("davankov_share_table2,")));
  for (const column of ["holds", "off_last_digit", "fails"]) {
    assert.equal(line[head.indexOf(column)], String(report[column]), column);
  }
});

test("the specification curve: the claim under every reading, sorted, with its table", async () => {
  const { page } = await visit("#tab=3&lang=en&claim=table4_opposition_europe");
  await swept(page);
  const figure = page.locator("#robustness-detail .spec-curve");
  await page.waitForFunction(() => document.querySelector("#robustness-detail .spec-curve img")?.src.startsWith("data:image/svg+xml"), null, { timeout: 60000 });
  assert.match(await figure.locator("h4").textContent(), /Specification curve: “Opposition in Europe: 33\.5%”/);
  const keys = await figure.locator(".legend .key").allTextContents();
  assert.deepEqual(keys, ["reproduced", "off in the last printed digit", "differs", "the paper’s figure", "the paper’s reading", "this reading"]);
  const report = sweep().claims.find((c) => c.id === "table4_opposition_europe");
  const applicable = report.holds + report.off_last_digit + report.fails;
  assert.match(await figure.locator(".chart-description").textContent(), new RegExp(`each of ${applicable.toLocaleString("en-US")} readings`));
  await figure.locator("details summary").click();
  const rows = figure.locator("details tbody tr");
  assert.equal(await rows.nth(0).locator("td").first().textContent(), `${report.min.toFixed(2)}%`);
  assert.equal(await rows.nth(4).locator("td").first().textContent(), `${report.max.toFixed(2)}%`);
  assert.match(await rows.nth(5).locator("th").textContent(), /^the paper’s reading \(position/);
  assert.equal(await rows.nth(5).locator("td").first().textContent(), `${report.paper.value.toFixed(2)}%`);
  const [svg] = await Promise.all([page.waitForEvent("download"), figure.locator(".svg-download").click()]);
  assert.equal(svg.suggestedFilename(), "reweigh-curve-table4_opposition_europe.svg");
  assert.ok(readFileSync(await svg.path(), "utf8").startsWith("<svg"));
  await page.locator("#robustness-detail").screenshot({ path: join(out, "robustness-curve-en.png") });
});

test("what each conclusion rests on: a bar per claim whose parts add up, — when nothing changes", async () => {
  const { page } = await visit("#tab=3&lang=en");
  await swept(page);
  const report = sweep().claims.find((c) => c.id === "putin_lost_no_region");
  const parts = report.importance.keys.filter((k) => Math.abs(k.share) >= 0.0005);
  const total = report.importance.keys.reduce((s, k) => s + k.share, 0);
  assert.ok(Math.abs(total - report.importance.differs) < 1e-9, "the CLI's parts add up");
  const words = parts.map((k) => `${label(k.key)} ${k.share < 0 ? "−" : ""}${(Math.abs(k.share) * 100).toFixed(1)}%`);
  const cell = row(page, "putin_lost_no_region").locator("td.importance");
  assert.equal(await cell.locator(".detail").textContent(),
    `verdict differs from the one under the paper’s assumptions in ${(report.importance.differs * 100).toFixed(1)}%: ${words.join(", ")}`);
  for (const k of parts.filter((k) => k.share >= 0.025)) {
    assert.equal(await cell.locator(`.bar .fill.k-${k.key}`).count(), 1, k.key);
  }
  const none = sweep().claims.find((c) => c.id === "putin_won_abroad");
  assert.equal(none.importance.differs, 0);
  assert.equal(await row(page, "putin_won_abroad").locator("td.importance").textContent(), "—");
});

test("the location flag: beside the verdict when it rests on PECs of uncertain location", async () => {
  const { page } = await visit("#tab=3&lang=en&claim=davankov_won_named_countries");
  await swept(page);
  const flagged = sweep().claims.filter((c) => c.now.rests_on_uncertain_locations).map((c) => c.id);
  assert.ok(flagged.includes("davankov_won_named_countries"));
  for (const c of sweep().claims) {
    const flags = await row(page, c.id).locator(".location-flag").count();
    assert.equal(flags, flagged.includes(c.id) ? 1 : 0, c.id);
  }
  const detail = page.locator("#robustness-detail .location-detail");
  await detail.waitFor();
  const without = sweep().claims.find((c) => c.id === "davankov_won_named_countries").now.without_uncertain_locations;
  assert.equal(without, "fails");
  assert.match(await detail.textContent(), /rests on PECs whose location is only inferred or unknown.*it would be “fails”/);
  await row(page, "davankov_won_named_countries").screenshot({ path: join(out, "robustness-location-en.png") });
});

test("pin a reading: the headline and the cells show it and the difference; swap, clear, exports", async () => {
  const { page } = await visit("#invalid=0.5&tab=3&lang=en");
  await page.locator("#pin-set").click();
  await page.waitForFunction(() => window.location.hash.includes("pin=invalid%3D0.5%26"));
  await page.locator('input[name="base"][value="valid"]').check();
  await page.waitForFunction(() => window.location.hash.includes("base=valid"));
  await settle(page);
  const pinned = engine("compute", "--state", "invalid=0.5");
  const now = engine("compute", "--state", "invalid=0.5&base=valid");
  const figure = page.locator('[data-metric="opposition-share"]');
  assert.equal(await figure.locator(".big").textContent(), percentEn(now.total.opposition_share));
  assert.equal(await figure.locator(".pinned-value").textContent(), percentEn(pinned.total.opposition_share));
  const diff = (now.total.opposition_share - pinned.total.opposition_share) * 100;
  assert.equal((await figure.locator(".pinned-diff").textContent()).trim(), `${signed(diff, 2)} pp`);
  const won = page.locator('[data-metric="pecs-won"]');
  assert.equal(await won.locator(".pinned-value").textContent(), String(pinned.wins.pecs));
  const europe = (r) => r.regions.find((x) => x.id === "europe").opposition_share;
  const cell = page.locator('#table-panel td[data-row="opposition_share"][data-col="europe"]');
  assert.equal(await cell.locator(".pinned-value").textContent(), percentEn(europe(pinned)));
  assert.equal((await cell.locator(".pinned-diff").textContent()).trim(), `${signed((europe(now) - europe(pinned)) * 100, 2)} pp`);
  await page.locator(".reading").screenshot({ path: join(out, "robustness-pin-en.png") });
  // Every export names the pin with its metadata (a table's CSV is header and data only).
  const [json] = await Promise.all([page.waitForEvent("download"), page.locator(".downloads button", { hasText: "JSON (all rows)" }).click()]);
  assert.equal(JSON.parse(readFileSync(await json.path(), "utf8")).meta.pin, pinned.state);
  await swept(page);
  const [map] = await Promise.all([page.waitForEvent("download"), page.locator("#sweep-json").click()]);
  const doc = JSON.parse(readFileSync(await map.path(), "utf8"));
  assert.equal(doc.meta.pin, pinned.state);
  assert.equal(doc.meta.state, now.state);
  // One click swaps the two readings.
  await page.locator("#pin-swap").click();
  await page.waitForFunction(() => window.location.hash.includes("base=issued") && window.location.hash.includes("base%3Dvalid"));
  await settle(page);
  assert.equal(await figure.locator(".big").textContent(), percentEn(pinned.total.opposition_share));
  assert.equal(await figure.locator(".pinned-value").textContent(), percentEn(now.total.opposition_share));
  assert.equal(await page.evaluate(() => document.activeElement.id), "pin-swap");
  // And one clears it.
  await page.locator("#pin-clear").click();
  await page.waitForFunction(() => !window.location.hash.includes("pin="));
  await settle(page);
  assert.equal(await page.locator("#headline .pinned").count(), 0);
  assert.equal(await page.locator("#table-panel .pinned").count(), 0);
});

test("claims by their title and place in both languages, never by id", async () => {
  for (const lang of ["en", "ru"]) {
    const { page } = await visit(`#tab=3&lang=${lang}&claim=best_and_worst_regions`);
    await swept(page);
    const titles = await page.locator("#robustness-table tbody th .claim-open").allTextContents();
    assert.deepEqual(titles, claimsFile.map((c) => c[`title_${lang}`]));
    const places = await page.locator("#robustness-table tbody th .claim-place").allTextContents();
    assert.deepEqual(places, claimsFile.map((c) => (lang === "en" ? c.where : c.where_ru)));
    const text = await page.locator("#robustness").innerText();
    for (const c of claimsFile) assert.ok(!text.includes(c.id), `${c.id} is not shown (${lang})`);
    if (lang === "ru") {
      assert.match(text, /воспроизводится|расходится в последнем знаке/);
      assert.doesNotMatch(text, /\b(holds|fails|reproduced|differs)\b/);
    }
  }
});

test("screenshots of each view: 1366x900 and 390x844, English and Russian", async () => {
  for (const lang of ["en", "ru"]) {
    for (const [name, viewport] of [["desktop", { width: 1366, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
      const { page } = await visit(`#invalid=0.5&tab=3&lang=${lang}&claim=table4_opposition_europe&pin=base%3Dcast`, { viewport });
      await swept(page);
      await page.waitForFunction(() => document.querySelector("#robustness-detail .spec-curve img")?.src.startsWith("data:image/svg+xml"), null, { timeout: 60000 });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= viewport.width + 5, `${lang} ${name}: the page does not scroll sideways (${width}px)`);
      await page.screenshot({ path: join(out, `robustness-${name}-${lang}.png`), fullPage: false });
      await page.locator("#robustness").screenshot({ path: join(out, `robustness-panel-${name}-${lang}.png`) });
      await page.locator("#robustness-detail").screenshot({ path: join(out, `robustness-detail-${name}-${lang}.png`) });
      await page.locator(".reading").screenshot({ path: join(out, `robustness-pin-${name}-${lang}.png`) });
      if (name === "phone") await page.locator("#assumptions-box summary").click();
      await page.locator(".assumptions").screenshot({ path: join(out, `robustness-ticks-${name}-${lang}.png`) });
    }
  }
});

test("the first paint fetches only what it needs: the sweep's module comes after, in the worker (issue 15)", async () => {
  const { page, log } = await visit("#lang=en");
  const readyAt = await page.evaluate(() => performance.timeOrigin + window.__reweigh.interactiveAt);
  await swept(page);
  const path = (r) => new URL(r.url).pathname;
  const first = log.timed.filter((r) => r.at <= readyAt).map(path);
  const later = log.timed.filter((r) => r.at > readyAt).map(path);
  assert.ok(first.includes("/pkg/reweigh_bg.wasm"), first.join(" "));
  for (const unneeded of ["/pkg/robustness/reweigh_bg.wasm", "/pkg/sheets/reweigh_bg.wasm", "/data/map.json"]) {
    assert.ok(!first.includes(unneeded), `${unneeded} fetched before the page was ready`);
  }
  assert.ok(later.includes("/pkg/robustness/reweigh_bg.wasm"), later.join(" "));
  // The page's module has no sweep; the worker's has it.
  const glue = (dir) => readFileSync(join(root, "www", "pkg", ...dir, "reweigh.js"), "utf8");
  assert.ok(!/sweepCurve/.test(glue([])));
  assert.ok(/sweepCurve/.test(glue(["robustness"])));
});

test("the bundle's files are asked for with the wasm (index.html preloads them), each once (issue 15)", async () => {
  // The page's wasm held back 1.5 s: every bundle file must have been asked for before it came,
  // which only index.html's preloads do (js/early.js asks for the files once the engine is up).
  const opened = await open(browser.context, server.base);
  pages.push(opened);
  const { page, log } = opened;
  let wasmReleased = null;
  await page.route("**/pkg/reweigh_bg.wasm", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    wasmReleased = Date.now();
    return route.fallback(); // on to the log's handler, which lets it through
  });
  await page.goto(`${server.base}#lang=en`);
  await ready(page);
  const readyAt = await page.evaluate(() => performance.timeOrigin + window.__reweigh.interactiveAt);
  const files = await page.evaluate(async () => (await import("/pkg/reweigh.js")).bundleFiles());
  assert.equal(files.length, 7);
  const path = (r) => new URL(r.url).pathname;
  const first = log.timed.filter((r) => r.at <= readyAt);
  assert.ok(wasmReleased !== null);
  for (const name of files) {
    const asked = first.filter((r) => path(r) === `/data/${name}`);
    assert.equal(asked.length, 1, `data/${name} fetched ${asked.length} times before ready`);
    assert.ok(asked[0].at < wasmReleased, `data/${name} was asked for only after the wasm came`);
  }
  // The wasm preloaded by index.html is the one the module compiles: fetched once.
  assert.equal(first.filter((r) => path(r) === "/pkg/reweigh_bg.wasm").length, 1);
});

test("a link that opens a claim brings its row into view once the panel is drawn", async () => {
  const { page } = await visit("#tab=3&claim=putin_lost_no_region&lang=en");
  await swept(page);
  await page.locator("#robustness-table tr.selected").waitFor();
  await settle(page);
  const at = await page.evaluate(() => {
    const row = document.querySelector("#robustness-table tr.selected").getBoundingClientRect();
    return { top: row.top, bottom: row.bottom, height: window.innerHeight, scrolled: window.scrollY };
  });
  assert.ok(at.scrolled > 0, "the page scrolled to the claim");
  assert.ok(at.top > -1 && at.top < at.height, `the row's top at ${at.top}px of ${at.height}px`);
});
