// What Check found, check by check: each check's request and field, passed
// or failed in words (not by colour alone), and what was expected beside
// what the reader's app answered. A traceback, if the app raised, follows.

import { element } from "./dom.js";
import { renderTraceback } from "./message-view.js";

const ABSENT = "(not in the response)";
const NOTHING = "(nothing)"; // a console check's app that printed nothing

/** The value as words where there is none to show as code. */
function missing(value) {
  if (value === null || value === undefined) return ABSENT;
  return value === "" ? NOTHING : null;
}

/** One side of a comparison: a label, and the value as code (or words for none). */
function side(label, value) {
  const words = missing(value);
  const shown = words ? element("em", { text: words }) : element("code", { text: value });
  return element("div", {}, element("dt", { text: label }), element("dd", {}, shown));
}

function checkItem(check) {
  const word = check.passed ? "✓ Passed" : "✗ Failed";
  const heading = element("p", { class: "exercise-check-heading" }, element("strong", { text: word }), `: ${check.summary}, ${check.field}`);
  const compare = element("dl", { class: "exercise-compare" }, side("Expected", check.expected), side("Your app", check.actual));
  return element("li", { class: "exercise-check", "data-passed": String(check.passed) }, heading, compare);
}

/** The sentence a screen reader hears once: the count, and the first failure's expected and actual. */
export function verdictSentence(verdict) {
  const passed = verdict.checks.filter((check) => check.passed).length;
  const total = verdict.checks.length;
  if (verdict.passed) return `All ${total} checks passed: solved!`;
  const failed = verdict.checks.find((check) => !check.passed);
  const first = failed.raised
    ? `${failed.summary}: your app raised an exception.`
    : `${failed.summary}, ${failed.field}: expected ${missing(failed.expected) ?? failed.expected}, your app gave ${missing(failed.actual) ?? failed.actual}.`;
  return `${passed} of ${total} checks passed. First failure: ${first}`;
}

export class VerdictView {
  constructor(id) {
    this.view = element("div", { class: "exercise-verdict", id, hidden: "" });
  }

  /** Show ``verdict`` (from the page's Python); returns its sentence. */
  show(verdict) {
    const sentence = verdictSentence(verdict);
    const list = element("ol", { class: "exercise-checks-run" }, ...verdict.checks.map(checkItem));
    const parts = [element("p", { class: "exercise-verdict-heading", text: sentence }), list];
    if (verdict.error) parts.push(renderTraceback(verdict.error));
    this.view.dataset.passed = String(verdict.passed);
    this.view.replaceChildren(...parts);
    this.view.hidden = false;
    return sentence;
  }

  /** Show why Check could not run the checks (Python stopped, the app did not load). */
  showProblem(heading, text) {
    this.view.dataset.passed = "false";
    this.view.replaceChildren(element("p", { class: "exercise-verdict-heading", text: heading }), renderTraceback(text));
    this.view.hidden = false;
  }
}
