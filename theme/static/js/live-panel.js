// The live panel: runs an exchange block's example app in Pyodide, with an
// editor for the app's files and a form for the request. live.js loads this
// module when the reader shows interest in a "Run in your browser" button.
// One Python (a module worker, see live-worker.js) serves every panel on the page.

const script = document.getElementById("live-script");
const RUNTIME = new URL(script.dataset.runtime, location.href).href;
const WORKER = new URL(script.dataset.worker, location.href).href;
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

class Python {
  constructor() {
    this.worker = null;
    this.ready = null;
    this.waiting = new Map();
    this.onProgress = new Set();
    this.nextId = 1;
  }

  start() {
    if (this.ready) return this.ready;
    this.worker = new Worker(WORKER, { type: "module" });
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Python did not start within ${START_TIMEOUT_MS / 1000} seconds.`)),
        START_TIMEOUT_MS,
      );
      this.worker.onerror = (event) => reject(new Error(event.message || "The Python worker failed to start."));
      this.worker.onmessage = ({ data }) => {
        if (data.type === "progress") this.onProgress.forEach((listener) => listener(data));
        else if (data.type === "ready") {
          clearTimeout(timer);
          resolve();
        } else if (data.type === "failed" && !data.panel && !data.id) {
          clearTimeout(timer);
          reject(new Error(data.message));
        } else this.settle(data);
      };
    });
    this.ready.catch(() => this.stop());
    this.worker.postMessage({ type: "init", runtime: RUNTIME });
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
        reject(new Error(`No answer within ${timeout / 1000} seconds, so Python was stopped. Send again to start it afresh.`));
      }, timeout);
      this.waiting.set(key, {
        resolve: (value) => (clearTimeout(timer), resolve(value)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      this.worker.postMessage(message);
    });
  }

  load(panel, folder, epoch, files, debug) {
    return this.ask(panel, { type: "load", panel, folder, epoch, files, debug }, START_TIMEOUT_MS);
  }

  send(panel, request) {
    const id = `request-${this.nextId++}`;
    return this.ask(id, { type: "send", panel, id, request }, SEND_TIMEOUT_MS);
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
let editorModule = null;
let panelCount = 0;

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

function labelled(text, control) {
  return element("label", {}, element("span", { text }), control);
}

// A request as the page shows it, an HTTP message, in the fields of the form.
function parseRequest(message) {
  const [head, ...body] = message.replace(/\n$/, "").split("\n\n");
  const [requestLine, ...headerLines] = head.split("\n");
  const words = requestLine.split(" ");
  const headers = headerLines.map((line) => {
    const colon = line.indexOf(":");
    return [line.slice(0, colon), line.slice(colon + 1).trim()];
  });
  return { method: words[0], target: words.slice(1, -1).join(" "), headers, body: body.join("\n\n") };
}

function formatSize(bytes) {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

class Panel {
  constructor(exchange) {
    this.exchange = exchange;
    this.id = `panel-${++panelCount}`;
    this.loads = 0;
    this.requests = [...exchange.querySelectorAll(".exchange-request pre")].map((pre) => parseRequest(pre.textContent));
    this.editors = new Map();
    this.loadedFiles = null;
    this.build();
  }

  build() {
    const example = this.exchange.dataset.example;
    this.progress = element("progress", { max: "1" });
    this.status = element("span", { text: "Starting…" });
    this.tabs = element("div", { class: "live-tabs", role: "tablist", "aria-label": "Files of the example" });
    this.editorHost = element("div", { class: "live-editor-host" });
    const reset = element("button", { type: "button", text: "Reset files" });
    reset.addEventListener("click", () => this.resetFiles());

    this.picker = element("select");
    this.requests.forEach((request, index) =>
      this.picker.append(element("option", { value: String(index), text: `${index + 1}. ${request.method} ${request.target}` })),
    );
    this.picker.addEventListener("change", () => this.fill(this.requests[Number(this.picker.value)]));
    this.method = element("select");
    METHODS.forEach((method) => this.method.append(element("option", { text: method })));
    this.target = element("input", { type: "text", spellcheck: "false", autocomplete: "off" });
    this.headers = element("textarea", { rows: "2", spellcheck: "false" });
    this.body = element("textarea", { rows: "3", spellcheck: "false" });
    this.sendButton = element("button", { type: "submit", text: "Send" });
    this.form = element(
      "form",
      { class: "live-request" },
      this.requests.length > 1 ? labelled("Request from the page", this.picker) : "",
      element("div", { class: "live-request-line" }, labelled("Method", this.method), labelled("Path", this.target)),
      labelled("Headers (one per line)", this.headers),
      labelled("Body", this.body),
      element("p", {}, this.sendButton, element("span", { class: "live-hint", text: " or Ctrl+Enter" })),
    );
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send();
    });

    this.log = element("p", { class: "live-log" });
    this.output = element("code");
    this.response = element("div", { class: "live-response", "aria-live": "polite" }, this.log, element("pre", { tabindex: "0" }, this.output));
    this.panel = element(
      "section",
      { class: "live-panel", "aria-label": `Live example ${example}`, "data-state": "starting" },
      element("div", { class: "live-progress", role: "status" }, this.progress, this.status),
      element("div", { class: "live-editor" }, this.tabs, this.editorHost, element("p", {}, reset)),
      this.form,
      this.response,
    );
    this.panel.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.send();
      }
    });
    this.exchange.append(this.panel);
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
    try {
      const [bundle] = await Promise.all([this.fetchBundle(), python.start(), this.loadEditor()]);
      this.bundle = bundle;
      await this.makeEditors(bundle.files);
      this.showProgress({ stage: "example" });
      await this.loadApp();
      this.fill(this.requests[0]);
      this.progress.value = 1;
      this.status.textContent = "Ready: edit the app or the request, then Send.";
      this.panel.dataset.state = "ready";
    } catch (error) {
      this.fail(error);
    } finally {
      python.onProgress.delete(listener);
    }
  }

  async fetchBundle() {
    const response = await fetch(this.exchange.dataset.bundle);
    if (!response.ok) throw new Error(`Could not fetch the example (${response.status}).`);
    return response.json();
  }

  async loadEditor() {
    editorModule ??= import(new URL("editor.js", RUNTIME).href);
    return editorModule;
  }

  async makeEditors(files) {
    const { createEditor } = await editorModule;
    const editable = Object.keys(files).filter((path) => files[path].text !== undefined);
    editable.forEach((path, index) => {
      const host = element("div", { class: "live-file", role: "tabpanel", id: `${this.id}-${index}` });
      const tab = element("button", { type: "button", role: "tab", "aria-controls": host.id, text: path });
      tab.addEventListener("click", () => this.showFile(path));
      this.tabs.append(tab);
      this.editorHost.append(host);
      this.editors.set(path, { tab, host, editor: createEditor(host, files[path].text, path, `${path} of ${this.exchange.dataset.example}`) });
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

  async loadApp() {
    const files = this.currentFiles();
    await python.start();
    this.loads += 1;
    // A block marked debug=off runs as plain `flask run`, as the build ran it.
    const debug = this.exchange.dataset.debug !== "off";
    await python.load(this.id, `/examples/${this.id}/${this.loads}`, this.bundle.epoch, files, debug);
    this.loadedFiles = JSON.stringify(files);
  }

  fill(request) {
    this.method.value = request.method;
    this.target.value = request.target;
    this.headers.value = request.headers.map(([name, value]) => `${name}: ${value}`).join("\n");
    this.body.value = request.body;
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
    return { method: this.method.value, target: this.target.value || "/", headers, body: this.body.value };
  }

  async send() {
    if (this.panel.dataset.state === "sending") return;
    this.panel.dataset.state = "sending";
    this.sendButton.disabled = true;
    try {
      const request = this.readRequest();
      if (!python.ready || JSON.stringify(this.currentFiles()) !== this.loadedFiles) await this.loadApp();
      const { response } = await python.send(this.id, request);
      this.show(response);
    } catch (error) {
      this.showError(error.message);
    } finally {
      this.sendButton.disabled = false;
      this.panel.dataset.state = "ready";
    }
  }

  show(response) {
    this.clearPreview();
    if (response.error) {
      this.showError(response.error);
      return;
    }
    this.log.textContent = `${response.log}  (${response.milliseconds.toFixed(1)} ms in your browser)`;
    const body = response.binary ? `[${atob(response.body).length.toLocaleString("en")} bytes of binary data]` : response.body;
    const head = [`HTTP/1.1 ${response.status_line}`, ...response.headers.map(([name, value]) => `${name}: ${value}`)];
    this.output.textContent = body ? `${head.join("\n")}\n\n${body}` : head.join("\n");
    this.response.dataset.status = String(response.status);
    this.response.dataset.body = response.binary ? "" : response.body;
    const type = response.headers.find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? "";
    if (type.startsWith("text/html") && !response.binary) {
      // One frame per panel, shown again with each new page: making a frame
      // costs more than answering the request did.
      this.preview ??= this.response.appendChild(
        element("iframe", { class: "exchange-preview", sandbox: "", title: "The HTML of the response, rendered" }),
      );
      this.preview.srcdoc = PREVIEW_POLICY + response.body;
      this.preview.hidden = false;
    }
  }

  showError(text) {
    this.clearPreview();
    this.log.textContent = "The app raised an exception (it is still usable: fix the code and send again):";
    this.output.textContent = text;
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

/** Start Python in its worker, if it is not started yet. */
export function startPython() {
  return python.start();
}

// The panels' styles come with them: a page nobody runs never loads them.
const panelStyles = new Promise((resolve) => {
  const link = element("link", { rel: "stylesheet", href: script.dataset.panelStyle });
  // Without its styles a panel still works, so a failure does not stop it.
  link.addEventListener("load", resolve);
  link.addEventListener("error", resolve);
  document.head.append(link);
});

/** Open a live panel under an exchange block. */
export async function openPanel(exchange) {
  python.start().catch(() => {}); // the panel reports a failure once it is open
  await panelStyles;
  return new Panel(exchange).open();
}
