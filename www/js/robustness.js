// "How robust is each conclusion?": every claim of the paper, its verdict under this reading, the
// share of readings in the grid where it holds, its range, and the assumption it hinges on. The
// sweep runs in a worker; a claim opens its chart and a button to the nearest reading that flips
// it. Every word and number comes from the engine.

import { h, fill, download } from "./dom.js";
import { t } from "./i18n.js";

let worker = null;
let requests = 0;
const pending = new Map();
let view = null; // the engine's rows, in the page's language
let viewLang = null;
let verdicts = new Map();
let hooks = null;
let chartRequest = 0;
let renderedClaim;

function ask(type, payload = {}) {
  const id = ++requests;
  worker.postMessage({ id, type, ...payload });
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}

/** Start the worker and the sweep; `hooks` = {here(), go(hash), setClaim(id|"")}. */
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
  const lang = hooks.here().lang;
  ask("sweep", { grid: "", lang }).then(
    ({ view: v, ms }) => {
      view = v;
      viewLang = lang;
      window.__reweigh.sweep = { workerMs: ms, wallMs: performance.now() - started, readings: 150000 };
      render();
    },
    (e) => showStatus(`${t("sweepFailed")} ${e.message}`),
  );
}

function showStatus(text) {
  document.getElementById("robustness-status").textContent = text;
}

/** Redraw the panel (after the sweep, a claim opened or closed, a language switch). */
export async function render() {
  if (!view) return;
  const here = hooks.here();
  if (viewLang !== here.lang) {
    viewLang = here.lang;
    view = await ask("view", { lang: here.lang });
  }
  renderedClaim = here.claim ?? null;
  showStatus(view.status);
  const rows = view.rows.flatMap((c) => {
    const selected = renderedClaim === c.id;
    const row = h("tr", { class: selected ? "selected" : "", dataset: { claim: c.id } },
      h("th", { scope: "row" },
        h("button", { type: "button", class: "link claim-open", "aria-expanded": String(selected), dataset: { claim: c.id } },
          h("span", { class: "claim-quote" }, c.quote)),
        c.translation ? h("span", { class: "translation" }, ` ${c.translation}`) : null),
      verdictCell(c.id),
      h("td", { class: "share" },
        h("span", { class: "bar", role: "img", "aria-label": c.holds_in }, h("span", { class: `fill w${c.bar}` })),
        h("span", {}, c.holds_in)),
      h("td", { class: "num" }, c.range, c.target ? h("span", { class: "detail" }, c.target) : null),
      h("td", {}, c.hinge));
    // The open claim's detail sits right under its row, not under the whole table.
    return selected ? [row, h("tr", { class: "detail-row" }, h("td", { colspan: 5, class: "detail-cell" }, h("div", { id: "robustness-detail", "aria-live": "polite" })))] : [row];
  });
  fill(document.getElementById("robustness-table"),
    h("thead", {}, h("tr", {}, [t("claim"), t("nowVerdict"), t("holdsIn"), t("range"), t("hingesOn")].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, rows));
  showDetail();
}

function verdictCell(id) {
  const now = verdicts.get(id);
  return h("td", { class: `verdict ${now?.verdict ?? ""}` }, now ? now.word : "…",
    now?.value ? h("span", { class: "detail" }, now.value) : null);
}

/** The verdicts under the current reading (from the page's one engine call): only the verdict
 * cells and the open claim's chart are redrawn. */
export function setVerdicts(list) {
  verdicts = new Map(list.map((c) => [c.id, c]));
  if (!view) return;
  const here = hooks.here();
  if ((here.claim ?? null) !== renderedClaim || here.lang !== viewLang) return render();
  for (const c of view.rows) {
    const cell = document.querySelector(`#robustness-table tr[data-claim="${c.id}"] td.verdict`);
    if (cell) cell.replaceWith(verdictCell(c.id));
  }
  showDetail();
}

async function showDetail() {
  const detail = document.getElementById("robustness-detail");
  const here = hooks.here();
  const claim = view?.rows.find((c) => c.id === here.claim);
  if (!claim || !detail) return;
  const ticket = ++chartRequest;
  const now = verdicts.get(claim.id)?.verdict;
  // Offer only what can succeed: a reading where it fails exists only if it fails somewhere.
  const possible = now === "holds" ? claim.can_fail : claim.can_hold;
  const flip = possible
    ? h("button", { type: "button", id: "flip", class: "flip" }, now === "holds" ? t("flipToFail") : t("flipToHold"))
    : h("span", { class: "hint" }, t("noFlip"));
  const svgButton = h("button", { type: "button", class: "svg-download" }, t("downloadSvg"));
  const img = h("img", { alt: "" });
  const caption = h("p", { class: "chart-description" });
  fill(detail,
    h("h3", {}, claim.quote),
    h("p", { lang: "en" }, claim.place),
    h("p", {}, claim.paper, claim.nearest ? `. ${claim.nearest}.` : "."),
    h("div", { class: "robustness-chart" }, img),
    h("p", { class: "heat-legend" }, view.legend.map(([cls, label]) => h("span", { class: cls }, h("span", { class: "swatch", "aria-hidden": "true" }), label))),
    caption,
    h("div", { class: "chart-tools" }, flip, " ", svgButton));
  if (possible) {
    flip.onclick = async () => {
      try {
        hooks.go(await ask("flip", { claim: claim.id, hash: here.canonical }));
      } catch (e) {
        flip.replaceWith(h("span", { class: "input-error" }, e.message));
      }
    };
  }
  try {
    const chart = await ask("chart", { claim: claim.id, hash: here.canonical });
    if (ticket !== chartRequest) return;
    img.src = `data:image/svg+xml;charset=utf-8,${chart.svg.replace(/[#%]/g, encodeURIComponent)}`;
    img.alt = chart.description;
    caption.textContent = chart.description;
    svgButton.onclick = () => download(chart.file, chart.svg, "image/svg+xml");
  } catch (e) {
    caption.textContent = e.message;
  }
}

/** Wire the panel's clicks and downloads once. */
export function wireRobustness() {
  document.getElementById("robustness-table").addEventListener("click", (e) => {
    const button = e.target.closest(".claim-open");
    if (!button) return;
    const open = hooks.here().claim === button.dataset.claim;
    hooks.setClaim(open ? "" : button.dataset.claim);
  });
  for (const format of ["csv", "json"]) {
    document.getElementById(`sweep-${format}`).addEventListener("click", async () => {
      const file = await ask("export", { format, generated: new Date().toISOString() });
      download(file.name, file.text, file.mime);
    });
  }
}
