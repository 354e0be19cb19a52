// The page's one-way flow: URL hash → engine (parse, compute) → DOM. A control changes the hash;
// the hash change redraws everything. Nothing here computes a figure.

import { start, vocabulary, fileName, bundleFiles, LoadError } from "./engine.js";
import { readLocation, withState, withView, withWholeState, writeLocation } from "./url.js";
import { setLanguage, language, t, pick, percent, count } from "./i18n.js";
import { h, fill, download } from "./dom.js";
import { buildControls, showState, showInputError, render as renderControls } from "./controls.js";
import { renderTables, visibleRows } from "./tables.js";
import { buildCharts, drawChart, sharesTable, historyTable, CHARTS } from "./charts.js";
import { renderSources, showMembers } from "./sources.js";
import { startRobustness, setVerdicts, render as renderRobustness, wireRobustness } from "./robustness.js";

let handle = null;
let here = null; // the current location: {state, view, errors, canonical}
let shownTable = null;
let pendingInput = null; // time of the input event awaiting a redraw (for the benchmark)

// What the browser benchmark and tests read.
const metrics = (window.__reweigh = { ready: false, draws: 0, redraws: [], loadMs: null, errors: [] });

function showUrlErrors(errors) {
  const box = document.getElementById("url-errors");
  box.hidden = errors.length === 0;
  fill(box, errors.length ? [h("p", {}, t("urlProblem")), h("ul", {}, errors.map((e) => h("li", {}, h("code", {}, e.key ? `${e.key}=${e.value}` : "…"), ` — ${e.problem}; ${e.allowed}`)))] : []);
}

function headline(summary) {
  const total = summary.total;
  const item = (metric, label, value, detail) => [
    h("dt", {}, label),
    h("dd", { dataset: { metric } }, h("span", { class: "big" }, value), detail ? h("span", { class: "detail" }, detail) : null),
  ];
  fill(document.getElementById("headline"),
    item("opposition-share", t("oppositionShare"), percent(total.opposition_share * 100), `${count(total.opposition)} / ${count(total.issued)}`),
    item("putin-share", t("putinShare"), percent(total.putin_share * 100), count(total.votes.putin)),
    item("pecs-won", t("pecsWon"), count(summary.wins.pecs), `${t("of")} ${count(summary.wins.pecs_counted)}`),
    item("countries-won", t("countriesWon"), count(summary.wins.countries), `${t("of")} ${count(summary.wins.countries_counted)}`));
  document.getElementById("description").textContent = summary.description;
}

/** Redraw everything for the current location: one call to the engine, then the DOM. */
function redraw() {
  const started = performance.now();
  const { state, view } = here;
  const page = handle.page(state, view.tab, view.lang);
  const computed = performance.now();
  headline(page.summary);
  showState(state);
  shownTable = page.table;
  renderTables(page.table, view, { onView: changeView });
  for (const chart of page.charts) {
    drawChart(chart.kind, chart, () => chartNumbers(chart.kind, state, page));
  }
  setVerdicts(page.claims);
  const ended = performance.now();
  metrics.draws += 1;
  if (pendingInput !== null) {
    metrics.redraws.push({ inputToRedraw: ended - pendingInput, redraw: ended - started, engine: computed - started, dom: ended - computed });
    pendingInput = null;
  }
}

/** The numbers behind a chart, for its table alternative (built when it is opened). */
function chartNumbers(kind, state, page) {
  if (kind === "regions") return sharesTable(page.summary.regions);
  if (kind === "history") return historyTable(page.table.id === "1" ? page.table : handle.tables(state, "1")[0]);
  const countries = handle.compute(state).countries.filter((c) => c.id !== "unassigned");
  return sharesTable(countries.sort((a, b) => (b.opposition_share ?? 0) - (a.opposition_share ?? 0)));
}


/** Move to a new location: write it to the URL and redraw. */
function go(next, { replace = false, keepFocus = null } = {}) {
  const languageChanged = next.view.lang !== here?.view.lang;
  here = next;
  writeLocation(next, { replace });
  showUrlErrors(next.errors);
  if (languageChanged) relabel();
  redraw();
  if (keepFocus) document.getElementById(keepFocus)?.focus();
}

function changeState(key, value) {
  pendingInput = performance.now();
  const next = withState(here, { [key]: value });
  const problem = next.errors.find((e) => e.key === key);
  showInputError(key, problem ? `${problem.value}: ${problem.problem}; ${problem.allowed}` : null);
  if (problem) return;
  go(next, { replace: false });
}

