// The assumption panel, built from the engine's controls: weights as a slider and a typed number,
// choices as radio groups, the integer as a number field. Every label, help text, value and the
// paper's choice come from the engine in the page's language.
//
// A slider redraws while it moves (one history entry per drag); a typed number applies when it
// is committed (Enter, leaving the box) or after a pause, never a half-typed prefix; a box left
// empty shows the value in force again.

import { h, fill } from "./dom.js";
import { t } from "./i18n.js";

const PAUSE_MS = 800;
let onChange = () => {};
let builtFor = null; // the language the panel was built in

const idFor = (key, suffix = "") => `ctl-${key}${suffix}`;

function described(key) {
  return `${idFor(key, "-help")} ${idFor(key, "-err")}`;
}

/** A typed box: applies its text on commit or after a pause. */
function typedBox(input, key, current) {
  let timer = null;
  const apply = () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text === "") {
      input.value = current();
      showInputError(key, null);
      return;
    }
    // The value in force typed again: nothing to change, but a message about an earlier typed
    // value no longer applies.
    if (text === current()) showInputError(key, null);
    else onChange(key, text, { typed: true });
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(apply, PAUSE_MS);
  });
  input.addEventListener("change", apply);
  input.addEventListener("blur", apply);
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      apply();
    }
  });
}

function weightControl(c) {
  // Steps of 0.01: a typed 0.33 sits where it is, not at the nearest 0.05 (PageUp and PageDown
  // move by a tenth).
  const slider = h("input", {
    type: "range", id: idFor(c.key), min: 0, max: 1, step: 0.01, name: c.key, value: c.value,
    "aria-describedby": described(c.key),
  });
  // Text, not type=number: the reader may type a decimal comma; the engine reads both marks.
  const number = h("input", {
    type: "text", id: idFor(c.key, "-num"), inputmode: "decimal", autocomplete: "off", value: c.shown,
    "aria-label": `${c.label} (0–1)`, "aria-describedby": described(c.key), size: 6,
  });
  // Marks where some claim's verdict turns (the engine's exact tipping points, drawn by it).
  const ticks = h("img", { id: idFor(c.key, "-ticks"), class: "ticks", alt: "" });
  slider.addEventListener("input", () => onChange(c.key, slider.value, {}));
  typedBox(number, c.key, () => number.dataset.shown);
  number.dataset.shown = c.shown;
  return h("div", { class: "control weight", dataset: { key: c.key } },
    h("label", { for: idFor(c.key) }, c.label),
    h("div", { class: "pair" }, h("span", { class: "track" }, slider, ticks), number),
    help(c));
}

function choiceControl(c) {
  const options = c.options.map((o) =>
    h("label", { class: "choice" },
      h("input", { type: "radio", name: c.key, value: o.id, checked: o.checked, onchange: () => onChange(c.key, o.id, {}) }),
      h("span", {}, o.label, o.paper ? h("span", { class: "paper-mark" }, ` (${c.paper_mark})`) : null)));
  return h("fieldset", { class: "control choices", dataset: { key: c.key }, "aria-describedby": described(c.key) },
    h("legend", {}, c.label),
    h("div", { class: "options" }, options),
    help(c));
}

function integerControl(c) {
  const input = h("input", {
    type: "text", id: idFor(c.key), inputmode: "numeric", autocomplete: "off", name: c.key, value: c.shown, size: 8,
    "aria-describedby": described(c.key),
  });
  input.dataset.shown = c.shown;
  typedBox(input, c.key, () => input.dataset.shown);
  return h("div", { class: "control integer", dataset: { key: c.key } },
    h("label", { for: idFor(c.key) }, c.label),
    input,
    help(c));
}

function help(c) {
  return [
    h("p", { class: "help", id: idFor(c.key, "-help") }, c.help),
    h("p", { class: "input-error", id: idFor(c.key, "-err"), role: "alert", hidden: true }),
  ];
}

/** Build the panel (first time, and after a language switch); `change(key, value, how)`. */
export function renderControls(controls, lang, change) {
  onChange = change;
  if (builtFor === lang) return showControls(controls);
  builtFor = lang;
  fill(document.getElementById("controls"), controls.map((c) =>
    c.kind === "weight" ? weightControl(c) : c.kind === "choice" ? choiceControl(c) : integerControl(c)));
  showControls(controls);
}

/** Show the values in force (without firing changes; a box being typed in is left alone). */
function showControls(controls) {
  for (const c of controls) {
    const control = document.querySelector(`.control[data-key="${c.key}"]`);
    if (!control) continue;
    control.classList.toggle("changed", c.changed);
    if (c.kind === "weight") {
      const slider = document.getElementById(idFor(c.key));
      const number = document.getElementById(idFor(c.key, "-num"));
      number.dataset.shown = c.shown;
      if (document.activeElement !== number) number.value = c.shown;
      if (document.activeElement !== slider) slider.value = c.value;
      const ticks = document.getElementById(idFor(c.key, "-ticks"));
      if (ticks.getAttribute("src") !== (c.ticks_image ?? null)) c.ticks_image ? ticks.setAttribute("src", c.ticks_image) : ticks.removeAttribute("src");
      ticks.alt = ticks.title = c.ticks_text ?? "";
    } else if (c.kind === "choice") {
      for (const radio of control.querySelectorAll("input[type=radio]")) radio.checked = radio.value === c.value;
    } else {
      const input = document.getElementById(idFor(c.key));
      input.dataset.shown = c.shown;
      if (document.activeElement !== input) input.value = c.shown;
    }
  }
}

/** After Back or Forward: every box shows the value in force again, its message cleared, even
 * the one with the focus (what was typed there belonged to the page left). */
export function forgetTyping() {
  for (const box of document.querySelectorAll("#controls input[type=text]")) {
    if (box.dataset.shown !== undefined) box.value = box.dataset.shown;
    const key = box.closest(".control")?.dataset.key;
    if (key) showInputError(key, null);
  }
}

/** Show (or clear) the engine's message under one control. */
export function showInputError(key, message) {
  const el = document.getElementById(idFor(key, "-err"));
  if (!el) return;
  el.hidden = !message;
  el.textContent = message ? `${t("inputProblem")} ${message}` : "";
  document.querySelector(`.control[data-key="${key}"]`)?.classList.toggle("invalid", Boolean(message));
}
