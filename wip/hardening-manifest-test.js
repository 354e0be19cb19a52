// A browser test from the integrity follow-up that failed on main (the page refused the edited
// bundle: its manifest.checks still said 0 failures); fix the edit and put it back into
// tests/browser/hardening.test.js.
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
  let { page } = await visit(stale, "#tab=2&lang=en");
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
