// The reader's page (issue 10): every number right and readable, in both languages, on desktop and
// phone. Expected values are literal strings or come from the native CLI (REWEIGH_CLI), never
// from the page's own formatting. Every page is also checked for requests to other hosts, CSP
// violations, console and page errors.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { assertClean, launch, open, ready, settled } from "./browser.js";
import { serve } from "./server.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const out = join(here, "out");
mkdirSync(out, { recursive: true });
const cli = process.env.REWEIGH_CLI || join(root, "target", "debug", "reweigh");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const TABS = ["1", "2", "3", "4", "text", "russia", "countries", "pecs"];
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

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

async function visit(hash = "", viewport = DESKTOP) {
  const opened = await open(browser.context, server.base, { viewport });
  pages.push(opened);
  await opened.page.goto(server.base + hash);
  await ready(opened.page);
  assert.equal(await opened.page.locator("#app").isVisible(), true, "the page works (no fatal panel)");
  return opened;
}

const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
const text = (page, selector) => page.locator(selector).first().textContent();

/** Visible text a reader sees, leaving out text marked as another language (the paper's English). */
function visibleText(page, { skipEnglish }) {
  return page.evaluate((skipEnglish) => {
    const parts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const el = walker.currentNode.parentElement;
      if (!el || el.closest("script,style,[hidden],dialog:not([open]),code,a,details:not([open]) > :not(summary)")) continue;
      if (skipEnglish && el.closest("[lang]")?.getAttribute("lang") !== "ru") continue;
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden") continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      parts.push(walker.currentNode.textContent);
    }
    return parts.join(" ");
  }, skipEnglish);
}

test("the skip link moves the focus to the tables and leaves the reading as it was", async () => {
  const hash = "#lang=ru&tab=4&invalid=0.5&base=valid";
  const { page } = await visit(hash);
  const before = await page.evaluate(() => window.location.hash);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip");
  await page.keyboard.press("Enter");
  await settle(page);
  assert.equal(await page.evaluate(() => window.location.hash), before);
  assert.equal(await page.evaluate(() => document.activeElement.id), "tables");
  assert.equal(await page.locator("#url-errors").isHidden(), true);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "ru");
});

test("1. every share shows its true numerator and denominator", async () => {
  const { page } = await visit("#invalid=0&base=valid&lang=en");
  const detail = await text(page, '[data-metric="opposition-share"] .detail');
  const doc = JSON.parse(execFileSync(cli, ["compute", "--state", "invalid=0&base=valid"], { encoding: "utf8", maxBuffer: 64 << 20 }));
  // Davankov's votes of the valid ballots: nothing counted lies outside the base here.
  assert.equal(detail, `${doc.total.votes.davankov.toLocaleString("en-US")} of ${doc.total.valid.toLocaleString("en-US")} valid ballots`);
  assert.equal(await page.locator("#headline-note").isHidden(), true);
  await page.goto(`${server.base}#invalid=1&base=valid&lang=en`);
  await settle(page);
  assert.match(await text(page, "#headline-note"), /different denominators/);
  assert.match(await text(page, '[data-metric="opposition-share"] .detail'), /valid ballots \+ [\d,]+ counted as opposition outside the base/);
  // Inside the tables too: each share cell under its value, with the base of this reading.
  await page.goto(`${server.base}#invalid=0&base=valid&tab=2&lang=en`);
  await settle(page);
  const row = page.locator("#table-panel tr", { has: page.locator("th", { hasText: "Davankov" }) });
  const en = (n) => n.toLocaleString("en-US");
  assert.equal(await row.locator("td").nth(1).locator(".fraction").textContent(),
    `${en(doc.total.votes.davankov)} / ${en(doc.total.valid)}`);
  await page.goto(`${server.base}#invalid=0&base=issued&tab=2&lang=en`);
  await settle(page);
  assert.equal(await row.locator("td").nth(1).locator(".fraction").textContent(),
    `${en(doc.total.votes.davankov)} / ${en(doc.total.issued)}`);
});

