// Loads the wasm module and the bundle, and hands back the engine's handle. Nothing is computed
// here: every figure, label and message comes from the Rust core through this one handle.

import init, { Handle, bundleFiles, safeFileName } from "../pkg/reweigh.js";
import { LoadError, fetchText, bundleUrl, early } from "./bundle-fetch.js";

export { LoadError };

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

/** Every bundle file's text: those already on their way (`early`), the others fetched now. */
async function fetchBundle(names) {
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await (early[name] ?? fetchText(bundleUrl(name), `data/${name}`))])));
}

/** A module's handle: its wasm and every bundle file at once, then the handle (which validates). */
async function startModule(module, wasm) {
  const t0 = performance.now();
  try {
    await module.default();
  } catch (e) {
    throw new LoadError("engine", `${wasm}: ${e.message}`);
  }
  const t1 = performance.now();
  const texts = await fetchBundle(module.bundleFiles());
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
