// The live panel: runs an exchange block's example app in Pyodide. A click on
// Run starts Python, loads the example and sends every request of the block
// in order, as the build did; each answer is shown with the build's and
// compared with it. Then an editor for the app's files and a form for a
// request of one's own, and, for an app that serves HTML, a small browser
// (live-browser.js) in a tab of its own.
// live.js loads this module when the reader shows interest in a Run button.
// One Python (a module worker, see live-worker.js) serves every panel on the page.

import { Browser } from "./live-browser.js";
import { compare } from "./live-compare.js";
import { bodyText, element, fromBase64, headerValue, messageLines, renderMessage, toBase64, wireBody } from "./live-http.js";

const WORKER = new URL("live-worker.js", import.meta.url);
const START_TIMEOUT_MS = 90_000;
const SEND_TIMEOUT_MS = 10_000;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
// As in the build's previews: relative links go nowhere, everything else is blocked.
const PREVIEW_POLICY =
  '<base href="about:blank">' +
  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">";

const STAGES = {
  download: "Downloading Python and Flask",
  python: "Starting Python and installing Flask",
  flask: "Importing Flask",
  example: "Loading the example",
};

const VERDICTS = {
  same: "Same as when the site was built",
  explained: "Same as when the site was built, but for a difference explained below",
  differs: "Differs from when the site was built: the lines that differ are marked",
  error: "The app raised an exception",
};

class Python {
  constructor() {
    this.worker = null;
    this.ready = null;
    this.waiting = new Map();
    this.onProgress = new Set();
    this.nextId = 1;
  }

  /** Start Python in its worker, if it is not started yet; resolves when Python is ready. */
  start() {
    if (this.ready) return this.ready;
    const worker = (this.worker = new Worker(WORKER, { type: "module" }));
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Python did not start within ${START_TIMEOUT_MS / 1000} seconds.`)),
        START_TIMEOUT_MS,
      );
      worker.onerror = (event) => {
        clearTimeout(timer);
        reject(new Error(event.message || "The Python worker failed to start."));
      };
      worker.onmessage = ({ data }) => {
        if (data.type === "progress") this.onProgress.forEach((listener) => listener(data));
        else if (data.type === "ready") {
          clearTimeout(timer);
          this.marks = data.marks;
          resolve();
        } else if (data.type === "failed" && !data.panel && !data.id) {
          clearTimeout(timer);
          reject(new Error(data.message));
        } else this.settle(data);
      };
    });
    this.ready.catch(() => this.stop());
    return this.ready;
  }

  settle(data) {
    const key = data.id ?? data.panel;
    const waiter = this.waiting.get(key);
    if (!waiter) return;
    this.waiting.delete(key);
    if (data.type === "failed") waiter.reject(new Error(data.message));
    else waiter.resolve(data);
  }

  ask(key, message, timeout) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.stop();
        reject(new Error(`No answer within ${timeout / 1000} seconds, so Python was stopped. Run again to start it afresh.`));
      }, timeout);
      this.waiting.set(key, {
        resolve: (value) => (clearTimeout(timer), resolve(value)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      this.worker.postMessage(message);
    });
  }

  load(panel, folder, epoch, debug, files) {
    return this.ask(panel, { type: "load", panel, folder, epoch, debug, files }, START_TIMEOUT_MS);
  }

  /** Send a block's requests in order with a fresh client; resolves to one answer per request. */
  async run(panel, requests) {
    const id = `run-${this.nextId++}`;
    return (await this.ask(id, { type: "run", panel, id, requests }, SEND_TIMEOUT_MS)).answers;
  }

  /** Send one request with the panel's ``client`` ("block" or "browser"). */
  async send(panel, client, request) {
    const id = `request-${this.nextId++}`;
    return (await this.ask(id, { type: "send", panel, id, client, request }, SEND_TIMEOUT_MS)).response;
  }

  stop() {
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
    for (const waiter of this.waiting.values()) waiter.reject(new Error("Python was stopped."));
    this.waiting.clear();
  }
}

const python = new Python();
// This module loads when the reader shows interest in a Run button: Python starts now.
python.start().catch(() => {}); // a panel reports a failure once it is open
let editorModule = null;
let panelCount = 0;

function labelled(text, control) {
  return element("label", {}, element("span", { text }), control);
}

function formatSize(bytes) {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function summary(request) {
  return `${request.method} ${request.target}`;
}

async function fetchJson(url, what) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not fetch ${what} (${response.status}).`);
  return response.json();
}