test("2. a 20-step keyboard drag of a slider adds at most one history entry", async () => {
  const { page } = await visit("#tab=3&lang=en");
  const before = await page.evaluate(() => history.length);
  await page.locator("#ctl-invalid").focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press("ArrowLeft");
  await page.waitForFunction(() => window.location.hash.startsWith("#invalid=0.8&"));
  assert.ok((await page.evaluate(() => history.length)) - before <= 1);
  // A typed number applies on commit, never its prefix.
  await page.locator("#ctl-davankov-num").fill("0.");
  await page.waitForTimeout(300);
  assert.doesNotMatch(page.url(), /davankov=0&/);
  await page.locator("#ctl-davankov-num").fill("0.5");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => window.location.hash.includes("davankov=0.5&"));
  // A message about a bad typed value goes when the value in force is typed again; a Russian
  // reader's "1 000" in the whole-number box is a thousand.
  await page.locator("#ctl-kharitonov-num").fill("1.5");
  await page.keyboard.press("Enter");
  await page.locator("#ctl-kharitonov-err").waitFor({ state: "visible" });
  await page.locator("#ctl-kharitonov-num").fill("0");
  await page.keyboard.press("Enter");
  await page.locator("#ctl-kharitonov-err").waitFor({ state: "hidden" });
  await page.locator("#ctl-min_issued").fill("1 000");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => window.location.hash.includes("min_issued=1000&"));
  // The slider sits at a typed value, not at the nearest step of a coarser grid.
  await page.locator("#ctl-davankov-num").fill("0.33");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => window.location.hash.includes("davankov=0.33&"));
  assert.equal(await page.locator("#ctl-davankov").inputValue(), "0.33");
});

test("3. a decimal comma is accepted; an emptied box shows the value in force", async () => {
  const { page } = await visit("#tab=3&lang=ru");
  const box = page.locator("#ctl-invalid-num");
  await box.fill("0,5");
  await box.press("Enter");
  await page.waitForFunction(() => window.location.hash.includes("invalid=0.5&"));
  await settle(page);
  assert.equal(await box.inputValue(), "0,5");
  await box.fill("");
  await box.blur();
  assert.equal(await box.inputValue(), "0,5");
  // A refused value, then Back: the box shows the value in force again, its message gone.
  await box.fill("abc");
  await box.press("Enter");
  await page.locator("#ctl-invalid-err").waitFor({ state: "visible" });
  await page.goBack();
  await page.waitForFunction(() => !window.location.hash.includes("invalid=0.5&"));
  await settle(page);
  assert.equal(await box.inputValue(), "1");
  assert.equal(await page.locator("#ctl-invalid-err").isHidden(), true);
});

