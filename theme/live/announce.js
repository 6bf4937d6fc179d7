// The panel's one polite live region: what a screen reader says when the
// panel's work ends (the answers' verdicts, a page shown in the Browser tab,
// the start's stages), each once, in a sentence. The views themselves are
// not live regions: read whole, an answer's headers and body would drown
// the verdict.

import { element } from "./dom.js";

export class Announcer {
  constructor() {
    this.view = element("p", { class: "live-sr live-announce", role: "status" });
  }

  /** Say ``text`` once. The same words said again are a new event, and are said again. */
  say(text) {
    // A region whose text does not change says nothing: empty it, then fill it
    // a moment later, as screen readers notice changes between two frames.
    this.view.textContent = "";
    clearTimeout(this.pending);
    this.pending = setTimeout(() => (this.view.textContent = text), 100);
  }
}