class Panel {
  constructor(exchange) {
    this.exchange = exchange;
    this.id = `panel-${++panelCount}`;
    this.loads = 0;
    this.editors = new Map();
    this.build();
  }

  build() {
    const example = this.exchange.dataset.example;
    this.progress = element("progress", { max: "1" });
    this.status = element("span", { text: "Starting…" });
    this.steps = element("ol", { class: "live-steps" });
    this.runButton = element("button", { type: "button", text: "Run again", disabled: "" });
    this.runButton.addEventListener("click", () => this.runBlock());
    this.answers = element(
      "div",
      { class: "live-answers", id: `${this.id}-answers` },
      element("p", { class: "live-heading", text: "Each request of this block, sent by the Python in your browser:" }),
      element("p", {
        class: "live-about",
        text: "Each answer is compared whole, every header included, with the one the build got. The page above may show only some of its headers; here they all are.",
      }),
      this.steps,
      element("p", {}, this.runButton),
    );
    this.views = element("div", { class: "live-views", role: "tablist", "aria-label": "What the panel shows", hidden: "" });
    this.change = this.buildChange();
    this.panel = element(
      "section",
      { class: "live-panel", "aria-label": `Live example ${example}`, "data-state": "starting", tabindex: "-1" },
      element("div", { class: "live-progress", role: "status" }, this.progress, this.status),
      this.views,
      this.answers,
      this.change,
    );
    this.exchange.append(this.panel);
  }