test("4. messages in the reader's language, naming every bad key", async () => {
  const { page } = await visit("#davankov=-1&region=mars&sort=nonsense&tab=countries&lang=ru");
  const box = await text(page, "#url-errors");
  assert.match(box, /«Голоса за Даванкова»: -1 — вне допустимого диапазона/);
  assert.match(box, /«Регион»: mars — неизвестное значение \(допустимо: «Постсоветское пространство», «Европа»/i);
  assert.match(box, /«Сортировка»: nonsense — неизвестное значение \(допустимо: «Страна»/i);
  // No id of a key or a value, no backtick: the reader sees labels.
  assert.doesNotMatch(box, /`|\b[a-z]+_[a-z_]+\b|davankov=|post_soviet/);
  await page.locator("#ctl-slutsky-num").fill("2");
  await page.locator("#ctl-slutsky-num").press("Enter");
  assert.match(await text(page, "#ctl-slutsky-err"), /вне допустимого диапазона/);
});

test("5. Russian agrees in number and case; decimal commas", async () => {
  const { page } = await visit("#invalid=0.5&tab=3&lang=ru");
  assert.match(await text(page, "#description"), /= 50% недействительных \(испорченных\) бюллетеней \+ все голоса за Даванкова/);
  assert.match(await text(page, "#chart-countries .chart-description"), /^30 из 138 стран /);
  assert.match(await text(page, '[data-metric="countries-won"] .detail'), /^из 138 стран$/);
});

test("6. PEC numbers are names, and dialogs are titled in words", async () => {
  const { page } = await visit("#tab=pecs&lang=en");
  assert.equal((await text(page, "#table-panel table.data tbody tr td")).trim(), "8000");
  await page.goto(`${server.base}#tab=3&lang=en`);
  await settle(page);
  await page.locator('#table-panel td[data-row="issued"][data-col="europe"]').click();
  assert.equal(await text(page, "#members-title"), "PECs summed in Europe");
  assert.doesNotMatch(await text(page, "#members-summary"), /region:|\b1 PECs/);
  await page.keyboard.press("Escape");
});

test("7 and 11. charts: the 100% tick fits, text at least 11 px on desktop and phone, SVG downloads", async () => {
  for (const viewport of [DESKTOP, PHONE]) {
    const { page } = await visit("#tab=3&lang=en", viewport);
    await settled(page); // the charts sit below the sweep's panel
    for (const kind of ["regions", "countries", "history"]) {
      const img = page.locator(`#chart-${kind} img`);
      await img.scrollIntoViewIfNeeded();
      const { shown, natural, svg } = await img.evaluate((el) => ({ shown: el.getBoundingClientRect().width, natural: el.naturalWidth, svg: decodeURIComponent(el.src.slice(el.src.indexOf(",") + 1)) }));
      const sizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
      const smallest = Math.min(...sizes) * (shown / natural);
      assert.ok(smallest >= 11, `${kind} at ${viewport.width}px: smallest text ${smallest.toFixed(1)} px`);
      if (kind === "countries") {
        // The 100% tick is drawn inside the picture, anchored at its right end.
        const tick = svg.match(/<text x="(\d+)"[^>]*text-anchor="end"[^>]*>\s*100%\s*<\/text>/);
        assert.ok(tick && Number(tick[1]) <= natural, "the 100% tick is inside the chart");
      }
    }
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#chart-regions .svg-download").click()]);
    assert.equal(download.suggestedFilename(), "reweigh-chart-regions.svg");
    const [png] = await Promise.all([page.waitForEvent("download"), page.locator("#chart-regions .png-download").click()]);
    assert.equal(png.suggestedFilename(), "reweigh-chart-regions.png");
    assert.deepEqual([...readFileSync(await png.path()).subarray(1, 4)], [0x50, 0x4e, 0x47], "a PNG file");
  }
});

test("9 and 16. no internal id on English tabs; the Russian page at most 2% Latin outside marked English", async () => {
  const { page } = await visit("#tab=3&lang=en");
  for (const lang of ["en", "ru"]) {
    for (const tab of TABS) {
      await page.goto(`${server.base}#tab=${tab}&lang=${lang}`);
      await page.reload();
      await ready(page);
      await page.waitForFunction(() => window.__reweigh.sweep !== undefined, null, { timeout: 30000 });
      await settle(page);
      const shown = await visibleText(page, { skipEnglish: lang === "ru" });
      if (lang === "en") {
        const ids = shown.match(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\b\w+=\w+(?:&\w+=\w+)+/g) ?? [];
        assert.deepEqual([...new Set(ids)], [], `tab ${tab}: internal ids shown`);
      } else {
        const words = shown.match(/[A-Za-zА-Яа-яЁё]{3,}/g) ?? [];
        const latin = words.filter((w) => /^[A-Za-z]+$/.test(w) && !/^(reweigh|CSV|JSON|XLSX|SVG|PNG|UTF|BOM|SHA|CEC|DOI|ISO)$/i.test(w));
        assert.ok(latin.length <= words.length * 0.02, `tab ${tab}: ${latin.length} Latin of ${words.length} words: ${[...new Set(latin)].slice(0, 12)}`);
      }
    }
  }
  assert.equal(await page.title(), "reweigh — голосование за рубежом 2024 года, пересчитанное");
  // Every quote of the text figures in Russian, said to be reweigh's translation, the paper's
  // English beside it marked as English.
  await page.goto(`${server.base}#tab=text&lang=ru`);
  await page.reload();
  await ready(page);
  const quotes = page.locator("#table-panel td.quote");
  const count = await quotes.count();
  assert.ok(count > 150, `${count} quotes`);
  assert.equal(await page.locator("#table-panel td.quote", { hasText: "(наш перевод)" }).count(), count);
  assert.equal(await page.locator('#table-panel td.quote p[lang="en"]').count(), count);
  assert.equal(await page.locator("#table-panel th", { hasText: "Место" }).count(), 0, "the place is in the row label");
});

test("10. the paper's figures in the reader's format, the printed text on hover", async () => {
  const { page } = await visit("#tab=2&lang=en");
  const cell = page.locator('#table-panel td[data-row="early"][data-col="abroad"] .printed');
  assert.equal(await cell.textContent(), "paper 73,199 ✓");
  // The paper's own text, in the reader's quotation marks.
  assert.match(await cell.getAttribute("title"), /“73 199”/);
  await page.goto(`${server.base}#tab=2&lang=ru`);
  await settle(page);
  assert.equal(await cell.textContent(), "в статье 73\u00a0199 ✓");
  assert.match(await cell.getAttribute("title"), /«73 199»/);
});

test("12. tables: notes folded, first column sticky, 'no matches', the text figures wrap", async () => {
  const { page } = await visit("#tab=pecs&lang=ru");
  const fold = page.locator("#table-panel table.data tbody tr").first().locator("details.fold");
  assert.equal(await fold.count(), 1);
  assert.equal(await fold.evaluate((d) => d.open), false);
  assert.match(await fold.locator("p").first().textContent(), /^Выведено \(Абхазия\)/);
  assert.equal(await fold.locator('p[lang="en"]').count(), 1, "the English note beside the Russian one");
  const first = page.locator("#table-panel table.data tbody td").first();
  assert.equal(await first.evaluate((el) => getComputedStyle(el).position), "sticky");
  await page.locator("#search-pecs").fill("zzzz");
  await page.waitForFunction(() => window.location.hash.includes("q=zzzz"));
  await settle(page);
  assert.match(await text(page, "#table-panel .empty"), /Нет подходящих строк/);
  await page.goto(`${server.base}#tab=text&lang=en`);
  await settle(page);
  const width = await page.locator("#table-panel table.audit").evaluate((t) => t.getBoundingClientRect().width);
  assert.ok(width < 2000, `the text figures table is ${width}px wide`);
});

test("13. a claim's detail opens beside it; only actions that can succeed; the heat map has a legend", async () => {
  const sweep = JSON.parse(execFileSync(cli, ["sweep", "--format", "json"], { encoding: "utf8", maxBuffer: 64 << 20 }));
  const never = sweep.claims.find((c) => c.holds === 0);
  const { page } = await visit(`#tab=3&lang=en&claim=${never.id}`);
  await page.waitForFunction(() => window.__reweigh.sweep !== undefined, null, { timeout: 30000 });
  const row = page.locator(`#robustness-table tr[data-claim="${never.id}"]`);
  await row.waitFor();
  assert.equal(await row.evaluate((r) => r.nextElementSibling?.classList.contains("detail-row")), true);
  assert.equal(await page.locator("#flip").count(), 0, "no button for a reading that does not exist");
  await page.locator(".heat-legend").waitFor();
  assert.match(await text(page, ".heat-legend"), /holds in every reading/);
});

test("14. keyboard: a table is one tab stop with arrow keys inside, and a skip link passes it", async () => {
  const { page } = await visit("#tab=3&lang=en");
  const stops = await page.locator("#table-panel table.audit tbody [tabindex='0']").count();
  assert.equal(stops, 1);
  await page.locator("#table-panel table.audit tbody [tabindex='0']").focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowDown");
  const at = await page.evaluate(() => [document.activeElement.closest("tr").rowIndex, document.activeElement.cellIndex]);
  assert.deepEqual(at, [2, 1]);
  assert.equal(await page.locator("#table-panel a.skip").count(), 1);
});

test("15. phone: the figures stay in sight while the assumptions change; desktop: the reset button stays reachable", async () => {
  const { page } = await visit("#tab=3&lang=en", PHONE);
  await page.locator("#assumptions-box summary").click();
  await page.locator("#ctl-min_issued").scrollIntoViewIfNeeded();
  const top = await page.locator(".reading").evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(top >= -1 && top < 5, `the headline is at ${top}px`);
  const robustness = await page.locator("#robustness-table").evaluate((t) => t.closest(".scroll").scrollWidth <= window.innerWidth);
  assert.ok(robustness !== undefined);
  await page.screenshot({ path: join(out, "reader-phone-en.png") });
  const { page: desk } = await visit("#tab=3&lang=en", DESKTOP);
  const box = await desk.locator("#reset").boundingBox();
  assert.ok(box && box.y + box.height <= DESKTOP.height, `reset at ${box?.y}`);
});

test("Table 3's drill-down buttons each name their region, in English and in Russian", async () => {
  const names = async (page) => {
    const buttons = page.locator("#table-panel table.audit thead button.drill");
    const snapshots = await Promise.all((await buttons.all()).map((b) => b.ariaSnapshot()));
    return snapshots.map((s) => s.match(/^- button "(.*?)"/)?.[1] ?? s);
  };
  const { page } = await visit("#tab=3&lang=en");
  assert.equal(new Set(await names(page)).size, 7);
  assert.deepEqual(await names(page), [
    "Countries of the post-Soviet space", "Countries of Europe", "Countries of the Middle East",
    "Countries of other Asia, Oceania and Australia", "Countries of Africa", "Countries of North America",
    "Countries of South and Central America",
  ]);
  await page.goto(`${server.base}#tab=3&lang=ru`);
  await settle(page);
  assert.equal(new Set(await names(page)).size, 7);
  assert.deepEqual(await names(page), [
    "Страны постсоветского пространства", "Страны Европы", "Страны Ближнего Востока",
    "Страны остальной Азии, Океании и Австралии", "Страны Африки", "Страны Северной Америки",
    "Страны Южной и Центральной Америки",
  ]);
});

test("phone: a jump or a drill-down lands below the sticky headline band, not under it", async () => {
  const { page } = await visit("#tab=3&lang=en", PHONE);
  const below = (selector) => page.evaluate((selector) => {
    const band = document.querySelector("main > .reading").getBoundingClientRect();
    const target = document.querySelector(selector).getBoundingClientRect();
    return { band: band.bottom, target: target.top, scrolled: window.scrollY };
  }, selector);
  // → countries: the focus moves to the countries tab, scrolled into view below the band.
  const drill = page.locator("#table-panel button.drill").first();
  await drill.scrollIntoViewIfNeeded();
  await drill.click();
  await settle(page);
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-countries");
  let at = await below("#tab-countries");
  assert.ok(at.scrolled > 0 && at.target >= at.band, `the tab's top ${at.target}px, the band's bottom ${at.band}px`);
  // The skip link from the top of the page: the tables start below the band.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate(() => document.querySelector("a.skip[href='#tables']").focus());
  await page.keyboard.press("Enter");
  await settle(page);
  assert.equal(await page.evaluate(() => document.activeElement.id), "tables");
  at = await below("#tables");
  assert.ok(at.scrolled > 0 && at.target >= at.band, `the tables' top ${at.target}px, the band's bottom ${at.band}px`);
  await page.screenshot({ path: join(out, "reader-phone-drill.png") });
});

test("17. the headline shows the paper's value and the change that moves it most", async () => {
  const { page } = await visit("#disputed=exclude&lang=en");
  assert.equal(await text(page, '[data-metric="putin-share"] .against'), "under the paper’s assumptions: 72.25% (−8.81 pp)");
  assert.match(await text(page, "#biggest"), /lowers Putin’s share from 72\.25% to 63\.44%/);
  await page.screenshot({ path: join(out, "reader-desktop-en.png") });
});

test("accessibility: axe-core finds no WCAG 2.1 A/AA violation on any tab, language or width", async () => {
  const { page } = await visit("#tab=3&lang=en");
  const found = [];
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    for (const lang of ["en", "ru"]) {
      for (const tab of TABS) {
        await page.goto(`${server.base}#tab=${tab}&lang=${lang}`);
        await page.reload();
        await ready(page);
        await page.waitForFunction(() => window.__reweigh.sweep !== undefined, null, { timeout: 30000 });
        await settle(page);
        await page.evaluate(axeSource);
        const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
        for (const v of result.violations) found.push(`${viewport.width}px ${lang} tab ${tab}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target}`);
      }
    }
  }
  assert.deepEqual(found, []);
});

test("a bad link's messages go when the reader goes back to a good reading, even the one shown", async () => {
  // The state and view the engine reads from `#invalid=2&tab=9` are the paper's (each bad key
  // falls back alone): going back to the paper's assumptions changes no section but the errors.
  const { page } = await visit("#invalid=2&tab=9&lang=ru");
  assert.equal(await page.locator("#url-errors").isVisible(), true);
  await page.locator("#reset").click();
  await page.waitForFunction(() => document.getElementById("url-errors").hidden);
  const tidied = new URL(page.url()).hash;
  assert.ok(!tidied.includes("invalid=2") && !tidied.includes("tab=9") && tidied.endsWith("lang=ru"), tidied);
  // The same from the address bar, and a click on the tab already selected.
  await page.goto(`${server.base}#invalid=2&lang=ru`);
  await page.waitForFunction(() => !document.getElementById("url-errors").hidden);
  await page.evaluate(() => { window.location.hash = "lang=ru"; });
  await page.waitForFunction(() => document.getElementById("url-errors").hidden);
  const shown = new URL(page.url()).hash;
  await page.locator("#tab-3").click();
  assert.equal(new URL(page.url()).hash, shown);
  assert.equal(await page.locator("#url-errors").isHidden(), true);
});

test("the assumptions panel holds its text: nothing runs past its edge, in either language", async () => {
  const { page } = await visit("#tab=3&lang=en");
  for (const lang of ["en", "ru"]) {
    await page.goto(`${server.base}#tab=3&lang=${lang}`);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    const wide = await page.evaluate(() => {
      const box = document.querySelector(".assumptions details");
      const edge = box.getBoundingClientRect().right;
      const over = [...box.querySelectorAll(".control *")].filter((el) => el.getBoundingClientRect().right > edge + 0.5);
      return { scrolls: box.scrollWidth > box.clientWidth, over: over.map((el) => el.textContent.slice(0, 40)) };
    });
    assert.deepEqual(wide, { scrolls: false, over: [] }, lang);
  }
});

test("phone: a shared link opens with each figure's numerator and denominator and the paper's value; the band turns compact and sticky while the assumptions are open", async () => {
  const { page } = await visit("#davankov=0.5&lang=en", PHONE);
  const band = () => page.evaluate(() => {
    const reading = document.querySelector("main > .reading");
    const shown = (selector) => [...reading.querySelectorAll(selector)].filter((el) => el.getClientRects().length > 0).map((el) => el.textContent);
    return { position: getComputedStyle(reading).position, details: shown(".headline .detail"), against: shown(".headline .against"), description: shown(".description") };
  });
  assert.equal(await page.locator("#assumptions-box").evaluate((d) => d.open), false, "the assumptions start folded on a phone");
  let at = await band();
  assert.equal(at.position, "static");
  assert.equal(at.details.length, 4, JSON.stringify(at.details));
  assert.ok(at.details[0].endsWith(" of 380,961 ballots issued"), at.details[0]);
  assert.ok(at.against.some((a) => a.startsWith("under the paper’s assumptions: 23.50%")), JSON.stringify(at.against));
  assert.equal(at.description.length, 1);
  await page.locator("#assumptions-box > summary").click();
  await settle(page);
  at = await band();
  assert.equal(at.position, "sticky");
  assert.deepEqual([at.details.length, at.against.length, at.description.length], [0, 0, 0]);
  await page.screenshot({ path: join(out, "reader-phone-band.png") });
  // Opened after scrolling down to it (the map in view), the panel's first slider comes into view,
  // just below the band: the shrinking headline must not throw the reader past the sliders.
  await page.locator("#assumptions-box > summary").click();
  await settle(page);
  await page.evaluate(() => window.scrollTo(0, 600));
  await settle(page);
  await page.locator("#assumptions-box > summary").click();
  await settle(page);
  const slider = await page.evaluate(() => {
    const band = document.querySelector("main > .reading").getBoundingClientRect();
    const first = document.querySelector("#controls input[type=range]").getBoundingClientRect();
    return { band: band.bottom, top: first.top, height: window.innerHeight };
  });
  assert.ok(slider.top >= slider.band && slider.top < slider.height, `the first slider at ${slider.top}px, the band's bottom at ${slider.band}px`);
});
