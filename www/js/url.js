// The page lives in the URL hash. The engine writes the canonical hash; this module only keeps
// the browser's history in step: one entry per settled change (a burst of changes to one control
// — a slider dragged, a number typed — replaces its own entry), and fix-ups replace.

let last = { key: null, at: 0 };
const BURST_MS = 1500;

/** Put a canonical hash in the URL. `key` names the control a user changed (bursts merge). */
export function writeHash(hash, { replace = false, key = null } = {}) {
  const url = `#${hash}`;
  const now = performance.now();
  const burst = key !== null && last.key === key && now - last.at < BURST_MS;
  if (!replace) last = { key, at: now };
  if (window.location.hash === url) return;
  if (replace || burst) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
}

/** The hash as the browser holds it. */
export function currentHash() {
  return window.location.hash;
}
