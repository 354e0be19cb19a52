// The page lives in the URL hash. The engine writes the canonical hash; this module only keeps
// the browser's history in step: one entry per settled change (a burst of changes to one control
// — a slider dragged, a number typed — replaces its own entry), and fix-ups replace.
//
// A replacement within a burst is written after a short pause rather than on every redraw: the browser's
// history.replaceState costs several milliseconds, more than the rest of a slider's redraw, and
// while a slider moves only the last of its positions matters. Anything that reads or moves
// history (a new entry, a copied link, Back, leaving the page) writes the pending one first.

let last = { key: null, at: 0 };
const BURST_MS = 1500;
const SETTLE_MS = 120;
let pending = null; // the URL the current entry should show, not yet written
let timer = null;

/** Write the pending replacement now (the current entry shows the page's state). */
export function flushHash() {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  if (pending !== null && window.location.hash !== pending) history.replaceState(null, "", pending);
  pending = null;
}

/** Put a canonical hash in the URL. `key` names the control a user changed (bursts merge). */
export function writeHash(hash, { replace = false, key = null } = {}) {
  const url = `#${hash}`;
  const now = performance.now();
  const burst = key !== null && last.key === key && now - last.at < BURST_MS;
  if (!replace) last = { key, at: now };
  if (burst && !replace) {
    pending = url;
    timer ??= setTimeout(flushHash, SETTLE_MS);
    return;
  }
  flushHash();
  if (window.location.hash === url) return;
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
}

/** The hash as the browser holds it. */
export function currentHash() {
  return window.location.hash;
}

/** Back or Forward moved to another entry: a replacement meant for the one left is dropped. */
export function forgetPendingHash() {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  pending = null;
}

// A slider let go, a key released, a value committed: the burst has settled.
for (const type of ["pagehide", "pointerup", "keyup", "change"]) addEventListener(type, flushHash, true);
