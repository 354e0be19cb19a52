// The sources panel and the "which PECs does this cell sum" dialog, as the engine words them.

import { h, fill } from "./dom.js";

// Addresses and names of files are not words of either language.
const link = (l) => h("a", { href: l.href, rel: "noopener noreferrer", translate: "no", lang: "zxx" }, l.text);

export function renderSources(s) {
  fill(document.getElementById("sources"),
    h("p", {}, s.intro, " ", link(s.data_repository)),
    h("h3", {}, s.paper_title),
    h("p", {}, h("span", { lang: "en" }, s.paper_author), ", ", h("cite", { lang: "en" }, `“${s.paper_title_en}”`), `. `, h("span", { lang: "en" }, s.paper_journal), `. ${s.paper_checked} `, link(s.doi)),
    h("h3", {}, s.evidence_title),
    h("ul", { class: "evidence-list" }, s.evidence.map(([level, text]) => h("li", { class: `evidence ev-${level}` }, text))),
    h("h3", {}, s.checks_title),
    h("ul", {}, s.relations.map((r) => h("li", {}, r))),
    h("ul", {}, s.checks.map((c) => h("li", {}, c))),
    s.failures.length ? h("ul", {}, s.failures.map((f) => h("li", {}, f))) : null,
    h("h3", {}, s.national_title),
    h("ul", {}, s.national.map((n) => h("li", {}, n))),
    h("h3", {}, s.files_title),
    h("div", { class: "scroll", tabindex: 0, role: "region", "aria-label": s.files_title }, h("table", { class: "files" },
      h("tbody", {}, s.files.map((f) => h("tr", {}, h("td", {}, h("code", { lang: "zxx" }, f.path)), h("td", { class: "num" }, f.size), h("td", {}, h("code", { class: "hash", lang: "zxx" }, f.sha256))))))),
    h("p", {}, h("code", {}, s.importer)),
    h("h3", {}, s.bundle_title),
    h("p", { class: "bundle-status" }, s.bundle_status),
    h("ul", { class: "bundle-files" }, s.bundle.map((b) => h("li", {}, link(b)))));
}

/** Open the dialog listing the PECs a cell sums. */
export function showMembers(m) {
  const dialog = document.getElementById("members");
  document.getElementById("members-title").textContent = m.title;
  document.getElementById("members-summary").textContent = m.summary;
  fill(document.getElementById("members-table"),
    h("thead", {}, h("tr", {}, m.head.map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, m.rows.map((r, i) => h("tr", {},
      h("td", { class: "num" }, r[0]), h("td", {}, r[1]), h("td", {}, r[2]),
      h("td", { class: `evidence ev-${m.evidence[i]}` }, r[3]), h("td", { class: "num" }, r[4]), h("td", { class: "note-cell" }, r[5])))));
  if (!dialog.open) dialog.showModal();
}
