// End-to-end tests of the served page in Debian's chromium. Every page is checked for requests
// to other hosts, CSP violations, console and page errors. Screenshots go to tests/browser/out/.
// Expected values come from the native CLI over the same bundle (REWEIGH_CLI), never from here.

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
  return JSON.parse(execFileSync(cli, args, { encoding: "utf8", maxBuffer: 64 << 20 }));
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

async function visit(hash = "", options) {
  const opened = await open(browser.context, server.base, options);
  pages.push(opened);
  await opened.page.goto(server.base + hash);
  await ready(opened.page);
  return opened;
}

/** Wait until the page has drawn what the last action asked for. */
async function settle(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
}

async function cellText(page, row, col) {
  return page.locator(`#table-panel td[data-row="${row}"][data-col="${col}"] .value`).textContent();
}

// Written out by hand, not with the page's formatter: shares below 100% need no digit groups.
const percentEn = (fraction) => `${(fraction * 100).toFixed(2)}%`;

test("loads, shows the published cells beside the recomputed ones", async () => {
  const { page, log } = await visit("#tab=2&lang=en");
  assert.equal(await page.locator("#loading").isHidden(), true);
  const early = page.locator('#table-panel td[data-row="early"][data-col="abroad"]');
  assert.match(await early.getAttribute("class"), /\bmatch\b/);
  assert.equal(await early.locator(".printed").textContent(), "paper 73,199 ✓");
  assert.match(await early.locator(".printed").getAttribute("title"), /printed as «73 199»/);
  assert.equal(await cellText(page, "early", "abroad"), "73,199");
  // The national "stolen" ballots: the slip is explained on focus.
  const stolen = page.locator('#table-panel td[data-row="unreturned"][data-col="russia"]');
  await stolen.focus();
  assert.match(await stolen.locator(".reason").textContent(), /a digit left out.*17 ?806/s);
  assert.equal(await stolen.locator(".reason").isVisible(), true);
  await page.screenshot({ path: join(out, "table2.png"), fullPage: true });
  assert.ok(log.requests.every((u) => u.startsWith(server.base) || u.startsWith("blob:")));
});

test("setting invalid to 0 changes Europe's opposition share and the win counts to the engine's", async () => {
  const { page } = await visit("#tab=3&lang=en");
  const before = await cellText(page, "opposition_share", "europe");
  const number = page.locator("#ctl-invalid-num");
  await number.fill("0");
  await page.waitForFunction(() => window.location.hash.includes("invalid=0&"));
  await settle(page);
  const expected = engine("compute", "--state", "invalid=0");
  const europe = expected.regions.find((r) => r.id === "europe");
  const after = await cellText(page, "opposition_share", "europe");
  assert.notEqual(after, before);
  assert.equal(after, percentEn(europe.opposition_share));
  assert.equal((await page.locator('[data-metric="pecs-won"] .big').textContent()).trim(), String(expected.wins.pecs));
  assert.equal((await page.locator('[data-metric="countries-won"] .big').textContent()).trim(), String(expected.wins.countries));
  assert.equal(await page.locator("#ctl-invalid").inputValue(), "0");
  await page.screenshot({ path: join(out, "invalid-0.png"), fullPage: false });
});

test("switching the base redraws with the engine's shares and writes the URL", async () => {
  const { page } = await visit("#tab=3&lang=en");
  await page.locator('input[name="base"][value="valid"]').check();
  await page.waitForFunction(() => window.location.hash.includes("base=valid"));
  await settle(page);
  const expected = engine("compute", "--state", "base=valid");
  const putin = expected.regions.find((r) => r.id === "africa").putin_share;
  assert.equal(await cellText(page, "putin_share", "africa"), percentEn(putin));
  assert.match(await page.locator("#description").textContent(), /valid ballots/);
});

