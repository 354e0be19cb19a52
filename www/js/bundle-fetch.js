// The bundle's files, asked for the moment this module runs. index.html loads it on its own
// (async), ahead of the page's other modules, so the data travels while they and the wasm load;
// the sweep worker gets it through engine.js. Nothing is read here: the engine validates it all.

export class LoadError extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind; // "engine" | "data"
  }
}

export async function fetchText(url, name) {
  let response;
  try {
    response = await fetch(url, { cache: "no-cache" });
  } catch (e) {
    throw new LoadError("data", `${name}: could not be fetched (${e.message})`);
  }
  if (!response.ok) throw new LoadError("data", `${name}: the server answered ${response.status} ${response.statusText}`);
  return response.text();
}

/** A bundle file's URL (relative to this module, so the page and the worker find the same files). */
export const bundleUrl = (name) => new URL(`../data/${name}`, import.meta.url).href;

// The bundle's files as the engine names them (`bundleFiles()`), known here so that their fetch
// starts before the engine is up. Only a head start: once the module is up, its own list decides,
// and a file missing here is fetched then (a browser test checks the two lists are the same).
const BUNDLE_FILES = ["pecs-2024.json", "history.json", "manifest.json", "paper.json", "russia-2024.json", "claims.json", "russia-2024-national.json"];

/** Each file's text on its way; a failed fetch is reported once the engine asks for it. */
export const early = Object.fromEntries(BUNDLE_FILES.map((name) => {
  const text = fetchText(bundleUrl(name), `data/${name}`);
  text.catch(() => {});
  return [name, text];
}));
