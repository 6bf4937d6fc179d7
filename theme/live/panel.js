// The live panel: runs an exchange block's example app in Pyodide. Its first
// run loads the example and sends every request of the block in order, as
// the build did; each answer is shown beside the build's (answers.js). Then
// the app's files in an editor (files.js), a form for a request of one's own
// (request-form.js, response.js), the server's console in a tab of its own
// (server.js) and, for an example that served HTML in the build
// (browser/start.js), a small browser (browser/) in another. What each run,
// request and page came to is said once by the panel's live region
// (announce.js). The reader can close the panel (Close, or Escape outside the
// editor) and open it again with the block's Run button, edits kept.

import { Announcer } from "./announce.js";
import { AnswersView, summary } from "./answers.js";
import { Browser } from "./browser/browser.js";
import { exampleBlocks, htmlPages, servesHtml } from "./browser/start.js";
import { button, element, nextPaint } from "./dom.js";
import { FilesView } from "./files.js";
import { followJumps } from "./jump.js";
import { bodyText, mediaType } from "./http.js";
import { ProgressView } from "./progress.js";
import { RequestForm } from "./request-form.js";
import { ResponseView } from "./response.js";
import { ServerView } from "./server.js";
import { StopView } from "./stop.js";
import { Tabs } from "./tabs.js";

