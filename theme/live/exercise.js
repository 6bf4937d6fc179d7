// An exercise's panel (a "write it" block, see plugins/example_core/checking.py):
// the starting app's files in the editor (files.js, edits kept in this browser),
// and Check, which loads them afresh in the page's one Python (the worker of
// Run) and runs the exercise's checks against them; then what each check
// found (verdict.js), said once by the panel's live region. After a failed
// Check, a hint, one at a time; after the author's number of tries, the
// solution, fetched only then. The exercise's state (solved, tries, hints
// shown) is kept in this browser (storage.js), as /exercises/ shows it.

import { exerciseState, updateExercise } from "../static/js/storage.js";
import { Announcer } from "./announce.js";
import { button, element, unavailable } from "./dom.js";
import { FilesView } from "./files.js";
import { ProgressView } from "./progress.js";
import { StopView } from "./stop.js";
import { VerdictView } from "./verdict.js";

async function fetchJson(url, what) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not fetch ${what} (${response.status}).`);
  return response.json();
}

export class ExercisePanel {
  /** The panel of ``section`` (a write-it block), called ``id``; it asks ``python``; ``editor`` resolves to the editor. */
  constructor(section, id, python, editor) {
    this.section = section;
    this.id = id;
    this.python = python;
    this.editor = editor;
    this.loads = 0;
    this.exercise = section.id.slice("exercise-".length);
    this.title = section.querySelector("h3").textContent.replace(/^Exercise: /, "");
    this.data = { tries: 0, hints: [] }; // until ``open`` fetches the exercise's data
    this.state = exerciseState(this.exercise);
    this.announcer = new Announcer();
    this.progress = new ProgressView((text) => this.announcer.say(text));
    this.stop = new StopView(() => this.python.stop());
    this.files = new FilesView(id, this.exercise, `edits:exercise:${this.exercise}`);
    this.verdict = new VerdictView(`${id}-verdict`);
    this.checkButton = button("Check", () => this.check(), { class: "exercise-check-button", "aria-disabled": "true" });
    this.hintButton = button("Show a hint", () => this.showHint(), { class: "exercise-hint-button", hidden: "" });
    this.solutionButton = button("Show the solution", () => this.showSolution(), { hidden: "" });
    this.tries = element("p", { class: "live-hint exercise-tries" });
    this.hints = element("ol", { class: "exercise-hints", id: `${id}-hints` });
    this.hintsHeading = element("p", { class: "live-heading", id: `${id}-hints-heading`, text: "Hints", hidden: "" });
    this.hints.setAttribute("aria-labelledby", this.hintsHeading.id);
    this.solution = element("div", { class: "exercise-solution", hidden: "" });
    const actions = element("p", { class: "exercise-actions" }, this.checkButton, " ", this.hintButton, " ", this.solutionButton);
    this.panel = element(
      "section",
      { class: "live-panel exercise-panel", "aria-label": `Exercise ${this.title}`, "data-state": "starting", tabindex: "-1" },
      element("div", { class: "live-top" }, this.progress.view),
      this.announcer.view,
      this.files.view,
      actions,
      this.stop.view,
      this.tries,
      this.verdict.view,
      this.hintsHeading,
      this.hints,
      this.solution,
    );
    section.append(this.panel);
  }

  set busy(state) {
    this.panel.dataset.state = state;
  }

  /** Fetch the starting app, open the editors (with the reader's kept edits), and start Python. */
  async open() {
    const listener = (message) => this.progress.show(message);
    this.python.onProgress.add(listener);
    try {
      this.data = await fetchJson(this.section.dataset.live, "the exercise");
      const bundle = await fetchJson(this.data.bundle, "the starting app");
      this.epoch = bundle.epoch;
      this.example = bundle.example;
      this.files.use(bundle.files);
      this.files.openEditors((await this.editor).createEditor);
      this.showState();
      unavailable(this.checkButton, false);
      await this.python.start();
      this.progress.done("Ready: change the app, then press Check.");
    } catch (error) {
      this.progress.done(`Could not start the exercise: ${error.message}`);
    } finally {
      this.python.onProgress.delete(listener);
      this.busy = "ready";
    }
  }

  /** Load the files as they are now, afresh, and run the checks; show and say what they found. */
  async check() {
    if (this.panel.dataset.state === "checking") return;
    this.busy = "checking";
    unavailable(this.checkButton, true);
    try {
      await this.python.start();
      const { requests, checks } = this.data;
      const verdict = await this.stop.during(this.load().then(() => this.python.check(this.id, { requests, checks })));
      this.record(verdict.passed);
      this.announcer.say(this.verdict.show(verdict));
    } catch (error) {
      const heading = error.stopped ? "Check could not finish: Python was stopped." : "Your app could not be loaded.";
      this.verdict.showProblem(heading, error.message);
      this.stop.say(error.stopped ? error.message : "");
      this.record(false);
      this.announcer.say(`${heading} ${error.stopped ? error.message : error.message.trim().split("\n").at(-1)}`);
    } finally {
      unavailable(this.checkButton, false);
      this.busy = "ready";
    }
  }

  /** Load the app from the editor's files, in a new folder, as Run does. */
  load() {
    this.loads += 1;
    const folder = `/exercises/${this.id}/${this.loads}/${this.example}`;
    return this.python.load(this.id, folder, this.epoch, this.data.debug, this.files.current());
  }

  /** Keep one more try, and whether the exercise is solved now (once solved, it stays so). */
  record(passed) {
    const state = this.state;
    this.state = updateExercise(this.exercise, { tries: state.tries + 1, solved: state.solved || passed });
    this.showState();
    this.section.dispatchEvent(new CustomEvent("exercise-state")); // its heading says "Solved" (exercises.js)
  }

  /** The tries so far, the hint button after a failure, and the solution once the tries allow it. */
  showState() {
    const { tries, solved, hints } = this.state;
    const allowed = solved || tries >= this.data.tries;
    const left = Math.max(this.data.tries - tries, 0);
    this.tries.textContent = solved
      ? "Solved in this browser."
      : `Checks so far: ${tries}.${allowed ? "" : ` The solution can be shown after ${left} more.`}`;
    this.hints.replaceChildren(...this.data.hints.slice(0, hints).map(hintItem));
    this.hintsHeading.hidden = hints === 0;
    this.hintButton.hidden = tries === 0 || hints >= this.data.hints.length;
    this.hintButton.textContent = `Show a hint (${hints + 1} of ${this.data.hints.length})`;
    this.solutionButton.hidden = !allowed || !this.solution.hidden;
  }

  /** The next hint; the focus goes to it once the button is gone (no more hints). */
  showHint() {
    this.state = updateExercise(this.exercise, { hints: this.state.hints + 1 });
    this.showState();
    const last = this.hints.lastElementChild;
    this.announcer.say(`Hint ${this.state.hints}: ${last.textContent}`);
    if (this.hintButton.hidden) last.focus();
  }

  /** Fetch the solution's files and show them; the focus goes to them. */
  async showSolution() {
    const bundle = await fetchJson(this.data.solution, "the solution");
    const files = Object.entries(bundle.files).filter(([, file]) => file.text !== undefined);
    const heading = element("h4", { tabindex: "-1", text: "The solution" });
    this.solution.replaceChildren(heading, ...files.flatMap(([path, file]) => solutionFile(path, file.text)));
    this.solution.hidden = false;
    this.solutionButton.hidden = true;
    heading.focus();
  }
}

function hintItem(html) {
  const item = element("li", { tabindex: "-1" });
  item.innerHTML = html; // the build's own HTML: escaped text and <code>
  return item;
}

function solutionFile(path, text) {
  return [element("p", {}, element("code", { text: path })), element("pre", { class: "exercise-solution-file", tabindex: "0", text })];
}
