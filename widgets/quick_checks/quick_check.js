// A quick check: a question, an answer box or a choice of explanations, instant feedback.
// Everything is checked here in the page: nothing goes back to the server and nothing is saved.
let next = 0;
const el_ = (tag, attrs = {}, text = "") => {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  if (text) n.textContent = text;
  return n;
};
function parse(text) {
  // "61.3", "61.3 %", "1,234.5", "USD 12", "−4" -> a number; NaN if there is none
  let t = String(text).trim().replace(/[\u2212\u2013]/g, "-").replace(/\s/g, "");
  t = t.replace(/,(?=\d{3}(\D|$))/g, "");       // thousands separators
  t = t.replace(/,/g, ".");                       // a decimal comma
  const m = t.match(/-?\d*\.?\d+(e-?\d+)?/i);
  return m ? Number(m[0]) : NaN;
}
function render({ model, el }) {
  const spec = model.get("spec");
  const id = `bmpl-qc-${String(spec.id).replace(/\W/g, "-")}-${Date.now().toString(36)}-${next++}`;
  el.classList.add("bmpl-quick-check");
  el.dataset.checkId = spec.id;
  el.setAttribute("data-lm-suppress-shortcuts", "true");
  const form = el_("form", { "aria-labelledby": `${id}-q`, novalidate: "" });
  const box = el_("fieldset");
  const legend = el_("legend", { id: `${id}-q` });
  legend.append(el_("span", { class: "bmpl-qc-tag" }, "Quick check"), " ", spec.question);
  box.append(legend);
  let answer = null;
  if (spec.kind === "number") {
    const row = el_("div", { class: "bmpl-qc-row" });
    const label = el_("label", { for: `${id}-in` }, "Your answer");
    answer = el_("input", { type: "text", inputmode: "decimal", id: `${id}-in`, autocomplete: "off",
                            "aria-describedby": `${id}-unit`, "data-lm-suppress-shortcuts": "true" });
    row.append(label, answer, el_("span", { id: `${id}-unit`, class: "bmpl-qc-unit" }, spec.unit || ""));
    box.append(row);
  } else {
    spec.options.forEach((o, k) => {
      const row = el_("div", { class: "bmpl-qc-option" });
      const input = el_("input", { type: "radio", name: id, id: `${id}-o${k}`, value: String(k),
                                   "data-lm-suppress-shortcuts": "true" });
      row.append(input, el_("label", { for: `${id}-o${k}` }, o.text));
      box.append(row);
    });
  }
  const buttons = el_("div", { class: "bmpl-qc-buttons" });
  const check = el_("button", { type: "submit" }, "Check");
  const hintButton = el_("button", { type: "button", "aria-expanded": "false", "aria-controls": `${id}-hint` }, "Hint");
  const workedButton = el_("button", { type: "button", "aria-expanded": "false", "aria-controls": `${id}-worked` },
                           "Show the worked answer");
  buttons.append(check, hintButton, workedButton);
  const feedback = el_("p", { class: "bmpl-qc-feedback", role: "status", "aria-live": "polite", id: `${id}-fb` });
  const hint = el_("div", { class: "bmpl-qc-hint", id: `${id}-hint`, hidden: "" });
  hint.append(el_("strong", {}, "Hint: "), spec.hint);
  const worked = el_("div", { class: "bmpl-qc-worked", id: `${id}-worked`, hidden: "" });
  worked.append(el_("strong", {}, "Worked answer: "), spec.worked);
  form.append(box, buttons, feedback, hint, worked);
  el.append(form);

  const say = (ok, text) => {
    feedback.dataset.result = ok === null ? "" : ok ? "right" : "wrong";
    feedback.textContent = (ok === null ? "" : ok ? "\u2713 Correct. " : "\u2717 Not yet. ") + text;
  };
  const judgeNumber = () => {
    const typed = parse(answer.value);
    if (!Number.isFinite(typed)) return say(null, "Type a number first (for example 12.5).");
    const x = spec.answer, tol = spec.tolerance;
    if (Math.abs(typed - x) <= tol + 1e-9) return say(true, `The model gives ${spec.shown} ${spec.unit}.`.trim());
    for (const m of spec.mistakes) {
      const mtol = Math.max(Math.abs(x) > 0 ? tol * Math.abs(m.value / x) : tol, 1e-9);
      if (Math.abs(typed - m.value) <= mtol) return say(false, m.feedback);
    }
    say(false, `${answer.value.trim()} is ${typed > x ? "too high" : "too low"}. Read the number again, or open the hint.`);
  };
  const judgeChoice = () => {
    const chosen = el.querySelector(`input[name="${id}"]:checked`);
    if (!chosen) return say(null, "Choose one of the explanations first.");
    const o = spec.options[Number(chosen.value)];
    say(o.right, o.why);
  };
  form.addEventListener("submit", (e) => { e.preventDefault(); spec.kind === "number" ? judgeNumber() : judgeChoice(); });
  const toggle = (button, region) => button.addEventListener("click", () => {
    const open = region.hidden;
    region.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
  });
  toggle(hintButton, hint);
  toggle(workedButton, worked);
}
export default { render };
