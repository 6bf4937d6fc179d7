// The request form: a request of one's own, started from one of the block's.

import { element, unavailable } from "./dom.js";
import { bodyText, fromBase64, parseHeaderLines, toBase64, wireBody } from "./http.js";
import { summary } from "./answers.js";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

function labelled(text, control) {
  return element("label", {}, element("span", { text }), control);
}

export class RequestForm {
  /** ``onSend`` is called on Send, or Ctrl+Enter anywhere in the form. */
  constructor(onSend) {
    this.requests = [];
    this.picker = element("select");
    this.picker.addEventListener("change", () => this.fill(this.requests[Number(this.picker.value)]));
    this.method = element("select", {}, ...METHODS.map((method) => element("option", { text: method })));
    this.target = element("input", { type: "text", spellcheck: "false", autocomplete: "off" });
    this.headers = element("textarea", { rows: "2", spellcheck: "false" });
    // What is wrong with the headers, said under them once (WCAG 3.3.1); the field is marked invalid.
    this.problem = element("p", { class: "live-field-problem", "aria-live": "polite" });
    this.headers.addEventListener("input", () => this.showProblem(""));
    this.body = element("textarea", { rows: "3", spellcheck: "false" });
    this.sendButton = element("button", { type: "submit", text: "Send" });
    this.view = element(
      "form",
      { class: "live-request" },
      labelled("Start from a request of the block", this.picker),
      element("div", { class: "live-request-line" }, labelled("Method", this.method), labelled("Path", this.target)),
      labelled("Headers (one per line)", this.headers),
      this.problem,
      labelled("Body", this.body),
      element("p", {}, this.sendButton, element("span", { class: "live-hint", text: " or Ctrl+Enter" })),
    );
    this.view.addEventListener("submit", (event) => {
      event.preventDefault();
      if (this.sendButton.getAttribute("aria-disabled") !== "true") this.sendIfValid(onSend);
    });
    this.view.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.sendIfValid(onSend);
      }
    });
  }

  /** Call ``onSend``, unless a header line is malformed: then say what is wrong with it, at the field. */
  sendIfValid(onSend) {
    try {
      parseHeaderLines(this.headers.value);
    } catch (error) {
      this.showProblem(error.message);
      this.headers.focus();
      return;
    }
    this.showProblem("");
    onSend();
  }

  showProblem(text) {
    this.problem.textContent = text;
    if (text) this.headers.setAttribute("aria-invalid", "true");
    else this.headers.removeAttribute("aria-invalid");
  }

  set busy(busy) {
    unavailable(this.sendButton, busy);
  }

  /** Offer the requests the block sent, and fill the form with the first. */
  offer(requests) {
    this.requests = requests;
    this.picker.replaceChildren(...requests.map((request, index) => element("option", { value: String(index), text: `${index + 1}. ${summary(request)}` })));
    if (requests.length) this.fill(requests[0]);
  }

  fill(request) {
    this.showProblem("");
    this.method.value = request.method;
    this.target.value = request.target;
    this.headers.value = request.headers.map(([name, value]) => `${name}: ${value}`).join("\n");
    this.body.value = bodyText(fromBase64(request.body)) ?? "";
  }

  /** The request in the form, as browser_runner.py takes one; throws for a header line without a colon. */
  read() {
    const headers = parseHeaderLines(this.headers.value);
    return { method: this.method.value, target: this.target.value || "/", headers, body: toBase64(wireBody(this.body.value, headers)) };
  }
}
