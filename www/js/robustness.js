// "How robust is each conclusion?": every claim of the paper, its verdict under this reading, the
// share of readings in the grid where it holds, its range, and the assumption it hinges on. The
// sweep runs in a worker; a claim opens its chart and a button to the nearest reading that flips
// it. All judgement comes from the engine (claims.rs, sweep.rs).

import { h, fill, download } from "./dom.js";
import { t, pick, percent, count, language } from "./i18n.js";
import { safeFileName } from "./engine.js";

let worker = null;
let requests = 0;
const pending = new Map();
let report = null;
let verdicts = new Map();
let hooks = null;
let chartRequest = 0;
let renderedClaim;


function ask(type, payload = {}) {
  const id = ++requests;
  worker.postMessage({ id, type, ...payload });
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}

/** Start the worker and the sweep; `hooks` = {current(), applyState(q), setView(v), label(key)}. */
export function startRobustness(h_) {
  hooks = h_;
  worker = new Worker(new URL("./sweep-worker.js", import.meta.url), { type: "module" });
  worker.onmessage = ({ data }) => {
    const p = pending.get(data.id);
    pending.delete(data.id);
    if (data.error !== undefined) p?.reject(new Error(data.error));
    else p?.resolve(data.result);
  };
  worker.onerror = (e) => showStatus(`${t("sweepFailed")} ${e.message ?? ""}`);
  showStatus(t("sweepRunning"));
  const started = performance.now();
  ask("sweep", { grid: "" }).then(
    ({ report: r, ms }) => {
      report = r;
      window.__reweigh.sweep = { workerMs: ms, wallMs: performance.now() - started, readings: r.readings };
      render();
    },
    (e) => showStatus(`${t("sweepFailed")} ${e.message}`),
  );
}

function showStatus(text) {
  document.getElementById("robustness-status").textContent = text;
}

const verdictWord = (v) => (v === "holds" ? t("holds") : v === "fails" ? t("fails") : t("notApplicable"));

function formatValue(claimReport, value) {
  if (value === null || value === undefined) return "—";
  return Number.isInteger(value) ? count(value) : percent(value);
}