async function fetchJson(url, what) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not fetch ${what} (${response.status}).`);
  return response.json();
}

export class Panel {
  /**
   * The panel of ``exchange`` (an exchange block's element), called ``id``;
   * it asks ``python``, and ``editor`` resolves to the editor's module.
   */
  constructor(exchange, id, python, editor) {
    this.exchange = exchange;
    this.id = id;
    this.python = python;
    this.editor = editor;
    this.loads = 0;
    this.loading = null;
    this.loadedFiles = null;
    const example = exchange.dataset.example;
    this.announcer = new Announcer();
    this.progress = new ProgressView((text) => this.announcer.say(text));
    const close = button("Close", () => this.close(), { class: "live-close", "aria-label": "Close the live example" });
    this.stop = new StopView(() => this.python.stop());
    this.answers = new AnswersView(`${id}-answers`, () => this.runBlock());
    this.server = new ServerView(`${id}-server`);
    this.files = new FilesView(id, example, `edits:${location.pathname}#${exchange.id || example}`);
    this.form = new RequestForm(() => this.send());
    this.response = new ResponseView();
    this.change = element(
      "div",
      { class: "live-change", hidden: "" },
      element("p", { class: "live-heading", text: "Change the app, or write a request of your own, and send it:" }),
      this.files.view,
      this.form.view,
      this.response.view,
    );
    this.panel = element(
      "section",
      { class: "live-panel", "aria-label": `Live example ${example}`, "data-state": "starting", tabindex: "-1" },
      element("div", { class: "live-top" }, this.progress.view, close),
      this.announcer.view,
      this.stop.view,
      this.answers.view,
      this.change,
    );
    this.panel.addEventListener("keydown", (event) => {
      // Escape in the editor is CodeMirror's (it closes a completion, then lets Tab leave).
      if (event.key === "Escape" && !event.defaultPrevented && !event.target.closest(".cm-editor")) this.close();
    });
    exchange.append(this.panel);
  }

  /** Hide the panel, as it is, and give the focus back to the block's Run button. */
  close() {
    this.panel.hidden = true;
    this.exchange.dispatchEvent(new Event("live-close"));
    this.exchange.querySelector(".live-run")?.focus();
  }

  set state(state) {
    this.panel.dataset.state = state;
  }

  /** Fetch the block and its example, run the block, then offer the rest. */
  async open() {
    const listener = (message) => this.progress.show(message);
    this.python.onProgress.add(listener);
    try {
      this.block = await fetchJson(this.exchange.dataset.live, "the block's requests");
      const bundle = await fetchJson(this.block.bundle, "the example");
      this.epoch = bundle.epoch;
      this.files.use(bundle.files);
      const blocks = exampleBlocks(this.exchange, this.block, (url) => fetchJson(url, "another block"));
      await this.runBlock();
      this.progress.done("Done: change the app or a request below, or run the block again.");
      const example = await blocks;
      this.addViews(servesHtml(example) ? htmlPages(example) : null);
      const { createEditor } = await this.editor;
      // The answers are drawn first: making the editors takes the page a moment (50 ms here).
      await nextPaint();
      this.change.hidden = false;
      this.files.openEditors(createEditor);
    } catch (error) {
      this.state = "failed";
      this.progress.done(`Could not start the example: ${error.message}`);
    } finally {
      this.python.onProgress.delete(listener);
    }
  }

  /** The tabs over the panel's views: Answers, Server, and Browser at ``pages`` (none: no Browser). */
  addViews(pages) {
    const views = new Tabs("What the panel shows", { onSelect: (view) => view === this.browser?.view && this.browser.show() });
    views.add("Answers", this.answers.view);
    views.add("Server", this.server.view);
    this.answers.view.before(views.list);
    this.answers.view.after(this.server.view);
    followJumps(this.panel, views);
    if (pages) this.addBrowser(views, pages);
  }

  addBrowser(views, pages) {
    this.browser = new Browser(this.id, this.block, pages, (request) => this.sendAs("browser", request));
    views.add("Browser", this.browser.view);
    this.server.view.after(this.browser.view);
    const view = this.browser.view;
    new MutationObserver(() => view.dataset.state === "ready" && this.announcer.say(this.pageShown())).observe(view, {
      attributes: true,
      attributeFilter: ["data-state"],
    });
  }

  /** "Page shown: its title (its path)", of the Browser tab's page, and its status unless 2xx. */
  pageShown() {
    const { answer } = this.browser.history.current;
    const html = mediaType(answer.headers) === "text/html" ? (bodyText(answer.bytes) ?? "") : "";
    const title = new DOMParser().parseFromString(html, "text/html").title.trim();
    const path = this.browser.address.value;
    const status = answer.status.startsWith("2") ? "" : `, status ${answer.status}`;
    return `Page shown: ${title ? `${title} (${path})` : path}${status}`;
  }

  /** Load the app afresh from the files as they are now, as the build's child does. */
  async loadApp() {
    const files = this.files.current();
    await this.python.start();
    const generation = this.python.generation;
    this.loads += 1;
    // The folder ends with the example's name: a traceback on the Server tab names example/app.py.
    const folder = `/examples/${this.id}/${this.loads}/${this.exchange.dataset.example}`;
    await this.python.load(this.id, folder, this.epoch, this.block.debug, files);
    this.loadedFiles = JSON.stringify(files);
    this.loadedIn = generation;
  }

  /** Load the app again if the reader changed its files since it was loaded, or Python was restarted. */
  async loadIfChanged() {
    await this.python.start(); // a stopped Python starts afresh, knowing no panel's app
    const changed = JSON.stringify(this.files.current()) !== this.loadedFiles || this.loadedIn !== this.python.generation;
    if (!this.loading && changed) {
      this.loading = this.loadApp().finally(() => (this.loading = null));
    }
    return this.loading;
  }

  /** Send one request with the panel's ``client`` ("block" or "browser"), the app's files as they are now. */
  async sendAs(client, request) {
    const answer = await this.stop.during(this.loadIfChanged().then(() => this.python.send(this.id, client, request)));
    answer.consoleLine = this.server.add(answer.console, { linked: client === "browser" });
    return answer;
  }

  /** After a failure: if Python was stopped, say so once, and keep the focus off a Stop now hidden. */
  stopped(error, next) {
    if (!error.stopped) return false;
    this.stop.say(error.message);
    if (this.stop.focused || document.activeElement === document.body) next.focus();
    return true;
  }

  /** Load the app afresh and send every request of the block; show each answer beside the build's. */
  async runBlock() {
    this.state = "running";
    this.answers.busy = true;
    try {
      const answers = await this.stop.during(this.loadApp().then(() => this.python.run(this.id, this.block.requests)));
      this.panel.dataset.pythonStarted = JSON.stringify(this.python.marks);
      this.announcer.say(this.answers.show(this.block.requests, this.block.responses, answers));
      for (const answer of answers) this.server.add(answer.console);
      this.form.offer(answers.map((answer) => answer.request));
    } catch (error) {
      this.answers.showError(error.message);
      this.answers.busy = false;
      if (!this.stopped(error, this.answers.runButton)) this.announcer.say(`The block could not be run: ${error.message}`);
    } finally {
      this.answers.busy = false;
      this.state = "ready";
    }
  }

  /** Send the form's request with the block's client, after the block's own requests. */
  async send() {
    if (this.panel.dataset.state === "sending") return;
    this.state = "sending";
    this.form.busy = true;
    try {
      const request = this.form.read();
      const answer = await this.sendAs("block", request);
      this.response.show(request, answer);
      this.announcer.say(answer.error ? this.response.log.textContent : `${summary(request)}: ${answer.status}`);
    } catch (error) {
      this.form.busy = false;
      if (this.stopped(error, this.form.sendButton)) this.response.showStopped();
      else {
        this.response.showError(error.message);
        this.announcer.say(this.response.log.textContent);
      }
    } finally {
      this.form.busy = false;
      this.state = "ready";
    }
  }
}
