// The whole page state lives in the URL hash: the engine's canonical state, then the view keys.
// The engine parses and canonicalises; this module only assembles candidate hashes and keeps
// the browser history in step (a user's change pushes, a fix-up replaces).

import { parseHash } from "./engine.js";

/** The current hash, read by the engine: {state, view, errors, canonical}. */
export function readLocation() {
  return parseHash(window.location.hash);
}

/** The view's keys as query pairs (the engine writes the canonical order). */
function viewPairs(view) {
  const pairs = new URLSearchParams();
  pairs.set("tab", view.tab);
  if (view.sort) pairs.set("sort", `${view.descending ? "-" : ""}${view.sort}`);
  if (view.search) pairs.set("q", view.search);
  pairs.set("lang", view.lang);
  if (view.region) pairs.set("region", view.region);
  if (view.country) pairs.set("country", view.country);
  if (view.claim) pairs.set("claim", view.claim);
  return pairs;
}

/** A candidate location with some state keys changed, read by the engine. */
export function withState(location, changes) {
  const state = new URLSearchParams(location.state);
  for (const [key, value] of Object.entries(changes)) state.set(key, value);
  return parseHash(`${state}&${viewPairs(location.view)}`);
}

/** A candidate location with the whole state replaced by a canonical query string. */
export function withWholeState(location, stateQuery) {
  return parseHash(`${stateQuery}&${viewPairs(location.view)}`);
}

/** A candidate location with some view fields changed. */
export function withView(location, changes) {
  return parseHash(`${location.state}&${viewPairs({ ...location.view, ...changes })}`);
}

/** Put a location in the URL: a new history entry, or in place of the current one. */
export function writeLocation(location, { replace = false } = {}) {
  const url = `#${location.canonical}`;
  if (window.location.hash === url) return;
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
}
