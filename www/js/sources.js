// The sources panel: where every number comes from, the importer, the control relations, the
// evidence behind each location, and the paper. Also the "which PECs does this cell sum" dialog.

import { h, fill } from "./dom.js";
import { t, pick, count } from "./i18n.js";

export function renderSources(provenance, bundleFiles) {
  const m = provenance.manifest;
  const p = provenance.paper;
  const evidence = Object.entries(m.evidence);
  fill(document.getElementById("sources"),
    h("p", {}, t("sourcesIntro")),
    h("h3", {}, t("sourcesPaper")),
    h("p", {}, `${p.author}, “${p.title_en}”. ${p.journal}. doi:${p.doi}. `,
      `${provenance.published_cells} + ${provenance.text_figures}`),
    h("h3", {}, t("sourcesEvidence")),
    h("ul", { class: "evidence-list" }, evidence.map(([level, n]) => h("li", { class: `evidence ev-${level}` }, `${t(`evidence_${level}`)}: ${n}`))),
    h("h3", {}, t("sourcesChecks")),
    h("ul", {}, m.relations.map((r) => h("li", {}, h("code", {}, r)))),
    h("ul", {}, m.checks.map((c) => h("li", {}, t("protocolsBreak", c.year, c.pecs, c.failures)))),
    m.failures.length ? h("ul", {}, m.failures.map((f) => h("li", {}, `${f.year} PEC ${f.pec}: ${f.relation} (${f.detail})`))) : null,
    h("h3", {}, t("sourcesNational")),
    h("ul", {}, Object.entries(provenance.russia_sources).map(([k, v]) => h("li", {}, h("strong", {}, k), `: ${v}`))),
    h("h3", {}, t("sourcesFiles")),
    h("div", { class: "scroll" }, h("table", { class: "files" },
      h("tbody", {}, m.sources.map((s) => h("tr", {}, h("td", {}, h("code", {}, `data/raw/${s.path}`)), h("td", { class: "num" }, count(s.bytes)), h("td", {}, h("code", { class: "hash" }, s.sha256))))))),
    h("p", {}, `${m.importer}. `, m.about),
    h("h3", {}, t("sourcesBundle")),
    h("ul", { class: "bundle-files" }, bundleFiles.map((name) => h("li", {}, h("a", { href: `data/${name}` }, `data/${name}`)))),
  );
}

/** Open the dialog listing the PECs a cell sums. */
export function showMembers(label, members) {
  const dialog = document.getElementById("members");
  document.getElementById("members-title").textContent = t("membersTitle", label);
  const issued = members.reduce((s, m) => s + m.issued, 0);
  document.getElementById("members-summary").textContent = t("membersSummary", members.length, count(issued));
  fill(document.getElementById("members-table"),
    h("thead", {}, h("tr", {}, [t("pec"), t("country"), t("city"), t("evidence"), t("issued"), t("note")].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, members.map((m) => h("tr", {},
      h("td", { class: "num" }, m.pec),
      h("td", {}, pick(m.country_en, m.country_ru) || "—"),
      h("td", {}, pick(m.city_en, m.city_ru) || ""),
      h("td", { class: `evidence ev-${m.evidence}` }, t(`evidence_${m.evidence}`)),
      h("td", { class: "num" }, count(m.issued)),
      h("td", { class: "note-cell" }, m.note)))));
  if (!dialog.open) dialog.showModal();
}
