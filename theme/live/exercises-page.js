// The exercises of a note (see plugins/example_core/checking.py), bundled as
// live-exercises.js into the runtime folder: theme/static/js/page.js imports
// it once an exercise comes near the screen, so a page weighs nothing more
// for its exercises before that. Each exercise shows whether this browser
// solved it; a "predict it" question says, when the reader asks, whether the
// pick was right, and opens the build's real answer (whose Run shows it
// live); a "write it" exercise gets a button that opens its panel
// (live-panel.js, as the Run buttons load it). A link to an exercise
// (#exercise-<id>) opens it. The state is kept by storage.js.

import { exerciseState, updateExercise } from "../static/js/storage.js";
import { button, element } from "./dom.js";

const panelStyles = element("link", { rel: "stylesheet", href: new URL("live-panel.css", import.meta.url).href });
document.head.append(panelStyles); // the badge's and the verdict's styles too
let panelModule = null;

function loadPanelModule() {
  panelModule ??= import(new URL("live-panel.js", import.meta.url).href).catch((error) => {
    panelModule = null;
    throw error;
  });
  return panelModule;
}

/** The exercise's id, from its block's: ``exercise-<id>``. */
const exerciseId = (section) => section.id.slice("exercise-".length);

/** Show in the exercise's heading whether this browser solved it. */
function markSolved(section) {
  section.querySelector(".exercise-badge")?.remove();
  if (exerciseState(exerciseId(section)).solved) section.querySelector("h3").append(element("span", { class: "exercise-badge", text: " ✓ Solved" }));
}

/** Say in the question's live region (once, if ``announce``) whether ``picked`` is the build's answer. */
function judge(section, verdict, picked, announce) {
  const { answer } = section.dataset;
  const legend = section.querySelector("legend").textContent;
  verdict.dataset.right = picked === answer;
  const text = picked === answer ? `Right: ${legend} is ${picked}.` : `Not ${picked}: ${legend} is ${answer}. Run the answer below to see it happen.`;
  // A live region says a change between two frames: empty, then fill.
  verdict.textContent = "";
  setTimeout(() => (verdict.textContent = text), announce ? 100 : 0);
  section.querySelector(":scope > details").open = true;
  return picked === answer;
}

/** A choice's text: its label's. */
const choice = (input) => input.closest("label").textContent.trim();

// The pick is judged when the reader asks: arrow keys move through a radio
// group, choosing each choice on the way, and must not judge each one.
function setUpPrediction(section) {
  const id = exerciseId(section);
  const choices = section.querySelector("fieldset");
  const verdict = element("p", { class: "predict-verdict", role: "status" });
  const ask = button("Is it right?", () => {
    const chosen = choices.querySelector(":checked");
    if (!chosen) return (verdict.textContent = "Pick one of the answers first.");
    const right = judge(section, verdict, choice(chosen), true);
    updateExercise(id, { picked: choice(chosen), solved: exerciseState(id).solved || right });
    markSolved(section);
  });
  choices.after(element("p", {}, ask), verdict);
  const { picked } = exerciseState(id);
  const kept = [...choices.querySelectorAll("input")].find((input) => choice(input) === picked);
  if (kept) {
    kept.checked = true;
    judge(section, verdict, picked, false);
  }
}

async function openExercise(opener, section) {
  const open = section.querySelector(".exercise-panel");
  if (open) return open.focus();
  opener.disabled = true;
  const shown = () => {
    opener.disabled = false;
    opener.textContent = "Go to the exercise";
    section.querySelector(".exercise-panel").focus();
  };
  try {
    await (await loadPanelModule()).openExercise(section, shown);
  } catch {
    opener.textContent = "Could not load the exercise: try again";
    opener.disabled = false;
  }
}

function setUpWriting(section) {
  const opener = button("Do it in your browser", () => openExercise(opener, section), { class: "live-run" });
  const preload = () => loadPanelModule().catch(() => {}); // the click reports a failure
  opener.addEventListener("pointerenter", preload, { once: true });
  opener.addEventListener("focus", preload, { once: true });
  section.querySelector("a[href$='.zip']").parentElement.prepend(opener, " ");
  section.addEventListener("exercise-state", () => markSolved(section));
  if (location.hash === `#${section.id}`) openExercise(opener, section);
}

for (const section of document.querySelectorAll("section.exercise")) {
  markSolved(section);
  if (section.classList.contains("predict")) setUpPrediction(section);
  else setUpWriting(section);
}