test("the PECs table sorts and searches", async () => {
  const { page } = await visit("#tab=pecs&lang=en");
  const rows = page.locator("#table-panel table.data tbody tr");
  assert.equal(await rows.count(), 288);
  await page.locator("#table-panel th button", { hasText: "Issued" }).first().click();
  await page.waitForFunction(() => window.location.hash.includes("sort=-issued"));
  await settle(page);
  const first = await rows.first().locator("td").first().textContent();
  const expected = engine("compute").pecs.sort((a, b) => b.issued - a.issued)[0].id;
  assert.equal(first.replace(/\D/g, ""), expected);
  await page.locator("#search-pecs").fill("Haifa");
  await page.waitForFunction(() => window.location.hash.includes("q=Haifa"));
  await settle(page);
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().textContent(), /8096/);
});

test("downloads CSV and JSON of what you see and of all rows", async () => {
  const { page } = await visit("#tab=pecs&lang=en&q=Israel");
  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.locator(".downloads button", { hasText: "CSV (what you see)" }).click()]);
  assert.equal(csvDownload.suggestedFilename(), "reweigh-table-pecs-shown-paper.csv");
  const csv = readFileSync(await csvDownload.path(), "utf8");
  assert.ok(csv.startsWith("\ufeffPEC,Country,"), "BOM, then the header row: no preamble");
  const dataLines = csv.split("\n").filter((l) => l);
  assert.equal(dataLines.length, 1 + 3, "a header and Israel's three PECs");
  const [jsonDownload] = await Promise.all([page.waitForEvent("download"), page.locator(".downloads button", { hasText: "JSON (all rows)" }).click()]);
  const doc = JSON.parse(readFileSync(await jsonDownload.path(), "utf8"));
  assert.equal(doc.table.rows.length, 288);
  assert.equal(doc.meta.table, "pecs");
  // The reading and the date reach the reader in the JSON's meta (and the data package's README).
  assert.match(doc.meta.state, /^invalid=1&davankov=1/);
  assert.match(doc.meta.generated, /^\d{4}-\d\d-\d\d/);
});

test("a shared URL brings back the same view, and back/forward work", async () => {
  const hash = "#invalid=0.25&davankov=1&slutsky=0&kharitonov=0&unreturned=0&base=cast&baltics=europe&disputed=exclude&win=majority&min_issued=100&regions=paper&tab=countries&sort=-opposition_share&lang=en&region=europe";
  const { page } = await visit(hash);
  assert.equal(await page.locator("#ctl-invalid-num").inputValue(), "0.25");
  assert.equal(await page.locator('input[name="baltics"][value="europe"]').isChecked(), true);
  assert.equal(await page.locator('#tab-countries').getAttribute("aria-selected"), "true");
  const shownFirst = await page.locator("#table-panel table.data tbody tr").first().textContent();
  await page.reload();
  await ready(page);
  assert.equal(await page.locator("#table-panel table.data tbody tr").first().textContent(), shownFirst);
  assert.equal(decodeURIComponent(new URL(page.url()).hash), decodeURIComponent(hash));
  await page.locator("#tab-1").click();
  await page.waitForFunction(() => window.location.hash.includes("tab=1"));
  await page.goBack();
  await page.waitForFunction(() => window.location.hash.includes("tab=countries"));
  await settle(page);
  assert.equal(await page.locator('#tab-countries').getAttribute("aria-selected"), "true");
});

test("switches to Russian", async () => {
  const { page } = await visit("#tab=4&lang=en");
  await page.locator('.lang button[data-lang="ru"]').click();
  await page.waitForFunction(() => document.documentElement.lang === "ru");
  await settle(page);
  assert.match(await page.locator("#assumptions-title").textContent(), /Допущения/);
  assert.match(await page.locator(".table-title").textContent(), /Таблица 4/);
  assert.match(await page.locator("#description").textContent(), /«Оппозиция»/);
  assert.match(page.url(), /lang=ru/);
  await page.screenshot({ path: join(out, "russian.png"), fullPage: true });
});

