// The panel's small browser: the example's pages, used as a visitor uses a
// website, with every exchange listed underneath (network-log.js). It
// follows redirects (redirects.js), keeps cookies (Python's client does, one
// per panel), keeps a cache that honours the answers' caching headers
// (cache.js, through client.js) and a history for Back and Forward
// (history.js). The page itself is drawn by frame.js.

import { button, element, unavailable } from "../dom.js";
import { ORIGIN, startPath, targetOf, typed } from "./address.js";
import { Client } from "./client.js";
import { FrameView } from "./frame.js";
import { History } from "./history.js";
import { NetworkLog } from "./network-log.js";
import { follow } from "./redirects.js";

const ABOUT =
  "This browser asks the example as the build did, through Flask's test client: its requests say Host: localhost " +
  "and User-Agent: Werkzeug, and the app's clock stands at the moment the site was built, so Date does not change. " +
  "A real browser sends headers of its own, such as Accept.";

/** The browser of one panel; its ``view`` is the panel's "Browser" tab. */
export class Browser {
  /**
   * The browser of panel ``panelId``, for ``block`` (its requests and the
   * build's responses) of an example that served the HTML ``pages``;
   * ``send(request)`` asks the example with the panel's browser client.
   */
  constructor(panelId, block, pages, send) {
    this.block = block;
    this.pages = pages;
    this.history = new History();
    this.turn = 0; // of the latest navigation
    this.log = new NetworkLog(`${panelId}-network`, (request) => this.client.request(request, "fetch", { reload: true }));
    this.client = new Client(send, { onExchange: (exchange) => this.log.add(exchange) });
    this.frame = new FrameView({
      request: (request, kind, options) => this.client.request(request, kind, options),
      onNavigate: (request) => this.open(request),
      onRefused: (url) => (this.note.textContent = `This browser shows only the example's own pages; it does not follow ${url.href}.`),
    });
    const icon = (text, label, action) => button(text, action, { "aria-label": label, title: label });
    this.backButton = icon("←", "Back", () => this.go(-1));
    this.forwardButton = icon("→", "Forward", () => this.go(1));
    this.address = element("input", { type: "text", spellcheck: "false", autocomplete: "off", "aria-label": "Address (a path of the example)" });
    const bar = element(
      "form",
      { class: "live-address" },
      this.backButton,
      this.forwardButton,
      icon("↻", "Reload", () => this.reload()),
      this.address,
      element("button", { type: "submit", text: "Go" }),
    );
    bar.addEventListener("submit", (event) => {
      event.preventDefault();
      const { url, notice } = typed(this.address.value);
      this.open({ method: "GET", url }, { notice });
    });
    this.note = element("p", { class: "live-browser-note", role: "status" });
    this.view = element(
      "div",
      { class: "live-browser", id: `${panelId}-browser`, hidden: "" },
      bar,
      this.note,
      this.frame.view,
      element("p", { class: "live-about", text: ABOUT }),
      ...this.log.view,
    );
    this.updateButtons();
  }

  /** The tab was opened: load the first page, once. */
  show() {
    if (this.turn) return; // a page is shown, or on its way
    // The page around may hold no frame that loads a URL: the pages drawn here are srcdoc frames.
    if (!document.querySelector("meta[data-live-frames]")) {
      document.head.append(element("meta", { "http-equiv": "Content-Security-Policy", content: "frame-src 'none'", "data-live-frames": "" }));
    }
    this.open({ method: "GET", url: ORIGIN + startPath(this.block.requests, this.block.responses, this.pages) });
  }

  updateButtons() {
    unavailable(this.backButton, !this.history.canGoBack);
    unavailable(this.forwardButton, !this.history.canGoForward);
  }

  /** A navigation starts: it overtakes any still under way, as in a browser. Returns its turn. */
  begin() {
    this.view.dataset.state = "loading";
    return ++this.turn;
  }

  /** Go to a new page, as a visitor does: follow redirects, then show it and add it to the history. */
  async open(request, { reload = false, replace = false, notice = "" } = {}) {
    const turn = this.begin();
    this.note.textContent = notice;
    let asked = request;
    try {
      const send = (current, hops) => ((asked = current), this.client.request(current, "document", { reload: reload && hops === 0 }));
      const { answer } = await follow(request, send);
      if (turn !== this.turn) return;
      const entry = { url: asked.url, request: asked, answer };
      this.history.visit(entry, { replace });
      await this.display(entry, turn);
    } catch (error) {
      if (turn !== this.turn) return;
      if (error.traceback === undefined) {
        this.note.textContent = `Could not show the page: ${error.message}`;
        this.view.dataset.state = "failed";
        return;
      }
      // As a development server in debug mode does: the page is the traceback,
      // at the address asked for, so Reload asks again once the app is fixed.
      const answer = { status: "error", headers: [], bytes: new Uint8Array(), error: error.traceback };
      const entry = { url: asked.url, request: asked, answer };
      this.history.visit(entry, { replace });
      await this.display(entry, turn);
    } finally {
      this.updateButtons();
    }
  }

  go(step) {
    const entry = this.history.go(step);
    if (!entry) return;
    this.updateButtons();
    // As browsers do on back and forward (RFC 9111, section 6): the page as it
    // was, from the history's copy, never asked for again (a form is never
    // sent twice), and its stylesheets and images from the cache as they are.
    this.client.replayed(entry);
    this.display(entry, this.begin(), { history: true });
  }

  reload() {
    const entry = this.history.current;
    if (entry) this.open(entry.request, { reload: true, replace: true });
  }

  /** Show a history entry's page; the view is ready once the page of the latest navigation is. */
  async display(entry, turn, options) {
    this.address.value = targetOf(entry.url);
    const shown = await this.frame.render(entry, options);
    if (shown && turn === this.turn) this.view.dataset.state = "ready";
  }
}
