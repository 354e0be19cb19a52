// Every download button of the table panel delivers a file of the right type and name; the XLSX
// and ZIP writers are a second module that the page fetches only when asked.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { assertClean, launch, open, ready } from "./browser.js";
import { serve } from "./server.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");

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

async function visit(hash) {
  const opened = await open(browser.context, server.base);
  pages.push(opened);
  const requested = [];
  opened.page.on("request", (r) => requested.push(r.url()));
  await opened.page.goto(server.base + hash);
  await ready(opened.page);
  return { ...opened, requested };
}

async function save(page, label) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator(".downloads button", { hasText: label }).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

test("each download button delivers its file; the writers load only when asked", async () => {
  const { page, requested } = await visit("#tab=countries&lang=ru&invalid=0.5");
  assert.ok(!requested.some((u) => u.includes("/pkg/sheets/")), "the writers are not part of the first load");
  const id = (await save(page, "JSON (все строки)")).name.match(/-all-([0-9a-f]{8})\.json$/)[1];
  const csv = await save(page, "CSV (все строки)");
  assert.equal(csv.name, `reweigh-table-countries-all-${id}.csv`);
  const text = csv.bytes.toString("utf8");
  assert.ok(text.startsWith("\ufeff"), "BOM");
  assert.ok(text.split("\n")[0].includes(";"), "the Russian page's CSV uses semicolons");
  assert.match(text, /;\d+,\d+;/, "and the decimal comma");
  // The other language's dialect, chosen.
  await page.locator(".csv-dialect").selectOption("en");
  const english = (await save(page, "CSV (что на экране)")).bytes.toString("utf8");
  assert.ok(!english.split("\n")[0].includes(";") && english.split("\n")[0].includes(","));
  const xlsx = await save(page, "Книга Excel");
  assert.equal(xlsx.name, `reweigh-tables-${id}.xlsx`);
  assert.equal(xlsx.bytes.subarray(0, 4).toString("latin1"), "PK\x03\x04");
  assert.ok(xlsx.bytes.includes(Buffer.from("xl/workbook.xml")), "an Excel workbook");
  assert.ok(requested.some((u) => u.endsWith("/pkg/sheets/reweigh_bg.wasm")), "the writers fetched when asked");
  const zip = await save(page, "Пакет данных");
  assert.equal(zip.name, `reweigh-data-${id}.zip`);
  assert.equal(zip.bytes.subarray(0, 4).toString("latin1"), "PK\x03\x04");
  assert.ok(zip.bytes.includes(Buffer.from(`reweigh-${id}/README.md`)));
  assert.ok(zip.bytes.includes(Buffer.from(`reweigh-${id}/table-countries.csv`)));
});
