// End-to-end tests of the served page in Debian's chromium. Every page is checked for requests
// to other hosts, CSP violations, console and page errors. Screenshots go to tests/browser/out/.
// Expected values come from the native CLI over the same bundle (REWEIGH_CLI) or are written out
// as literal strings (the Russian formats); never from the page's own formatter.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { assertClean, launch, open, ready, settled } from "./browser.js";
import { serve } from "./server.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const out = join(here, "out");
mkdirSync(out, { recursive: true });
const cli = process.env.REWEIGH_CLI || join(root, "target", "debug", "reweigh");

function engineText(...args) {
  return execFileSync(cli, args, { encoding: "utf8" });
}

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
  try {
    await assertClean(pages, assert);
  } finally {
    await browser.close();
    server.stop();
  }
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
  // The committed bundle is the one this version ships with, and the sources panel says so.
  const status = await page.locator("#sources .bundle-status").textContent();
  assert.match(status, /This is the bundle reweigh/);
  assert.ok(status.includes(engineText("check").match(/files\): ([0-9a-f]{64})/)[1]), status);
  const early = page.locator('#table-panel td[data-row="early"][data-col="abroad"]');
  assert.match(await early.getAttribute("class"), /\bmatch\b/);
  assert.equal(await early.locator(".printed").textContent(), "paper 73,199 ✓");
  assert.match(await early.locator(".printed").getAttribute("title"), /printed as “73 199”/);
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

test("after a slider's moves and a change of base, the table, headline and charts are drawn as a fresh load of the link draws them", async () => {
  // The page keeps what it drew (items the engine names reused, an audited table redrawn in place
  // cell by cell, chart images): none of it may leave a figure stale.
  const { page } = await visit("#tab=3&lang=en");
  const slide = async (values) => {
    for (const value of values) {
      const n = await page.evaluate(() => window.__reweigh.draws);
      await page.evaluate((value) => {
        const slider = document.getElementById("ctl-invalid");
        slider.value = value;
        slider.dispatchEvent(new Event("input", { bubbles: true }));
      }, value);
      await page.waitForFunction((n) => window.__reweigh.draws > n, n);
    }
  };
  await slide(["0.25", "0.5", "0.3"]);
  await page.locator('input[name="base"][value="valid"]').check();
  await page.waitForFunction(() => window.location.hash.includes("base=valid"));
  await slide(["0.75", "0.35"]);
  await page.waitForFunction(() => window.location.hash.includes("base=valid") && window.location.hash.includes("invalid=0.35"));
  await settle(page);
  const shown = (p) => p.evaluate(() => ["#table-panel", "#headline", "#charts"].map((s) =>
    document.querySelector(s).innerHTML.replace(/reason-\d+/g, "reason-N")));
  const moved = await shown(page);
  const { page: fresh } = await visit(await page.evaluate(() => window.location.hash));
  await settle(fresh);
  const loaded = await shown(fresh);
  for (const [i, name] of ["table", "headline", "charts"].entries()) assert.ok(moved[i] === loaded[i], `${name} differs from a fresh load`);
  assert.equal(await page.locator("#table-panel table.audit tbody [tabindex='0']").count(), 1);
});

test("a chart whose picture stays when the win rule changes still follows it in words", async () => {
  // Under a majority the regions' and countries' pictures can be the same images while their
  // descriptions (who wins where, how many) change: the words must be the fresh load's.
  const { page } = await visit("#tab=3&lang=en");
  await page.locator('input[name="win"][value="majority"]').check();
  await page.waitForFunction(() => window.location.hash.includes("win=majority"));
  await settle(page);
  const words = (p) => p.evaluate(() => [...document.querySelectorAll("#charts figure")].map((f) =>
    [f.querySelector("h3").textContent, f.querySelector(".legend").textContent, f.querySelector(".chart-description").textContent, f.querySelector("img").alt]));
  const changed = await words(page);
  const { page: fresh } = await visit(await page.evaluate(() => window.location.hash));
  await settle(fresh);
  assert.deepEqual(changed, await words(fresh));
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
  assert.equal(first, expected);
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
  const israel = engine("compute").pecs.filter((p) => p.country_id === "IL").length;
  assert.ok(israel > 0);
  assert.equal(dataLines.length, 1 + israel, "a header and one line per Israeli PEC");
  const [jsonDownload] = await Promise.all([page.waitForEvent("download"), page.locator(".downloads button", { hasText: "JSON (all rows)" }).click()]);
  const doc = JSON.parse(readFileSync(await jsonDownload.path(), "utf8"));
  assert.equal(doc.table.rows.length, 288);
  assert.equal(doc.meta.table, "pecs");
  // The reading and the date reach the reader in the JSON's meta (and the data package's README).
  assert.match(doc.meta.state, /^invalid=1&davankov=1/);
  assert.match(doc.meta.generated, /^\d{4}-\d\d-\d\d/);
});

