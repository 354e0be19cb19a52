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

// The bundle's text, kept for the second module (the spreadsheet writers) if a reader asks.
let bundleTexts = null;

/** The engine with the XLSX and ZIP writers: a second wasm module, fetched on first use. */
export async function startSheets() {
  const module = await import("../pkg/sheets/reweigh.js");
  await module.default();
  return new module.Handle(bundleTexts);
}

/** Start the engine: the wasm module, then every bundle file, then the handle (which validates). */
export async function start() {
  try {
    await init();
  } catch (e) {
    throw new LoadError("engine", `pkg/reweigh_bg.wasm: ${e.message}`);
  }
  const names = bundleFiles();
  // Relative to this module, so the page and the sweep worker find the same files.
  const texts = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await fetchText(new URL(`../data/${name}`, import.meta.url).href, `data/${name}`)])));
  bundleTexts = texts;
  try {
    return new Handle(texts);
  } catch (e) {
    throw new LoadError("data", e.message);
  }
}

export { safeFileName };
