// The exercises of a note (see plugins/example_core/checking.py): this small
// file is all a page loads for them. Each shows whether this browser solved
// it; a "predict it" question says, once the reader picks and asks, whether
// the pick was right, and opens the build's real answer (whose Run shows it live);
// a "write it" exercise gets a button that opens its panel (live-panel.js,
// from the runtime folder, as the Run buttons load it). A link to an
// exercise (#exercise-<id>) opens it. The state is kept by storage.js.

const script = document.getElementById("exercise-script");
const { exerciseState, updateExercise } = await import(script.dataset.storage);
let panelModule = null;

function loadPanelModule() {
  panelModule ??= import(new URL("live-panel.js", new URL(script.dataset.runtime, location.href)).href).catch((error) => {
    panelModule = null;
    throw error;
  });
  return panelModule;
}

/** A new ``tag`` element with ``attributes`` (a "text" one sets its text). */
function make(tag, { text = "", ...attributes }) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.textContent = text;
  return node;
}

/** Show in the exercise's heading whether this browser solved it. */
function markSolved(section) {
  section.querySelector(".exercise-badge")?.remove();
  if (exerciseState(section.dataset.exercise).solved) section.querySelector(".exercise-title").append(make("span", { class: "exercise-badge", text: " ✓ Solved" }));
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
  section.querySelector(".predict-answer").open = true;
  return picked === answer;
}

// The pick is judged when the reader asks: arrow keys move through a radio
// group, choosing each choice on the way, and must not judge each one.
function setUpPrediction(section) {
  const id = section.dataset.exercise;
  const choices = section.querySelector(".predict-choices");
  const verdict = make("p", { class: "predict-verdict", role: "status" });
  const ask = make("button", { type: "button", text: "Is it right?" });
  choices.after(ask, verdict);
  const { picked } = exerciseState(id);
  const kept = choices.querySelector(`input[value="${CSS.escape(picked ?? "")}"]`);
  if (kept) {
    kept.checked = true;
    judge(section, verdict, picked, false);
  }
  ask.addEventListener("click", () => {
    const chosen = choices.querySelector(":checked")?.value;
    if (chosen === undefined) return (verdict.textContent = "Pick one of the answers first.");
    const right = judge(section, verdict, chosen, true);
    updateExercise(id, { picked: chosen, solved: exerciseState(id).solved || right });
    markSolved(section);
  });
}

async function openExercise(button, section) {
  if (section.querySelector(".exercise-panel")) return section.querySelector(".exercise-panel").focus();
  button.disabled = true;
  const shown = () => {
    button.disabled = false;
    button.textContent = "Go to the exercise";
    section.querySelector(".exercise-panel").focus();
  };
  try {
    await (await loadPanelModule()).openExercise(section, shown);
  } catch {
    button.textContent = "Could not load the exercise: try again";
  }
  button.disabled = false;
}

function setUpWriting(section) {
  const button = make("button", { type: "button", class: "live-run", text: "Do it in your browser" });
  const preload = () => loadPanelModule().catch(() => {}); // the click reports a failure
  button.addEventListener("pointerenter", preload, { once: true });
  button.addEventListener("focus", preload, { once: true });
  button.addEventListener("click", () => openExercise(button, section));
  section.querySelector(".exercise-links").prepend(button, " ");
  section.addEventListener("exercise-state", () => markSolved(section));
  if (location.hash === `#${section.id}`) openExercise(button, section);
}

for (const section of document.querySelectorAll("section.exercise[data-exercise]")) {
  markSolved(section);
  if (section.dataset.kind === "predict") setUpPrediction(section);
  else setUpWriting(section);
}
