// /exercises/: which exercises this browser solved (storage.js), each note's
// count ("1 of 2 solved"), and the one button that forgets all this site
// kept in this browser: exercises' states and edits to examples alike.

const script = document.getElementById("exercise-list-script");
const { exerciseState, forgetAll, keptKeys } = await import(script.dataset.storage);
const forget = document.querySelector(".exercise-forget");
const status = document.querySelector(".exercise-list-status");

function show() {
  for (const note of document.querySelectorAll(".exercise-list-note")) {
    const items = [...note.querySelectorAll("li[data-exercise]")];
    let solved = 0;
    for (const item of items) {
      const done = exerciseState(item.dataset.exercise).solved;
      solved += done ? 1 : 0;
      item.dataset.solved = String(done);
      item.querySelector(".exercise-state").textContent = done ? " ✓ Solved" : "";
    }
    note.querySelector(".exercise-count").textContent = `(${solved} of ${items.length} solved)`;
  }
  forget.hidden = keptKeys().length === 0 && !forget.contains(document.activeElement);
}

forget.addEventListener("click", () => {
  // A live region says a change between two frames: empty, then fill.
  status.textContent = "";
  const text = forgetAll() ? "Forgotten: this browser keeps nothing of the exercises or your edits now." : "This browser would not let the page forget.";
  setTimeout(() => (status.textContent = text), 100);
  show();
});

show();
