// The page's one-way flow: URL hash → engine (one call: read the location, build the page) →
// DOM. A control asks the engine where its change leads, writes that hash, and redraws. Nothing
// here computes, sorts, filters or formats a figure.

import { start, startSheets, startTimes, LoadError } from "./engine.js";
import { writeHash, currentHash, flushHash, forgetPendingHash } from "./url.js";
import { language, setLanguage, t } from "./i18n.js";
import { h, fill, download, downloadBlob } from "./dom.js";
import { renderControls, showInputError, forgetTyping } from "./controls.js";
import { renderTables } from "./tables.js";
import { renderCharts } from "./charts.js";
import { renderSources, showMembers } from "./sources.js";
import { renderMap, startMap } from "./mapview.js";
import { startRobustness, setVerdicts, render as renderRobustness, wireRobustness } from "./robustness.js";
import { renderPin, pinnedNote } from "./pin.js";

let handle = null;
let page = null; // the engine's last page
let pendingInput = null; // time of the input event awaiting a redraw (for the benchmark)

// What the browser benchmark and tests read.
const metrics = (window.__reweigh = { ready: false, draws: 0, redraws: [], loadMs: null, errors: [] });

function showUrlErrors(errors) {
  const box = document.getElementById("url-errors");
  box.hidden = errors.length === 0;
  fill(box, errors.length ? [h("p", {}, t("urlProblem")), h("ul", {}, errors.map((e) => h("li", {}, e)))] : []);
}

function renderHeadline(headline, description) {
  fill(document.getElementById("headline"), headline.figures.map((f) => [
    h("dt", {}, f.label),
    h("dd", { dataset: { metric: f.id } }, h("span", { class: "big" }, f.value), h("span", { class: "detail" }, f.detail),
      f.paper ? h("span", { class: "against" }, f.paper) : null, pinnedNote(f)),
  ]));
  for (const [id, text] of [["headline-note", headline.note], ["biggest", headline.biggest]]) {
    const el = document.getElementById(id);
    el.hidden = !text;
    el.textContent = text ?? "";
  }
  document.getElementById("description").textContent = description;
}

/** Draw a page the engine built. A section the engine names unchanged is the one drawn last:
 * it is taken from the last page and not drawn again. */
function draw(next) {
  const previous = page;
  const unchanged = next.unchanged ?? [];
  for (const name of unchanged) next[name] = previous[name];
  const languageChanged = next.here.lang !== previous?.here.lang;
  // Items of a section sent that the page holds at the same place (sent as null): the last page's.
  for (const [name, list] of Object.entries(next.reused ?? {})) {
    const [items, old] = name === "table" ? [next.table.rows, previous.table.rows] : [next[name], previous[name]];
    for (const i of list) items[i] = old[i];
  }
  // After a change of language every section is drawn again (the page's own words change).
  const same = new Set(languageChanged ? [] : unchanged);
  page = next;
  if (languageChanged) {
    setLanguage(next.here.lang);
    renderSources(handle.sources(next.here.lang));
  }
  if (!same.has("errors")) showUrlErrors(next.errors);
  if (!same.has("controls")) renderControls(next.controls, next.here.lang, changeKey);
  if (!same.has("headline") || !same.has("description")) renderHeadline(next.headline, next.description);
  if (!same.has("pin")) renderPin(next.pin, (hash, focus) => go(hash, { keepFocus: focus }));
  const sameView = previous && ["tab", "search"].every((k) => next.here[k] === previous.here[k]);
  if (!(same.has("table") && same.has("tabs") && sameView)) renderTables({ ...next, csvDialect }, changeView);
  if (!same.has("charts")) renderCharts(next.charts, languageChanged);
  if (!(same.has("claims") && (next.here.claim ?? null) === (previous.here.claim ?? null))) setVerdicts(next.claims);
  if (!same.has("map")) renderMap(next.map);
}

/** The fingerprints of the sections and items drawn, for the engine
 * ("section:fingerprint,…,section#item:fingerprint,…"). */
function drawnVersions() {
  if (!page) return "";
  const sections = Object.entries(page.versions).map(([name, print]) => `${name}:${print}`);
  const items = Object.entries(page.items ?? {}).flatMap(([name, prints]) => prints.map((print, i) => `${name}#${i}:${print}`));
  return sections.concat(items).join(",");
}

