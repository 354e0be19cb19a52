// The pin: a reading kept beside this one for comparison. The engine says what is pinned, the
// buttons' words and where each leads (pin this reading, swap the two, unpin); the values and
// differences are in the engine's headline and cells. This module only lays out the buttons.

import { h, fill } from "./dom.js";
import { t } from "./i18n.js";

/** Draw the pin's controls; `go(hash, focusId)` follows a button. */
export function renderPin(pin, go) {
  const box = document.getElementById("pin");
  const button = (id, label, hash) => h("button", { type: "button", id, onclick: () => go(hash, id) }, label);
  if (!pin.pinned) {
    fill(box, button("pin-set", pin.pin_label, pin.pin_hash));
    return;
  }
  fill(box,
    h("span", { class: "pin-text" }, pin.pinned.text), " ",
    button("pin-swap", pin.pinned.swap_label, pin.pinned.swap_hash), " ",
    button("pin-clear", pin.pinned.clear_label, pin.pinned.clear_hash));
}

/** The pinned value and the difference beside a number ("" when nothing is pinned). */
export function pinnedNote(item) {
  if (!item.pinned) return null;
  return h("span", { class: "pinned", title: t("pinnedValue") },
    h("span", { class: "pinned-value" }, item.pinned),
    item.pinned_diff ? h("span", { class: "pinned-diff" }, ` ${item.pinned_diff}`) : null);
}