test("a shared URL brings back the same view, and back/forward work", async () => {
  const hash = "#invalid=0.25&davankov=1&slutsky=0&kharitonov=0&unreturned=0&base=cast&baltics=europe&disputed=exclude&win=majority&min_issued=100&regions=paper&russia=without_abroad&tab=countries&sort=-opposition_share&lang=en&region=europe";
  const { page } = await visit(hash);
  assert.equal(await page.locator("#ctl-invalid-num").inputValue(), "0.25");
  assert.equal(await page.locator('input[name="baltics"][value="europe"]').isChecked(), true);
  // The key of issue 17 comes from the registry like the others.
  assert.equal(await page.locator('input[name="russia"][value="without_abroad"]').isChecked(), true);
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

test("what \"Russia\" means: a control in both languages, Table 2's column and its parts follow it", async () => {
  const { page } = await visit("#tab=2&lang=ru");
  assert.match(await page.locator("#controls").textContent(), /«Россия» в сравнениях/);
  const head = () => page.locator("#table-panel table.audit thead").textContent();
  assert.match(await head(), /итог ЦИК по стране, с зарубежьем/);
  assert.match(await head(), /вычислено: аннексированные регионы/);
  await page.locator('input[name="russia"][value="protocols"]').check();
  await page.waitForFunction(() => window.location.hash.includes("russia=protocols"));
  await settle(page);
  assert.match(await head(), /протоколы УИК и электронное голосование/);
  assert.doesNotMatch(await head(), /вычислено/);
  const valid = page.locator('#table-panel td[data-row="valid"][data-col="russia"]');
  assert.match(await valid.textContent(), /81\s682\s533/);
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
  assert.match(await box.textContent(), /“Invalid \(spoiled\) ballots”: 7 — out of range.*from 0 to 1/s);
  assert.doesNotMatch(await box.textContent(), /`|invalid=/);
  assert.match(await box.textContent(), /out of range.*; using 1/s);
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
  assert.match(await error.textContent(), /“Votes for Davankov”: 1\.5 — out of range/);
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

test("works on a 375 px wide phone: the app shows, folded controls, no sideways scroll", async () => {
  const { page } = await visit("#tab=3&lang=en", { viewport: { width: 375, height: 800 } });
  assert.equal(await page.locator("#app").isVisible(), true, "the app is shown, not an error");
  assert.equal(await page.locator("#fatal").isHidden(), true);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 380, `the page itself does not scroll sideways (${width}px)`);
  // The assumptions start folded so the figures come first; they open on a tap.
  assert.equal(await page.locator("#assumptions-box").evaluate((d) => d.open), false);
  assert.equal(await page.locator("#headline").isVisible(), true);
  assert.equal(await page.locator("#table-panel table.audit").isVisible(), true);
  const box = await page.locator("#headline").boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 375, `the headline fits (${box.x}+${box.width})`);
  await page.locator("#assumptions-box summary").click();
  assert.equal(await page.locator("#ctl-invalid-num").isVisible(), true);
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
  await page.waitForFunction(() => window.location.hash.includes("invalid=0.99"));
  await page.keyboard.press("PageDown");
  await page.waitForFunction(() => window.location.hash.includes("invalid=0.89"));
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
  await page.locator("#robustness-detail .heat-map img").waitFor();
  await page.waitForFunction(() => document.querySelector("#robustness-detail .heat-map img").src.startsWith("data:image/svg+xml"));
  await page.locator("#flip").click();
  await page.waitForFunction(() => !window.location.hash.includes("invalid=1&"));
  await settle(page);
  assert.match(await row.locator("td.verdict").textContent(), /holds/);
  await page.screenshot({ path: join(out, "robustness.png"), fullPage: true });
  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.locator("#sweep-csv").click()]);
  const csv = readFileSync(await csvDownload.path(), "utf8");
  // Header and data only, both languages' titles and quotes; named after the reading.
  assert.match(csv, /^\ufeffclaim,title_en,title_ru,where_en,where_ru,/);
  assert.doesNotMatch(csv, /^#/m);
  assert.match(csv, /\nputin_lost_no_region,Putin lost no region,Путин не проиграл ни в одном регионе,/);
  assert.match(csvDownload.suggestedFilename(), /^reweigh-robustness-([0-9a-f]{8}|paper)\.csv$/);
  const [jsonDownload] = await Promise.all([page.waitForEvent("download"), page.locator("#sweep-json").click()]);
  const doc = JSON.parse(readFileSync(await jsonDownload.path(), "utf8"));
  assert.equal(doc.meta.readings, 450000);
  assert.equal(doc.claims.length, expected.claims.length);
});

// Russian formats, written out: a no-break space between digit groups, a decimal comma.
const NBSP = "\u00a0";

test("the Russian page writes numbers the Russian way", async () => {
  const { page } = await visit("#tab=2&lang=ru");
  assert.equal(await cellText(page, "issued", "abroad"), `380${NBSP}961`);
  assert.equal(await cellText(page, "early", "abroad_share"), "19,21%");
  assert.equal(await cellText(page, "putin", "abroad_share"), "72,25%");
  const early = page.locator('#table-panel td[data-row="early"][data-col="abroad"] .printed');
  assert.equal(await early.textContent(), `в статье 73${NBSP}199 ✓`);
  const putin = page.locator('[data-metric="putin-share"]');
  assert.equal(await putin.locator(".big").textContent(), "72,25%");
  assert.equal(await putin.locator(".detail").textContent(), `275${NBSP}249 из 380${NBSP}961 выданного бюллетеня`);
  const opposition = page.locator('[data-metric="opposition-share"]');
  assert.equal(await opposition.locator(".big").textContent(), "23,50%");
  assert.equal(await opposition.locator(".detail").textContent(), `89${NBSP}535 из 380${NBSP}961 выданного бюллетеня`);
  // The PECs table: a PEC number is a name, not a quantity; counts grouped, shares with a comma.
  await page.locator("#tab-pecs").click();
  await page.waitForFunction(() => window.location.hash.includes("tab=pecs"));
  await page.locator("#search-pecs").fill("8096");
  await page.waitForFunction(() => window.location.hash.includes("q=8096"));
  await settle(page);
  const cells = await page.locator("#table-panel tbody tr").first().locator("td").allTextContents();
  assert.equal(cells[0], "8096");
  assert.equal(cells[1], "Израиль");
  assert.ok(cells.includes(`1${NBSP}686`), `Haifa's 1 686 ballots issued: ${cells}`);
  assert.ok(cells.includes("33,87%"), `Haifa's Putin share, 571 of 1 686: ${cells}`);
});

test("printing hides the controls and keeps the tables", async () => {
  const { page } = await visit("#tab=3&lang=en");
  await page.emulateMedia({ media: "print" });
  try {
    for (const selector of [".assumptions", ".top-actions", "#tabs", "#table-panel .downloads", ".chart-tools", "#robustness .downloads"]) {
      assert.equal(await page.locator(selector).first().isHidden(), true, `${selector} is not printed`);
    }
    assert.equal(await page.locator("#table-panel table.audit").isVisible(), true);
    assert.equal(await page.locator("#headline").isVisible(), true);
    assert.equal(await page.locator("#charts figure").first().isVisible(), true);
  } finally {
    await page.emulateMedia({ media: "screen" });
  }
  assert.equal(await page.locator(".assumptions").isVisible(), true, "the screen shows the controls again");
});

test("keyboard: Tab reaches the table, arrows reach a cell with a reason, the focus is visible and the reason shows", async () => {
  const { page } = await visit("#tab=2&lang=en");
  await page.locator("#tab-2").focus();
  // The table body is one tab stop (the ARIA grid pattern)...
  let inGrid = false;
  for (let i = 0; i < 60 && !inGrid; i++) {
    await page.keyboard.press("Tab");
    inGrid = await page.evaluate(() => Boolean(document.activeElement?.closest("#table-panel table[role=grid] tbody")));
  }
  assert.ok(inGrid, "Tab reaches the table");
  // ...and the arrow keys move between its cells.
  const here = () => page.evaluate(() => {
    const el = document.activeElement;
    return { key: `${el.closest("tr")?.rowIndex}:${el.cellIndex}`, found: el.matches("td[aria-describedby]") ? { row: el.dataset.row, col: el.dataset.col, describedBy: el.getAttribute("aria-describedby") } : null };
  });
  let found = null;
  for (let i = 0; i < 400 && !found; i++) {
    const before = await here();
    found = before.found;
    if (found) break;
    await page.keyboard.press("ArrowRight");
    if ((await here()).key === before.key) {
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Home");
    }
  }
  assert.ok(found, "no cell with a reason reached by the keyboard");
  const cell = page.locator(`#table-panel td[data-row="${found.row}"][data-col="${found.col}"]`);
  const outline = await cell.evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), visible: el.matches(":focus-visible") };
  });
  assert.equal(outline.visible, true, "the focus is :focus-visible");
  assert.ok(outline.style !== "none" && outline.width >= 2, `a visible outline: ${JSON.stringify(outline)}`);
  const reason = page.locator(`#${found.describedBy}`);
  assert.equal(await reason.isVisible(), true, "the reason shows on focus");
  assert.ok((await reason.textContent()).trim().length > 10);
  // Enter on a cell that sums PECs opens them.
  if (await cell.getAttribute("data-scope")) {
    await page.keyboard.press("Enter");
    await page.locator("#members").waitFor({ state: "visible" });
    await page.keyboard.press("Escape");
  }
});

