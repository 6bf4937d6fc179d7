// The panel's Server tab: what the example's server printed while the panel's
// requests ran, in order, as the terminal running `flask run` shows it: the
// app's print() and log lines, then the development server's access line for
// each request (browser_runner.py captures them, as the build does, without
// the colours a terminal gives some access lines). A log
// region: screen readers hear each new line, politely.

import { button, element } from "./dom.js";

export class ServerView {
  /** The tab's view, its element called ``id``. */
  constructor(id) {
    this.console = element("pre", { class: "live-console", tabindex: "0", role: "log", "aria-label": "What the server printed" });
    this.empty = element("p", { class: "live-console-empty", text: "Nothing yet: send a request." });
    this.view = element(
      "div",
      { class: "live-server", id, hidden: "" },
      element("p", {
        class: "live-heading",
        text: "The server's console: what the example printed while it answered, and a line per request, as in the terminal where flask run runs (its starting lines left out).",
      }),
      this.empty,
      this.console,
      element("p", {}, button("Clear the console", () => this.clear())),
    );
  }

  /** Add what the server printed for one exchange (nothing for an answer that failed). */
  add(printed) {
    if (!printed) return;
    this.empty.hidden = true;
    this.console.append(printed);
  }

  clear() {
    this.console.replaceChildren();
    this.empty.hidden = false;
  }
}