/** Go to a hash: one engine call, then the DOM; `history` says how the URL records it. */
function go(hash, { replace = false, key = null, keepFocus = null } = {}) {
  const started = performance.now();
  const next = handle.pageSince(hash, drawnVersions());
  const computed = performance.now();
  // The link first: written after the drawing, it would make the browser lay out the new page
  // to save its scroll position (measured: a change of tab 2x slower). `here` is left out when
  // the reading and view are the ones drawn: the last page's.
  writeHash((next.here ?? page.here).canonical, { replace, key });
  draw(next);
  if (keepFocus) document.getElementById(keepFocus)?.focus();
  const ended = performance.now();
  metrics.draws += 1;
  if (pendingInput !== null) {
    metrics.redraws.push({ inputToRedraw: ended - pendingInput, redraw: ended - started, engine: computed - started, dom: ended - computed });
    pendingInput = null;
  }
}

/** A control changed: ask the engine where it leads; a bad value stays at the control. */
function changeKey(key, value, { typed = false } = {}) {
  pendingInput = performance.now();
  const next = handle.navigate(page.here.canonical, [[key, value]]);
  const problem = next.errors.find((e) => e.key === key);
  showInputError(key, problem ? problem.message : null);
  if (problem) {
    pendingInput = null;
    return;
  }
  go(next.canonical, { key: typed ? null : key });
}

/** A view change (tab, sort, search, drill-down, claim): `changes` is [[key, value], …]. */
function changeView(changes, options = {}) {
  pendingInput = performance.now();
  const next = handle.navigate(page.here.canonical, changes);
  go(next.canonical, { replace: Boolean(options.replace), keepFocus: options.keepFocus });
}

// The CSV dialect the reader chose ("": the page language's own).
let csvDialect = "";

function exportTable(format, rows) {
  const file = handle.download(page.here.canonical, format, rows, csvDialect, new Date().toISOString());
  download(file.name, file.text, file.mime);
}

// The XLSX and ZIP writers are a second wasm module, fetched the first time a reader asks.
let sheetsHandle = null;

async function exportSpreadsheet(format) {
  sheetsHandle ??= await startSheets();
  const file = sheetsHandle.spreadsheet(page.here.canonical, format, csvDialect, window.location.origin + window.location.pathname, new Date().toISOString());
  downloadBlob(file.name, new Blob([file.bytes], { type: file.mime }));
}

function openMembers(el) {
  showMembers(handle.members(page.here.canonical, el.dataset.scope));
}

function wireGlobalEvents() {
  // The skip link moves the focus, not the URL: the hash is the reading, and "#tables" is none.
  document.querySelector("a.skip[href='#tables']").addEventListener("click", (e) => {
    e.preventDefault();
    // Its top in view (below the phone's sticky band: scroll-padding), not whichever edge is
    // nearest, as a focus would scroll a section taller than the screen.
    const tables = document.getElementById("tables");
    tables.focus({ preventScroll: true });
    tables.scrollIntoView({ block: "start" });
  });
  for (const button of document.querySelectorAll(".lang button")) {
    button.addEventListener("click", () => changeView([["lang", button.dataset.lang]]));
  }
  document.getElementById("reset").addEventListener("click", () => {
    for (const c of page.controls) showInputError(c.key, null);
    const next = handle.navigate(page.here.canonical, [["state", ""]]);
    go(next.canonical);
  });
  document.getElementById("copy-link").addEventListener("click", async (e) => {
    try {
      flushHash();
      await navigator.clipboard.writeText(window.location.href);
      e.target.textContent = t("linkCopied");
      setTimeout(() => (e.target.textContent = t("copyLink")), 2000);
    } catch {
      /* the link stays in the address bar */
    }
  });
  const panel = document.getElementById("table-panel");
  panel.addEventListener("click", (e) => {
    const button = e.target.closest(".downloads button");
    if (button?.dataset.spreadsheet) return exportSpreadsheet(button.dataset.spreadsheet);
    if (button) return exportTable(button.dataset.format, button.dataset.rows);
    const cell = e.target.closest("td[data-scope], tr[data-scope]");
    if (cell && !e.target.closest("button")) openMembers(cell);
  });
  panel.addEventListener("change", (e) => {
    if (e.target.matches(".csv-dialect")) csvDialect = e.target.value;
  });
  panel.addEventListener("keydown", (e) => {
    if (e.key !== "Enter" && e.key !== " ") return;
    const cell = e.target.closest("td[data-scope]");
    if (cell) {
      e.preventDefault();
      openMembers(cell);
    }
  });
  window.addEventListener("popstate", () => {
    forgetPendingHash();
    go(currentHash(), { replace: true });
    forgetTyping();
  });
}

