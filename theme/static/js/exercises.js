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

/** Show in the exercise's heading whether this browser solved it. */
function markSolved(section) {
  const title = section.querySelector(".exercise-title");
  let badge = title.querySelector(".exercise-badge");
  if (!exerciseState(section.dataset.exercise).solved) return badge?.remove();
  badge ??= title.appendChild(document.createElement("span"));
  badge.className = "exercise-badge";
  badge.textContent = " Solved";
}

/** Say once, in the question's own live region, whether ``picked`` is the build's answer. */
function judge(section, verdict, picked, announce) {
  const right = picked === section.dataset.answer;
  const legend = section.querySelector(".predict-choices legend").textContent;
  const text = right ? `Right: ${legend} is ${picked}.` : `Not ${picked}: ${legend} is ${section.dataset.answer}. Run the answer below to see it happen.`;
  verdict.dataset.right = String(right);
  verdict.textContent = "";
  // A live region says a change between two frames: empty, then fill.
  setTimeout(() => (verdict.textContent = text), announce ? 100 : 0);
  section.querySelector(".predict-answer").open = true;
  return right;
}

// The pick is judged when the reader says so: arrow keys move through a radio
// group, choosing each choice on the way, and must not judge each one.
function setUpPrediction(section) {
  const id = section.dataset.exercise;
  const choices = section.querySelector(".predict-choices");
  const verdict = Object.assign(document.createElement("p"), { className: "predict-verdict" });
  verdict.setAttribute("role", "status");
  const submit = Object.assign(document.createElement("button"), { type: "button", textContent: "Is it right?" });
  choices.after(submit, verdict);
  const { picked } = exerciseState(id);
  const kept = [...choices.querySelectorAll("input[type=radio]")].find((input) => input.value === picked);
  if (kept) {
    kept.checked = true;
    judge(section, verdict, picked, false);
  }
  submit.addEventListener("click", () => {
    const chosen = choices.querySelector("input:checked");
    if (!chosen) {
      verdict.dataset.right = "";
      verdict.textContent = "Pick one of the answers first.";
      return;
    }
    const right = judge(section, verdict, chosen.value, true);
    updateExercise(id, { picked: chosen.value, solved: exerciseState(id).solved || right });
    markSolved(section);
  });
}

async function openExercise(button, section) {
  const panel = section.querySelector(".exercise-panel");
  if (panel) return panel.focus();
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
    button.disabled = false;
  }
}

function setUpWriting(section) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "live-run exercise-open";
  button.textContent = "Do it in your browser";
  button.addEventListener("pointerenter", () => loadPanelModule().catch(() => {}), { once: true });
  button.addEventListener("focus", () => loadPanelModule().catch(() => {}), { once: true });
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