/** Redraw the panel (after the sweep, a reading change or a language switch). */
export function render() {
  const box = document.getElementById("robustness-table");
  if (!report) return;
  const { view } = hooks.current();
  renderedClaim = view.claim;
  showStatus(t("sweepDone", count(report.readings), report.claims.length));
  const rows = report.claims.map((c) => {
    const now = verdicts.get(c.id);
    const share = c.share_holding;
    const hinge = c.hinges[0];
    const selected = view.claim === c.id;
    return h("tr", { class: selected ? "selected" : "", dataset: { claim: c.id } },
      h("th", { scope: "row" },
        h("button", { type: "button", class: "link claim-open", "aria-expanded": String(selected), dataset: { claim: c.id } }, c.id.replaceAll("_", " ")),
        h("span", { class: "claim-quote" }, `“${pick(c.quote_en, c.quote_ru)}”`, language() === "ru" && c.ru_is_translation ? ` ${t("translation")}` : "")),
      verdictCell(c, now),
      h("td", { class: "share" },
        share === null ? "—" : [
          h("span", { class: "bar", role: "img", "aria-label": percent(share * 100, 1) }, h("span", { class: `fill w${Math.round(share * 20) * 5}` })),
          h("span", {}, percent(share * 100, 1)),
        ]),
      h("td", { class: "num" }, c.min === null ? "—" : `${formatValue(c, c.min)} – ${formatValue(c, c.max)}`,
        c.target !== null ? h("span", { class: "detail" }, `${t("paperSays")} ${formatValue(c, c.target)}`) : null),
      h("td", {}, !hinge || hinge.share === 0 ? t("noHinge") : `${hooks.label(hinge.key)} (${percent(hinge.share * 100, 0)})`),
    );
  });
  fill(box,
    h("thead", {}, h("tr", {}, [t("claim"), t("nowVerdict"), t("holdsIn"), t("range"), t("hingesOn")].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, rows));
  showDetail();
}

function verdictCell(c, now) {
  return h("td", { class: `verdict ${now?.verdict ?? ""}` }, now ? verdictWord(now.verdict) : "…",
    now && now.value !== null && now.value !== undefined ? h("span", { class: "detail" }, formatValue(c, now.value)) : null);
}

/** The verdicts under the current reading (from the page's one engine call): only the verdict
 * cells and the open claim's chart are redrawn. */
export function setVerdicts(list) {
  verdicts = new Map(list.map((c) => [c.id, c]));
  if (!report) return;
  if (hooks.current().view.claim !== renderedClaim) return render();
  for (const c of report.claims) {
    const cell = document.querySelector(`#robustness-table tr[data-claim="${c.id}"] td.verdict`);
    if (cell) cell.replaceWith(verdictCell(c, verdicts.get(c.id)));
  }
  showDetail();
}

async function showDetail() {
  const detail = document.getElementById("robustness-detail");
  const { state, view } = hooks.current();
  const claim = report?.claims.find((c) => c.id === view.claim);
  if (!claim) return fill(detail);
  const ticket = ++chartRequest;
  const now = verdicts.get(claim.id)?.verdict;
  const flipLabel = now === "holds" ? t("flipToFail") : t("flipToHold");
  const flip = h("button", { type: "button", id: "flip", class: "flip" }, flipLabel);
  const svgButton = h("button", { type: "button", class: "svg-download" }, t("downloadSvg"));
  const img = h("img", { alt: "" });
  const caption = h("p", { class: "chart-description" });
  const paper = claim.paper;
  fill(detail,
    h("h3", {}, claim.id.replaceAll("_", " ")),
    h("p", {}, `“${pick(claim.quote_en, claim.quote_ru)}” — ${claim.where}`),
    h("p", {}, `${t("underPaper")}: ${verdictWord(paper.verdict)}${paper.value !== null && paper.value !== undefined ? ` (${formatValue(claim, paper.value)})` : ""}. `,
      claim.nearest_other ? `${paper.verdict === "holds" ? t("nearestFails") : t("nearestHolds")}: ` : "",
      claim.nearest_other ? h("code", {}, claim.nearest_other) : ""),
    h("div", { class: "robustness-chart" }, img),
    caption,
    h("div", { class: "chart-tools" }, flip, " ", svgButton),
  );
  flip.onclick = async () => {
    try {
      const next = await ask("flip", { claim: claim.id, state });
      hooks.applyState(next);
    } catch (e) {
      flip.replaceWith(h("span", { class: "input-error" }, e.message));
    }
  };
  try {
    const chart = await ask("chart", { claim: claim.id, state, lang: view.lang });
    if (ticket !== chartRequest) return;
    img.src = `data:image/svg+xml;charset=utf-8,${chart.svg.replace(/[#%]/g, encodeURIComponent)}`;
    img.alt = chart.description;
    caption.textContent = chart.description;
    svgButton.onclick = () => download(safeFileName(`robustness-${claim.id}`, "svg"), chart.svg, "image/svg+xml");
  } catch (e) {
    caption.textContent = e.message;
  }
}

/** Wire the panel's clicks and downloads once. */
export function wireRobustness() {
  document.getElementById("robustness-table").addEventListener("click", (e) => {
    const button = e.target.closest(".claim-open");
    if (!button) return;
    const { view } = hooks.current();
    hooks.setView({ claim: view.claim === button.dataset.claim ? null : button.dataset.claim });
  });
  for (const format of ["csv", "json"]) {
    document.getElementById(`sweep-${format}`).addEventListener("click", async () => {
      const text = await ask("export", { format, generated: new Date().toISOString() });
      download(safeFileName("robustness", format), format === "csv" ? `\ufeff${text}` : text, format === "csv" ? "text/csv;charset=utf-8" : "application/json");
    });
  }
}
