// The panel's Stop button, shown while Python works for it (loading, importing,
// answering), and the one place that says Python was stopped, and why.

import { button, element } from "./dom.js";

export class StopView {
  /** ``onStop`` is called when the reader presses Stop. */
  constructor(onStop) {
    this.works = 0;
    this.stopButton = button("Stop Python", onStop, { class: "live-stop-button", hidden: "" });
    this.status = element("span", { class: "live-stop-status", role: "status" });
    this.view = element("p", { class: "live-stop" }, this.stopButton, " ", this.status);
  }

  /** Python works for the panel until ``work`` settles; Stop shows meanwhile. */
  async during(work) {
    this.works += 1;
    this.stopButton.hidden = false;
    this.status.textContent = "";
    try {
      return await work;
    } finally {
      this.works -= 1;
      if (this.works === 0) this.stopButton.hidden = true;
    }
  }

  /** Say once why Python was stopped. */
  say(text) {
    this.status.textContent = text;
  }

  /** Whether the keyboard focus is on Stop. */
  get focused() {
    return document.activeElement === this.stopButton;
  }
}