function changeView(changes, options = {}) {
  go(withView(here, changes), { replace: Boolean(options.replace), keepFocus: options.keepFocus });
}

/** Language switch: every label the page owns, the controls, the charts' frames, the sources. */
function relabel() {
  setLanguage(here.view.lang);
  renderControls();
  buildCharts();
  renderSources(handle.provenance(), bundleNames);
  renderRobustness();
}

let bundleNames = [];
let vocab = [];

function exportTable(format, rows) {
  const view = here.view;
  const ids = rows === "seen" && (view.tab === "countries" || view.tab === "pecs") ? visibleRows(shownTable, view).map((r) => r.id) : [];
  const text = handle.export(here.state, view.tab, format, view.lang, ids, new Date().toISOString());
  const type = format === "csv" ? "text/csv;charset=utf-8" : "application/json";
  download(fileName(view.tab, format), text, type);
}

function wireGlobalEvents() {
  for (const button of document.querySelectorAll(".lang button")) {
    button.addEventListener("click", () => changeView({ lang: button.dataset.lang }));
  }
  document.getElementById("reset").addEventListener("click", () => {
    for (const k of vocab) showInputError(k.key, null);
    go(withState({ ...here, state: "" }, {}));
  });
  document.getElementById("copy-link").addEventListener("click", async (e) => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      e.target.textContent = t("linkCopied");
      setTimeout(() => (e.target.textContent = t("copyLink")), 2000);
    } catch {
      /* the link stays in the address bar */
    }
  });
  document.getElementById("table-panel").addEventListener("click", (e) => {
    const button = e.target.closest(".downloads button");
    if (button) return exportTable(button.dataset.format, button.dataset.rows);
    const cell = e.target.closest("td[data-scope], tr[data-scope]");
    if (cell && !e.target.closest("button")) openMembers(cell);
  });
  document.getElementById("table-panel").addEventListener("keydown", (e) => {
    if (e.key !== "Enter" && e.key !== " ") return;
    const cell = e.target.closest("td[data-scope]");
    if (cell) {
      e.preventDefault();
      openMembers(cell);
    }
  });
  window.addEventListener("popstate", () => {
    const next = readLocation();
    const languageChanged = next.view.lang !== here.view.lang;
    here = next;
    showUrlErrors(next.errors);
    if (languageChanged) relabel();
    redraw();
  });
}

function openMembers(el) {
  const scope = el.dataset.scope;
  const row = el.closest("tr");
  const label = [row?.querySelector("th")?.textContent, scope].filter(Boolean).join(" — ");
  showMembers(label, handle.members(here.state, scope));
}

function fatal(kind, message) {
  document.getElementById("loading").hidden = true;
  const box = document.getElementById("fatal");
  box.hidden = false;
  fill(box, h("h2", {}, kind === "data" ? t("dataProblem") : t("engineProblem")), h("pre", {}, message));
  metrics.errors.push(message);
}

async function boot() {
  const t0 = performance.now();
  try {
    handle = await start();
  } catch (e) {
    return fatal(e instanceof LoadError ? e.kind : "engine", e.message);
  }
  bundleNames = bundleFiles();
  here = readLocation();
  if (!/(^|[#&])lang=/.test(window.location.hash) && navigator.language?.startsWith("ru")) {
    here = withView(here, { lang: "ru" });
  }
  setLanguage(here.view.lang);
  vocab = vocabulary();
  buildControls(vocab, changeState);
  // On a phone the panel starts folded, so the figures come first.
  if (window.matchMedia("(max-width: 52rem)").matches) document.getElementById("assumptions-box").open = false;
  buildCharts();
  renderSources(handle.provenance(), bundleNames);
  wireGlobalEvents();
  wireRobustness();
  showUrlErrors(here.errors);
  // A link with errors stays as typed, so nothing the user wrote is lost; a clean one is tidied.
  if (here.errors.length === 0) writeLocation(here, { replace: true });
  redraw();
  document.getElementById("loading").hidden = true;
  document.getElementById("app").hidden = false;
  metrics.loadMs = performance.now() - t0;
  metrics.interactiveAt = performance.now(); // since navigation start
  startRobustness({
    current: () => here,
    applyState: (stateQuery) => {
      pendingInput = performance.now();
      go(withWholeState(here, stateQuery));
    },
    setView: (changes) => changeView(changes),
    label: (key) => {
      const k = vocab.find((v) => v.key === key);
      return k ? pick(k.label_en, k.label_ru) : key;
    },
  });
  metrics.ready = true;
}

boot();
