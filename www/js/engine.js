// Loads the wasm module and the bundle, and hands back the engine's handle. Nothing is computed
// here: every figure, label and message comes from the Rust core through this one handle.

import { LoadError, startModule, pageEngine } from "./early.js";

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

/** Start the page's engine (the first module: what the first paint needs). */
export async function start() {
  const { handle, texts, times } = await pageEngine;
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