test("drill-down: a region's countries, then a country's PECs, then back to all", async () => {
  const expected = engine("compute");
  const { page } = await visit("#tab=3&lang=en");
  const europe = page.locator("#table-panel th", { hasText: "Europe" }).locator("button.drill");
  await europe.click();
  await page.waitForFunction(() => window.location.hash.includes("tab=countries") && window.location.hash.includes("region=europe"));
  await settle(page);
  const rows = page.locator("#table-panel table.data tbody tr");
  const european = expected.countries.filter((c) => c.region === "europe");
  assert.equal(await rows.count(), european.length);
  const shown = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.id));
  assert.deepEqual([...shown].sort(), european.map((c) => c.id).sort());
  const first = shown[0];
  await rows.first().locator("button.link").click();
  await page.waitForFunction((id) => window.location.hash.includes("tab=pecs") && window.location.hash.includes(`country=${id}`), first);
  await settle(page);
  const pecs = expected.pecs.filter((p) => p.country_id === first);
  assert.equal(await rows.count(), pecs.length);
  assert.deepEqual((await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.id))).sort(), pecs.map((p) => p.id).sort());
  await page.locator("#table-panel .filter button").click();
  await page.waitForFunction(() => !window.location.hash.includes("country="));
  await settle(page);
  assert.equal(await rows.count(), expected.pecs.length);
});