test("a bad state in the URL shows a message naming the key and falls back for that key only", async () => {
  const { page } = await visit("#invalid=7&base=cast&tab=2&lang=en");
  const box = page.locator("#url-errors");
  assert.equal(await box.isVisible(), true);
  assert.match(await box.textContent(), /invalid=7.*out of range.*from 0 to 1/s);
  assert.equal(await page.locator('input[name="base"][value="cast"]').isChecked(), true);
  assert.equal(await page.locator("#ctl-invalid-num").inputValue(), "1");
  // The bad link stays in the address bar until the user changes something.
  assert.match(page.url(), /invalid=7/);
  await page.screenshot({ path: join(out, "bad-state.png") });
});

test("a typed out-of-range weight is refused at the control", async () => {
  const { page } = await visit("#tab=2&lang=en");
  await page.locator("#ctl-davankov-num").fill("1.5");
  const error = page.locator("#ctl-davankov-err");
  await error.waitFor({ state: "visible" });
  assert.match(await error.textContent(), /out of range/);
  assert.doesNotMatch(page.url(), /davankov=1\.5/);
});

test("a cell shows the PECs it sums, with their evidence", async () => {
  const { page } = await visit("#tab=3&lang=en");
  await page.locator('#table-panel td[data-row="issued"][data-col="europe"]').click();
  const dialog = page.locator("#members");
  await dialog.waitFor({ state: "visible" });
  const expected = engine("compute").regions.find((r) => r.id === "europe").pecs;
  assert.equal(await dialog.locator("tbody tr").count(), expected);
  assert.match(await dialog.textContent(), /inferred|documented/);
  await page.keyboard.press("Escape");
});

test("works on a 375 px wide phone", async () => {
  const { page } = await visit("#tab=3&lang=en", { viewport: { width: 375, height: 800 } });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 380, `the page itself does not scroll sideways (${width}px)`);
  await page.screenshot({ path: join(out, "phone.png"), fullPage: true });
});

test("keyboard: the controls and tabs are reachable", async () => {
  const { page } = await visit("#tab=1&lang=en");
  await page.locator("#tab-1").focus();
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => window.location.hash.includes("tab=2"));
  await settle(page);
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-2");
  await page.locator("#ctl-invalid").focus();
  await page.keyboard.press("ArrowLeft");
  await page.waitForFunction(() => window.location.hash.includes("invalid=0.95"));
});

test("the robustness panel: a claim's flip button applies a reading where its verdict changes", async () => {
  const { page } = await visit("#tab=3&lang=en&claim=putin_lost_no_region");
  await page.waitForFunction(() => window.__reweigh.sweep !== undefined, null, { timeout: 30000 });
  const row = page.locator('#robustness-table tr[data-claim="putin_lost_no_region"]');
  await row.waitFor();
  assert.match(await row.locator("td.verdict").textContent(), /fails/);
  const expected = JSON.parse(execFileSync(cli, ["sweep", "--format", "json"], { encoding: "utf8", maxBuffer: 64 << 20 }));
  const claim = expected.claims.find((c) => c.id === "putin_lost_no_region");
  assert.match(await row.locator("td.share").textContent(), new RegExp(`${(claim.share_holding * 100).toFixed(1)}%`));
  await page.locator("#robustness-detail img").waitFor();
  await page.waitForFunction(() => document.querySelector("#robustness-detail img").src.startsWith("data:image/svg+xml"));
  await page.locator("#flip").click();
  await page.waitForFunction(() => !window.location.hash.includes("invalid=1&"));
  await settle(page);
  assert.match(await row.locator("td.verdict").textContent(), /holds/);
  await page.screenshot({ path: join(out, "robustness.png"), fullPage: true });
  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.locator("#sweep-csv").click()]);
  const csv = readFileSync(await csvDownload.path(), "utf8");
  assert.match(csv, /# grid: invalid=0,0.25,0.5,0.75,1&/);
  assert.match(csv, /\nputin_lost_no_region,/);
  const [jsonDownload] = await Promise.all([page.waitForEvent("download"), page.locator("#sweep-json").click()]);
  const doc = JSON.parse(readFileSync(await jsonDownload.path(), "utf8"));
  assert.equal(doc.meta.readings, 150000);
  assert.equal(doc.claims.length, expected.claims.length);
});