  buildChange() {
    this.tabs = element("div", { class: "live-tabs", role: "tablist", "aria-label": "Files of the example" });
    this.editorHost = element("div", { class: "live-editor-host" });
    const reset = element("button", { type: "button", text: "Reset files" });
    reset.addEventListener("click", () => this.resetFiles());

    this.picker = element("select");
    this.picker.addEventListener("change", () => this.fill(this.sentRequests[Number(this.picker.value)]));
    this.method = element("select");
    METHODS.forEach((method) => this.method.append(element("option", { text: method })));
    this.target = element("input", { type: "text", spellcheck: "false", autocomplete: "off" });
    this.headers = element("textarea", { rows: "2", spellcheck: "false" });
    this.body = element("textarea", { rows: "3", spellcheck: "false" });
    this.sendButton = element("button", { type: "submit", text: "Send" });
    this.form = element(
      "form",
      { class: "live-request" },
      labelled("Start from a request of the block", this.picker),
      element("div", { class: "live-request-line" }, labelled("Method", this.method), labelled("Path", this.target)),
      labelled("Headers (one per line)", this.headers),
      labelled("Body", this.body),
      element("p", {}, this.sendButton, element("span", { class: "live-hint", text: " or Ctrl+Enter" })),
    );
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send();
    });
    this.form.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.send();
      }
    });
    this.log = element("p", { class: "live-log" });
    this.response = element("div", { class: "live-response", "aria-live": "polite" }, this.log);
    return element(
      "div",
      { class: "live-change", hidden: "" },
      element("p", { class: "live-heading", text: "Change the app, or write a request of your own, and send it:" }),
      element("div", { class: "live-editor" }, this.tabs, this.editorHost, element("p", {}, reset)),
      this.form,
      this.response,
    );
  }

  showProgress(message) {
    if (message.stage === "download" && message.total) {
      this.progress.value = message.loaded / message.total;
      this.status.textContent = `${STAGES.download}: ${formatSize(message.loaded)} of ${formatSize(message.total)}`;
    } else {
      this.progress.removeAttribute("value");
      this.status.textContent = `${STAGES[message.stage]}…`;
    }
  }

  async open() {
    const listener = (message) => this.showProgress(message);
    python.onProgress.add(listener);
    editorModule ??= import("./editor.js");
    try {
      this.block = await fetchJson(this.exchange.dataset.live, "the block's requests");
      this.bundle = await fetchJson(this.block.bundle, "the example");
      await this.runBlock();
      this.status.textContent = "Done: change the app or a request below, or run the block again.";
      this.progress.remove();
      this.change.hidden = false;
      if (this.servesHtml()) this.addBrowser();
      await this.makeEditors(this.bundle.files);
    } catch (error) {
      this.fail(error);
    } finally {
      python.onProgress.delete(listener);
    }
  }

  servesHtml() {
    const html = (response) => response.body && (headerValue(response.headers, "Content-Type") ?? "").startsWith("text/html");
    return this.block.responses.some(html);
  }

  addBrowser() {
    const answersTab = element("button", { type: "button", role: "tab", "aria-controls": this.answers.id, text: "Answers" });
    this.browser = new Browser(this, python);
    const browserTab = element("button", { type: "button", role: "tab", "aria-controls": this.browser.view.id, text: "Browser" });
    const show = (chosen) => {
      for (const [tab, view] of [
        [answersTab, this.answers],
        [browserTab, this.browser.view],
      ]) {
        tab.setAttribute("aria-selected", String(tab === chosen));
        tab.tabIndex = tab === chosen ? 0 : -1;
        view.hidden = tab !== chosen;
      }
      if (chosen === browserTab) this.browser.show();
    };
    answersTab.addEventListener("click", () => show(answersTab));
    browserTab.addEventListener("click", () => show(browserTab));
    this.views.addEventListener("keydown", (event) => {
      if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
      const next = document.activeElement === answersTab ? browserTab : answersTab;
      next.focus();
      show(next);
    });
    this.answers.setAttribute("role", "tabpanel");
    this.views.append(answersTab, browserTab);
    this.views.hidden = false;
    this.answers.after(this.browser.view);
    show(answersTab);
  }

  async makeEditors(files) {
    const { createEditor } = await editorModule;
    const editable = Object.keys(files).filter((path) => files[path].text !== undefined);
    editable.forEach((path, index) => {
      const host = element("div", { class: "live-file", role: "tabpanel", id: `${this.id}-file-${index}` });
      const tab = element("button", { type: "button", role: "tab", "aria-controls": host.id, text: path });
      tab.addEventListener("click", () => this.showFile(path));
      this.tabs.append(tab);
      this.editorHost.append(host);
      const label = `${path} of ${this.exchange.dataset.example}`;
      this.editors.set(path, { tab, host, editor: createEditor(host, files[path].text, path, label) });
    });
    this.showFile(editable[0]);
  }

  showFile(chosen) {
    for (const [path, { tab, host }] of this.editors) {
      tab.setAttribute("aria-selected", String(path === chosen));
      host.hidden = path !== chosen;
    }
  }

  currentFiles() {
    const files = { ...this.bundle.files };
    for (const [path, { editor }] of this.editors) files[path] = { text: editor.text };
    return files;
  }

  resetFiles() {
    for (const [path, { editor }] of this.editors) editor.text = this.bundle.files[path].text;
  }

  /** Load the app afresh from the files as they are now, as the build's child does. */
  async loadApp() {
    const files = this.currentFiles();
    await python.start();
    this.loads += 1;
    await python.load(this.id, `/examples/${this.id}/${this.loads}`, this.bundle.epoch, this.block.debug, files);
    this.loadedFiles = JSON.stringify(files);
  }

  /** Load the app again if the reader changed its files since it was loaded. */
  async loadIfChanged() {
    if (!this.loading && JSON.stringify(this.currentFiles()) !== this.loadedFiles) {
      this.loading = this.loadApp().finally(() => (this.loading = null));
    }
    return this.loading;
  }

  /** Load the app afresh and send every request of the block; show each answer beside the build's. */
  async runBlock() {
    this.panel.dataset.state = "running";
    this.runButton.disabled = true;
    try {
      await this.loadApp();
      const answers = await python.run(this.id, this.block.requests);
      this.panel.dataset.pythonStarted = JSON.stringify(python.marks);
      this.sentRequests = answers.map((answer) => answer.request);
      this.showAnswers(answers);
      this.fillPicker();
    } catch (error) {
      this.steps.replaceChildren(element("li", { class: "live-step", "data-verdict": "error", text: error.message }));
    } finally {
      this.runButton.disabled = false;
      this.panel.dataset.state = "ready";
    }
  }

  showAnswers(answers) {
    this.steps.replaceChildren(
      ...this.block.requests.map((request, index) => {
        const answer = answers[index];
        if (!answer) {
          return element("li", { class: "live-step", "data-verdict": "not-sent", text: `${summary(request)}: not sent, as an earlier request failed.` });
        }
        const result = compare(this.block.responses[index], answer);
        const heading = element("p", { class: "live-verdict" }, element("code", { text: summary(answer.request) }), ` ${VERDICTS[result.verdict]}`);
        const step = element("li", { class: "live-step", "data-verdict": result.verdict }, heading);
        if (result.verdict === "error") step.append(element("pre", { class: "live-traceback", tabindex: "0", text: result.lines.join("\n") }));
        else step.append(renderMessage(result.lines, result.kinds));
        for (const reason of result.reasons) step.append(element("p", { class: "live-why", text: reason }));
        if (answer.milliseconds !== undefined) step.append(element("p", { class: "live-log", text: `Answered in ${answer.milliseconds.toFixed(1)} ms in your browser.` }));
        return step;
      }),
    );
  }

  fillPicker() {
    this.picker.replaceChildren(
      ...this.sentRequests.map((request, index) => element("option", { value: String(index), text: `${index + 1}. ${summary(request)}` })),
    );
    if (this.sentRequests.length) this.fill(this.sentRequests[0]);
  }

  fill(request) {
    this.method.value = request.method;
    this.target.value = request.target;
    this.headers.value = request.headers.map(([name, value]) => `${name}: ${value}`).join("\n");
    this.body.value = bodyText(fromBase64(request.body)) ?? "";
  }

  readRequest() {
    const headers = this.headers.value
      .split("\n")
      .filter((line) => line.trim())
      .map((line) => {
        const colon = line.indexOf(":");
        if (colon < 1) throw new Error(`This header line has no name and colon: ${line}`);
        return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
      });
    return { method: this.method.value, target: this.target.value || "/", headers, body: toBase64(wireBody(this.body.value, headers)) };
  }

  /** Send the form's request with the block's client, after the block's own requests. */
  async send() {
    if (this.panel.dataset.state === "sending") return;
    this.panel.dataset.state = "sending";
    this.sendButton.disabled = true;
    try {
      const request = this.readRequest();
      await this.loadIfChanged();
      this.show(request, await python.send(this.id, "block", request));
    } catch (error) {
      this.showError(error.message);
    } finally {
      this.sendButton.disabled = false;
      this.panel.dataset.state = "ready";
    }
  }

  show(request, response) {
    this.clearPreview();
    this.response.querySelector(".highlight, .live-traceback")?.remove();
    if (response.error) {
      this.showError(response.error);
      return;
    }
    const code = response.status.split(" ")[0];
    this.log.textContent = `"${summary(request)} HTTP/1.1" ${code} -  (${response.milliseconds.toFixed(1)} ms in your browser)`;
    const body = fromBase64(response.body);
    this.response.append(renderMessage(messageLines(`HTTP/1.1 ${response.status}`, response.headers, body)));
    this.response.dataset.status = code;
    this.response.dataset.body = bodyText(body) ?? "";
    const type = headerValue(response.headers, "Content-Type") ?? "";
    if (type.startsWith("text/html") && bodyText(body) !== null) {
      // One frame per panel, shown again with each new page: making a frame
      // costs more than answering the request did.
      this.preview ??= element("iframe", { class: "exchange-preview", sandbox: "", title: "The HTML of the response, rendered" });
      this.response.append(this.preview);
      this.preview.srcdoc = PREVIEW_POLICY + bodyText(body);
      this.preview.hidden = false;
    }
  }

  showError(text) {
    this.clearPreview();
    this.response.querySelector(".highlight, .live-traceback")?.remove();
    this.log.textContent = "The app raised an exception (it is still usable: fix the code and send again):";
    this.response.append(element("pre", { class: "live-traceback", tabindex: "0", text }));
    this.response.dataset.status = "error";
  }

  clearPreview() {
    if (this.preview) this.preview.hidden = true;
  }

  fail(error) {
    this.panel.dataset.state = "failed";
    this.progress.remove();
    this.status.textContent = `Could not start the example: ${error.message}`;
  }
}

// The panels' styles come with them: a page nobody runs never loads them.
const panelStyles = new Promise((resolve) => {
  const link = element("link", { rel: "stylesheet", href: new URL("live-panel.css", import.meta.url).href });
  // Without its styles a panel still works, so a failure does not stop it.
  link.addEventListener("load", resolve);
  link.addEventListener("error", resolve);
  document.head.append(link);
});

/** Open a live panel under an exchange block; ``shown`` is called once it is on the page. */
export async function openPanel(exchange, shown = () => {}) {
  python.start().catch(() => {}); // again, if it was stopped; the panel reports a failure
  await panelStyles;
  const panel = new Panel(exchange);
  shown();
  return panel.open();
}