test("search finds PECs by country, city and PEC number, in either language", async () => {
  const expected = engine("compute").pecs;
  const { page } = await visit("#tab=pecs&lang=en");
  const rows = page.locator("#table-panel table.data tbody tr");
  const search = async (text) => {
    await page.locator("#search-pecs").fill(text);
    await page.waitForFunction((q) => new URLSearchParams(window.location.hash.slice(1)).get("q") === q, text);
    await settle(page);
    return (await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.id))).sort();
  };
  const ids = (list) => list.map((p) => p.id).sort();
  assert.deepEqual(await search("Kazakhstan"), ids(expected.filter((p) => p.country.en === "Kazakhstan")));
  assert.deepEqual(await search("Казахстан"), ids(expected.filter((p) => p.country.ru === "Казахстан")));
  assert.deepEqual(await search("8096"), ["8096"]);
  assert.deepEqual(await search("Trabzon"), ids(expected.filter((p) => p.city.en === "Trabzon")));
  assert.deepEqual(await search("no such place"), []);
  assert.equal(await page.locator("#table-panel .empty").isVisible(), true);
});

test("the PECs table sorts by every column, both ways", async () => {
  const table = engine("tables", "--table", "pecs", "--format", "json").table;
  const { page } = await visit("#tab=pecs&lang=en");
  const rows = page.locator("#table-panel table.data tbody tr");
  const buttons = page.locator("#table-panel thead th button.sort");
  assert.equal(await buttons.count(), table.columns.length);
  const byId = new Map(table.rows.map((r) => [r.id, r]));
  // The engine's sort keys: numbers by value, text case-folded with ё as е, empty values last.
  const key = (cell) => {
    const v = cell.value;
    if (v === null) return null;
    if (typeof v === "object") return v.en.toLowerCase().replaceAll("ё", "е");
    return Number(v);
  };
  for (let c = 0; c < table.columns.length; c++) {
    const column = table.columns[c];
    for (const pass of [0, 1]) {
      await buttons.nth(c).click();
      await page.waitForFunction((id) => /[#&]sort=-?([^&]*)/.exec(window.location.hash)?.[1] === id, column.id);
      await settle(page);
      const descending = await page.evaluate(() => /[#&]sort=-/.test(window.location.hash));
      assert.equal(await page.locator("#table-panel thead th").nth(c).getAttribute("aria-sort"), descending ? "descending" : "ascending");
      const order = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.id));
      assert.equal(order.length, table.rows.length, column.id);
      const keys = order.map((id) => key(byId.get(id).cells[c]));
      for (let i = 1; i < keys.length; i++) {
        const [a, b] = [keys[i - 1], keys[i]];
        if (b === null) continue;
        assert.ok(a !== null, `${column.id}: an empty value before a value`);
        assert.ok(descending ? a >= b : a <= b, `${column.id} ${descending ? "descending" : "ascending"} (pass ${pass}): ${a} then ${b} at row ${i}`);
      }
    }
  }
});

test("every chart has a legend, a description and a table alternative with the engine's rows", async () => {
  const expected = engine("compute");
  const { page } = await visit("#tab=3&lang=en");
  await settled(page); // the charts sit below the sweep's panel
  const legends = { regions: ["“Opposition”", "Putin"], countries: ["“Opposition”", "Putin"], history: ["recomputed", "as published"] };
  const rowNames = {
    regions: expected.regions.map((r) => r.name.en),
    countries: expected.countries.filter((c) => c.id !== "unassigned").map((c) => c.name.en),
    history: ["2004", "2008", "2012", "2018", "2024"],
  };
  for (const [kind, labels] of Object.entries(legends)) {
    const figure = page.locator(`#chart-${kind}`);
    assert.deepEqual(await figure.locator(".legend .key").allTextContents(), labels, kind);
    for (const swatch of await figure.locator(".legend .swatch").all()) assert.equal(await swatch.isVisible(), true);
    const description = await figure.locator(".chart-description").textContent();
    assert.ok(description.length > 20, kind);
    assert.equal(await figure.locator("img").getAttribute("alt"), description);
    assert.match(await figure.locator("img").getAttribute("src"), /^data:image\/svg\+xml/);
    await figure.locator("details summary").click();
    // The table is drawn on the toggle event, after the click returns.
    await figure.locator("details tbody tr th").first().waitFor();
    const names = await figure.locator("details tbody tr th").allTextContents();
    assert.deepEqual([...names].sort(), [...rowNames[kind]].sort(), kind);
  }
});
