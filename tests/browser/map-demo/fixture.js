// Figures for the map demo, from `reweigh compute` output: node fixture.js compute.json "reading name" > figures.json
// A sketch of what the engine will produce (the contract of www/js/map.js); the bins here are
// illustrative: the opposition's margin over Putin in percentage points, cut at ±2, ±10, ±30, ±60.

import { readFileSync } from "node:fs";

const computed = JSON.parse(readFileSync(process.argv[2], "utf8"));
const pct = (x) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);
const bin = (a) => {
  if (a.opposition_share === null) return null;
  const m = (a.opposition_share - a.putin_share) * 100;
  const cuts = [-60, -30, -10, -2, 2, 10, 30, 60];
  return cuts.filter((c) => m > c).length - 4;
};
const evidence = (e) => (e.documented + e.matched > 0 ? "established" : e.inferred > 0 ? "inferred" : "unknown");
const entry = (a, extra = {}) => ({
  id: a.country_id ?? a.id,
  ...extra,
  bin: bin(a),
  wins: a.opposition_wins,
  evidence: evidence(a.evidence),
  region: a.region,
  label: extra.label ?? a.name_en,
  tooltip: [
    `Opposition ${pct(a.opposition_share)} · Putin ${pct(a.putin_share)}`,
    `${a.issued.toLocaleString("en")} ballots issued · ${a.pecs} PEC${a.pecs === 1 ? "" : "s"}`,
    `Location: ${evidence(a.evidence)}`,
  ],
});
const countries = computed.countries.filter((c) => c.id !== "unassigned").map((c) => entry(c));
// Transnistria: the disputed PECs filed under Moldova, summed here for the demo only.
const tr = computed.pecs.filter((p) => p.disputed && p.country_id === "MD");
if (tr.length) {
  const sum = (k) => tr.reduce((s, p) => s + p[k], 0);
  const issued = sum("issued");
  const share = (k) => tr.reduce((s, p) => s + (p[k] ?? 0) * p.issued, 0) / issued;
  countries.push(entry({
    id: "MD", issued, pecs: tr.length, opposition_share: share("opposition_share"), putin_share: share("putin_share"),
    opposition_wins: false, evidence: { documented: 0, matched: tr.length, inferred: 0, unknown: 0 },
  }, { territory: "transnistria", label: "Transnistria (Moldova)" }));
}
countries.sort((a, b) => a.label.localeCompare(b.label, "en"));
const bins = [
  [-4, "Putin ahead by more than 60 pp"], [-3, "30–60 pp"], [-2, "10–30 pp"], [-1, "2–10 pp"], [0, "within 2 pp"],
  [1, "2–10 pp"], [2, "10–30 pp"], [3, "30–60 pp"], [4, "Opposition ahead by more than 60 pp"],
].map(([b, label]) => ({ bin: b, label }));
const wins = countries.filter((c) => c.wins && !c.territory).length;
console.log(JSON.stringify({
  countries,
  legend: {
    title: "Opposition's margin over Putin, percentage points",
    bins,
    win: "won by the opposition",
    inferred: "location inferred or unknown",
    none: "no PECs",
    borders: "de facto borders as drawn by Natural Earth; reweigh takes no position on disputed territories",
  },
  description: `The opposition wins ${wins} of ${countries.length - (tr.length ? 1 : 0)} countries (${process.argv[3] ?? computed.state}).`,
}, null, 1));