/** A failed start's message in the page's language: the engine's words in both languages, or
 * what a fetch answered, worded here (the engine had no say). */
function loadMessage(e) {
  if (!(e instanceof LoadError)) return e.message;
  if (e.messages) return e.messages[language()] ?? e.message;
  const f = e.fetch;
  if (f?.status) return `${f.file}: ${t("serverAnswered")} ${f.status} ${f.statusText}`.trimEnd();
  if (f) return `${f.file}: ${t("notFetched")} (${f.cause})`;
  return e.message;
}

function fatal(kind, message) {
  document.getElementById("loading").hidden = true;
  const box = document.getElementById("fatal");
  box.hidden = false;
  fill(box, h("h2", {}, kind === "data" ? t("dataProblem") : t("engineProblem")), h("pre", {}, message));
  metrics.errors.push(message);
}

/** The sticky band's height in --band, for the phone's scroll-padding (style.css): a jump or a
 * focus scrolls its target below the band, not under it. Opening the assumptions on a phone
 * shrinks the reading above them into the band; the browser's scroll anchoring would then keep
 * what lay below the panel in view and throw the reader past every slider, so the panel's
 * heading is brought to the top instead. */
function trackBand() {
  const band = document.querySelector("main > .reading");
  const root = document.documentElement;
  new ResizeObserver(() => root.style.setProperty("--band", `${Math.ceil(band.getBoundingClientRect().height)}px`)).observe(band);
  const box = document.getElementById("assumptions-box");
  box.addEventListener("toggle", () => {
    if (box.open && window.matchMedia("(max-width: 52rem)").matches) box.querySelector("summary").scrollIntoView({ block: "start" });
  });
}

async function boot() {
  const t0 = performance.now();
  let hash = currentHash();
  // A first visit from a Russian-language browser opens in Russian.
  if (!/(^|[#&])lang=/.test(hash) && navigator.language?.startsWith("ru")) hash = `${hash.replace(/^#/, "")}&lang=ru`;
  setLanguage(/(^|[#&])lang=ru(&|$)/.test(hash) ? "ru" : "en");
  try {
    handle = await start();
  } catch (e) {
    return fatal(e instanceof LoadError ? e.kind : "engine", loadMessage(e));
  }
  const engineReady = performance.now();
  const first = handle.pageSince(hash, "");
  const paged = performance.now();
  // A link with errors stays as typed, so nothing the user wrote is lost; a clean one is tidied.
  if (first.errors.length === 0) writeHash(first.here.canonical, { replace: true });
  draw(first);
  wireGlobalEvents();
  wireRobustness();
  trackBand();
  // On a phone the panel starts folded, so the figures come first.
  if (window.matchMedia("(max-width: 52rem)").matches) document.getElementById("assumptions-box").open = false;
  document.getElementById("loading").hidden = true;
  document.getElementById("app").hidden = false;
  metrics.loadMs = performance.now() - t0;
  metrics.startup = { ...startTimes, page: paged - engineReady, draw: performance.now() - paged };
  metrics.interactiveAt = performance.now(); // since navigation start
  startRobustness({
    here: () => page.here,
    go: (hash) => {
      pendingInput = performance.now();
      go(hash);
    },
    setClaim: (id) => changeView([["claim", id]]),
  });
  startMap({ open: (id) => changeView([["tab", "pecs"], ["country", id], ["region", ""], ["q", ""]], { keepFocus: "table-panel" }), table: () => changeView([["tab", "countries"]], { keepFocus: "tab-countries" }) });
  metrics.ready = true;
}

boot();
