// Loads the wasm module and the bundle, and hands back the engine's handle. Nothing is computed
// here: every figure, label and message comes from the Rust core through this one handle.

import init, { Handle, bundleFiles, safeFileName } from "../pkg/reweigh.js";

export class LoadError extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind; // "engine" | "data"
  }
}

async function fetchText(url, name) {
  let response;
  try {
    response = await fetch(url, { cache: "no-cache" });
  } catch (e) {
    throw new LoadError("data", `${name}: could not be fetched (${e.message})`);
  }
  if (!response.ok) throw new LoadError("data", `${name}: the server answered ${response.status} ${response.statusText}`);
  return response.text();
}

/** Where the page's start went (ms): filled by start(). */
export const startTimes = {};

// The bundle's text, kept for the second module (the spreadsheet writers) if a reader asks.
let bundleTexts = null;

/** The engine with the XLSX and ZIP writers: a second wasm module, fetched on first use. */
export async function startSheets() {
  const module = await import("../pkg/sheets/reweigh.js");
  await module.default();
  return new module.Handle(bundleTexts);
}

// The bundle's files as the engine names them (`bundleFiles()`), known here so that their fetch
// starts with the module's compile instead of after it. Only a head start: once the module is up,
// its own list decides, and a file missing here is fetched then (a browser test checks the two
// lists are the same).
const BUNDLE_FILES = ["pecs-2024.json", "history.json", "manifest.json", "paper.json", "russia-2024.json", "claims.json", "russia-2024-national.json"];

/** Every bundle file's text: those already on their way (`early`), the others fetched now. */
async function fetchBundle(names, early = {}) {
  // Relative to this module, so the page and the sweep worker find the same files.
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await (early[name] ?? fetchText(new URL(`../data/${name}`, import.meta.url).href, `data/${name}`))])));
}

/** A module's handle: its wasm and every bundle file at once, then the handle (which validates). */
async function startModule(module, wasm) {
  const t0 = performance.now();
  // Started before the module's compile; a failed fetch is reported once the module is up.
  const early = Object.fromEntries(BUNDLE_FILES.map((name) => {
    const text = fetchText(new URL(`../data/${name}`, import.meta.url).href, `data/${name}`);
    text.catch(() => {});
    return [name, text];
  }));
  try {
    await module.default();
  } catch (e) {
    throw new LoadError("engine", `${wasm}: ${e.message}`);
  }
  const t1 = performance.now();
  const texts = await fetchBundle(module.bundleFiles(), early);
  const t2 = performance.now();
  let handle;
  try {
    handle = new module.Handle(texts);
  } catch (e) {
    throw new LoadError("data", e.message);
  }
  // Where the start went, for the benchmark: the module, what of the bundle's fetch was left after
  // it, the engine's load.
  const times = { wasm: t1 - t0, fetch: t2 - t1, load: performance.now() - t2 };
  return { handle, texts, times };
}

/** Start the page's engine (the first module: what the first paint needs). */
export async function start() {
  const { handle, texts, times } = await startModule({ default: init, Handle, bundleFiles }, "pkg/reweigh_bg.wasm");
  bundleTexts = texts;
  Object.assign(startTimes, times);
  return handle;
}

/** Start the sweep worker's engine: the third module, the page's handle with the sweep and what
 * reads it; its own copy of the bundle. */
export async function startRobustnessEngine() {
  const module = await import("../pkg/robustness/reweigh.js");
  return (await startModule(module, "pkg/robustness/reweigh_bg.wasm")).handle;
}

export { safeFileName };
