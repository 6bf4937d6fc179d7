// The Answers view: each request of the block, sent by the Python in the
// browser, its answer beside the build's and the verdict of compare.js.

import { compare } from "./compare.js";
import { button, element, unavailable } from "./dom.js";
import { renderMessage, renderTraceback } from "./message-view.js";

const VERDICTS = {
  same: "Same as when the site was built",
  explained: "Same as when the site was built, but for a difference explained below",
  differs: "Differs from when the site was built: the lines that differ are marked",
  error: "The app raised an exception",
};

// The verdicts as the panel's live region says them, after a run.
const SAID = {
  same: "same as when the site was built",
  explained: "same as when the site was built, but for a difference explained",
  differs: "different from when the site was built",
  error: "the app raised an exception",
  "not-sent": "not sent",
};

/** "GET /path": a request as the panel names it. */
export function summary(request) {
  return `${request.method} ${request.target}`;
}

export class AnswersView {
  /** The view, its element's id ``id``; ``onRun`` is called on "Run again". */
  constructor(id, onRun) {
    this.steps = element("ol", { class: "live-steps" });
    this.runButton = button("Run again", onRun, { "aria-disabled": "true" });
    this.view = element(
      "div",
      { class: "live-answers", id },
      element("p", { class: "live-heading", text: "Each request of this block, sent by the Python in your browser:" }),
      element("p", {
        class: "live-about",
        text: "Each answer is compared whole, every header included, with the one the build got. The page above may show only some of its headers; here they all are.",
      }),
      this.steps,
      element("p", {}, this.runButton),
    );
  }

  set busy(busy) {
    unavailable(this.runButton, busy);
  }

  /**
   * Show the answers to the block's ``requests``, beside the build's
   * ``responses``; return the verdicts in a sentence, for the live region.
   */
  show(requests, responses, answers) {
    const steps = requests.map((request, index) => this.step(request, responses[index], answers[index]));
    this.steps.replaceChildren(...steps);
    const counts = new Map();
    for (const step of steps) counts.set(step.dataset.verdict, (counts.get(step.dataset.verdict) ?? 0) + 1);
    const parts = [...counts].map(([verdict, count]) => (steps.length === 1 ? SAID[verdict] : `${count} ${SAID[verdict]}`));
    const what = steps.length === 1 ? `${summary(requests[0])}:` : `The block's ${steps.length} requests ran in your browser:`;
    return `${what} ${parts.join("; ")}.`;
  }

  step(request, built, answer) {
    if (!answer) {
      return element("li", { class: "live-step", "data-verdict": "not-sent", text: `${summary(request)}: not sent, as an earlier request failed.` });
    }
    const result = compare(built, answer);
    const heading = element("p", { class: "live-verdict" }, element("code", { text: summary(answer.request) }), ` ${VERDICTS[result.verdict]}`);
    const step = element("li", { class: "live-step", "data-verdict": result.verdict }, heading);
    step.append(result.verdict === "error" ? renderTraceback(result.lines.join("\n")) : renderMessage(result.lines, result.kinds));
    for (const reason of result.reasons) step.append(element("p", { class: "live-why", text: reason }));
    if (answer.milliseconds !== undefined) {
      step.append(element("p", { class: "live-log", text: `Answered in ${answer.milliseconds.toFixed(1)} ms in your browser.` }));
    }
    return step;
  }

  /** The block could not be run: say why in place of the answers. */
  showError(message) {
    this.steps.replaceChildren(element("li", { class: "live-step", "data-verdict": "error", text: message }));
  }
}
