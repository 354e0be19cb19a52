// The assumption panel, built from the engine's vocabulary: weights as a slider and a typed
// number, choices as radio groups, the integer as a number field. Every control says what the
// paper chose and what it means.

import { h, fill } from "./dom.js";
import { t, pick } from "./i18n.js";

let vocab = [];
let onChange = () => {};

/** Build the panel once; `change(key, value)` is called on every input. */
export function buildControls(vocabulary, change) {
  vocab = vocabulary;
  onChange = change;
  render();
}

function idFor(key, suffix = "") {
  return `ctl-${key}${suffix}`;
}

function weightControl(k) {
  const slider = h("input", {
    type: "range", id: idFor(k.key), min: 0, max: 1, step: 0.05, name: k.key,
    "aria-describedby": `${idFor(k.key, "-help")} ${idFor(k.key, "-err")}`,
  });
  const number = h("input", {
    type: "number", id: idFor(k.key, "-num"), min: 0, max: 1, step: 0.01, inputmode: "decimal",
    "aria-label": `${pick(k.label_en, k.label_ru)} (0–1)`,
    "aria-describedby": `${idFor(k.key, "-help")} ${idFor(k.key, "-err")}`,
  });
  slider.addEventListener("input", () => {
    number.value = slider.value;
    onChange(k.key, slider.value);
  });
  number.addEventListener("input", () => {
    if (number.value === "") return;
    onChange(k.key, number.value);
  });
  return h("div", { class: "control weight", dataset: { key: k.key } },
    h("label", { for: idFor(k.key) }, pick(k.label_en, k.label_ru)),
    h("div", { class: "pair" }, slider, number),
    help(k),
  );
}

function choiceControl(k) {
  const options = k.values.map((value) =>
    h("label", { class: "choice" },
      h("input", { type: "radio", name: k.key, value, onchange: () => onChange(k.key, value) }),
      " ", value, value === k.paper ? h("span", { class: "paper-mark" }, ` (${t("paperValue")})`) : null,
    ));
  return h("fieldset", { class: "control choices", dataset: { key: k.key }, "aria-describedby": `${idFor(k.key, "-help")} ${idFor(k.key, "-err")}` },
    h("legend", {}, pick(k.label_en, k.label_ru)),
    h("div", { class: "options" }, options),
    help(k),
  );
}

function integerControl(k) {
  const input = h("input", {
    type: "number", id: idFor(k.key), min: k.min, max: k.max, step: 1, inputmode: "numeric", name: k.key,
    "aria-describedby": `${idFor(k.key, "-help")} ${idFor(k.key, "-err")}`,
  });
  input.addEventListener("input", () => {
    if (input.value !== "") onChange(k.key, input.value);
  });
  return h("div", { class: "control integer", dataset: { key: k.key } },
    h("label", { for: idFor(k.key) }, pick(k.label_en, k.label_ru)),
    input,
    help(k),
  );
}

function help(k) {
  return [
    h("p", { class: "help", id: idFor(k.key, "-help") }, pick(k.help_en, k.help_ru)),
    h("p", { class: "input-error", id: idFor(k.key, "-err"), role: "alert", hidden: true }),
  ];
}

/** Rebuild the panel (after a language switch). */
export function render() {
  const form = document.getElementById("controls");
  fill(form, vocab.map((k) => {
    if (k.kind === "weight") return weightControl(k);
    if (k.kind === "choice") return choiceControl(k);
    return integerControl(k);
  }));
}

/** Show a state's values in the controls (without firing changes). */
export function showState(stateQuery) {
  const values = new URLSearchParams(stateQuery);
  for (const k of vocab) {
    const value = values.get(k.key);
    const control = document.querySelector(`.control[data-key="${k.key}"]`);
    if (!control || value === null) continue;
    control.classList.toggle("changed", value !== k.paper);
    if (k.kind === "weight") {
      const slider = document.getElementById(idFor(k.key));
      const number = document.getElementById(idFor(k.key, "-num"));
      if (document.activeElement !== number) number.value = value;
      if (document.activeElement !== slider) slider.value = value;
    } else if (k.kind === "choice") {
      for (const radio of control.querySelectorAll("input[type=radio]")) radio.checked = radio.value === value;
    } else {
      const input = document.getElementById(idFor(k.key));
      if (document.activeElement !== input) input.value = value;
    }
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
