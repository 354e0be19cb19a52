// The robustness map runs here, off the page's thread, so controls stay responsive while it
// computes. Its own engine handle keeps the last sweep for rows, charts, specification curves,
// flips and downloads.

import { startRobustnessEngine } from "./engine.js";

// The robustness module: the page's engine with the sweep, loaded here once the page is ready.
const ready = startRobustnessEngine();

self.onmessage = async ({ data }) => {
  const { id, type } = data;
  try {
    const handle = await ready;
    let result;
    if (type === "sweep") {
      const t0 = performance.now();
      result = { view: handle.sweep(data.grid ?? "", data.lang), ms: performance.now() - t0 };
    } else if (type === "view") {
      result = handle.sweepView(data.lang);
    } else if (type === "chart") {
      result = handle.sweepChart(data.claim, data.hash);
    } else if (type === "curve") {
      result = handle.sweepCurve(data.claim, data.hash);
    } else if (type === "flip") {
      result = handle.sweepFlip(data.claim, data.hash);
    } else if (type === "export") {
      result = handle.sweepExport(data.format, data.generated, data.hash);
    } else {
      throw new Error(`unknown request "${type}"`);
    }
    self.postMessage({ id, result });
  } catch (e) {
    self.postMessage({ id, error: e.message ?? String(e) });
  }
};
