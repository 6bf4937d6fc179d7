// The panel's Server tab: what the example's server printed while the panel's
// requests ran, in order, as the terminal running `flask run` shows it: the
// app's print() and log lines, then the development server's access line for
// each request (browser_runner.py captures them, as the build does, without
// the colours a terminal gives some access lines). A log
// region: screen readers hear each new line, politely. The access line of a
// request the panel's browser sent links to its row in the network log,
// which links back (jump.js).

import { button, element } from "./dom.js";

export class ServerView {
  /** The tab's view, its element called ``id``. */
  constructor(id) {
    this.id = id;
    this.lines = 0;
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

  /**
   * Add what the server printed for one exchange (nothing for an answer that
   * failed); its last line is the access line. Returns that line's id, which
   * the network row of a ``linked`` exchange takes, with "-row" after it.
   */
  add(printed, { linked = false } = {}) {
    if (!printed) return null;
    this.empty.hidden = true;
    const lines = printed.replace(/\n$/, "").split("\n");
    const access = lines.pop();
    const id = `${this.id}-line-${++this.lines}`;
    const line = linked
      ? element("a", { id, class: "live-jump", href: `#${id}-row`, title: "Its row in the Browser tab's network log", text: access })
      : element("span", { id, tabindex: "-1", text: access });
    this.console.append(lines.map((text) => `${text}\n`).join(""), line, printed.endsWith("\n") ? "\n" : "");
    return id;
  }

  clear() {
    this.console.replaceChildren();
    this.empty.hidden = false;
  }
}
