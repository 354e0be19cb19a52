// The page's engine, started the moment this module runs: index.html loads it on its own (async),
// ahead of the page's other modules, so the wasm compiles and the engine loads while those modules
// are still arriving. The sweep worker imports it (through engine.js) to start its own module.
// Nothing is read here: the engine validates it all.

/** A failed start. The engine starts before the page reads its language from the link, so what
 * failed is kept for the page to word in its language: `messages` ({en, ru}, the engine's own
 * words) or `fetch` ({file, status, statusText} or {file, cause}); `message` is the English. */
export class LoadError extends Error {
  constructor(kind, message, { messages = null, fetch = null } = {}) {
    super(message);
    this.kind = kind; // "engine" | "data"
    this.messages = messages;
    this.fetch = fetch;
  }
}

export async function fetchText(url, name) {
  let response;
  try {
    // The default cache mode, as index.html's preloads have: a fetch in another mode may not
    // take the preloaded response, and the file would come twice.
    response = await fetch(url);
  } catch (e) {
    throw new LoadError("data", `${name}: could not be fetched (${e.message})`, { fetch: { file: name, cause: e.message } });
  }
  if (!response.ok) {
    const { status, statusText } = response;
    throw new LoadError("data", `${name}: the server answered ${status} ${statusText}`, { fetch: { file: name, status, statusText } });
  }
  return response.text();
}

/** A bundle file's URL (relative to this module, so the page and the worker find the same files). */
const bundleUrl = (name) => new URL(`../data/${name}`, import.meta.url).href;

/** Every bundle file's text (`bundleFiles()`). index.html preloads the page's, so their fetch is
 * under way long before the engine asks (a browser test checks every one is asked for before the
 * wasm arrives); the worker's are fetched now. */
async function fetchBundle(names) {
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await fetchText(bundleUrl(name), `data/${name}`)])));
}

/** A module's handle: its wasm (`compiled`, a compile already under way, or fetched by the glue)
 * and every bundle file at once (`early`: the texts of files already asked for, by name, or a
 * promise of them; the files of `bundleFiles()` not among them are fetched then), then the
 * handle (which validates). The page's module reads only the shipped bundle: for any other files
 * it answers undefined, and the worker's module, which has every check of the loader, takes them. */
export async function startModule(module, wasm, compiled, early) {
  const t0 = performance.now();
  try {
    await module.default(compiled ? { module_or_path: await compiled } : undefined);
  } catch (e) {
    throw new LoadError("engine", `${wasm}: ${e.message}`);
  }
  const t1 = performance.now();
  const asked = (await early) ?? {};
  const names = module.bundleFiles();
  const rest = await fetchBundle(names.filter((name) => !(name in asked)));
  const texts = Object.fromEntries(names.map((name) => [name, asked[name] ?? rest[name]]));
  const t2 = performance.now();
  let handle;
  try {
    handle = module.Handle.loadShipped ? module.Handle.loadShipped(texts) : new module.Handle(texts);
  } catch (e) {
    throw new LoadError("data", e.message, { messages: e.messages ?? null });
  }
  if (handle === undefined) return startChecked(texts);
  // Where the start went, for the benchmark: the module, what of the bundle's fetch was left after
  // it, the engine's load, and when it began (ms since navigation start).
  const times = { startedAt: t0, wasm: t1 - t0, fetch: t2 - t1, load: performance.now() - t2 };
  return { handle, texts, times, module };
}

/** Files that are not the shipped bundle (another version, or edited): the worker's module reads
 * them with every check of the loader, and is the page's engine too. */
async function startChecked(texts) {
  let full;
  try {
    full = await import("../pkg/robustness/reweigh.js");
  } catch (e) {
    throw new LoadError("engine", `pkg/robustness/reweigh.js: ${e.message}`);
  }
  return startModule(full, "pkg/robustness/reweigh_bg.wasm", undefined, texts);
}

/** The page's wasm compiled as it streams in (the preload in index.html is the same request). A
 * failure reads as wasm-bindgen's own loader would put it. */
async function compileWasm(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`failed to fetch Wasm: ${response.status} ${response.statusText} fetching '${url}'`);
  // A host that serves wasm under another type can still run it, compiled from its bytes.
  if (response.headers.get("Content-Type") === "application/wasm") return WebAssembly.compileStreaming(response);
  return WebAssembly.compile(await response.arrayBuffer());
}

async function startPage() {
  const wasm = compileWasm(new URL("../pkg/reweigh_bg.wasm", import.meta.url).href);
  wasm.catch(() => {});
  // The bundle's files index.html preloads, read while the wasm compiles (the file list is the
  // engine's, known only once it is instantiated; a browser test holds the two lists equal).
  const preloaded = [...document.querySelectorAll('link[rel="preload"][href^="data/"]')].map((link) => link.getAttribute("href").slice("data/".length));
  const texts = fetchBundle(preloaded);
  texts.catch(() => {});
  let glue;
  try {
    glue = await import("../pkg/reweigh.js");
  } catch (e) {
    throw new LoadError("engine", `pkg/reweigh.js: ${e.message}`);
  }
  return startModule(glue, "pkg/reweigh_bg.wasm", wasm, texts);
}

/** The page's engine on its way: `{handle, texts, times, module}`, or a LoadError. Null in the
 * worker, which starts the robustness module instead. */
export const pageEngine = typeof document === "undefined" ? null : startPage();
pageEngine?.catch(() => {});
