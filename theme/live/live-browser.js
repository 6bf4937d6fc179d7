// The panel's small browser: the example's pages, used as a visitor uses a
// website, with every exchange listed underneath like the Network tab of the
// browser's developer tools.
//
// Each page is drawn in a new frame, sandboxed with scripts and forms only,
// so it has an opaque origin: it cannot reach this page, its cookies, its
// storage or the network. Its stylesheets, images and scripts are fetched
// from the example first and written into it as data: URLs, and a policy in
// the page forbids everything else. A small script in the frame turns link
// clicks, form submissions and fetch() into messages; this module accepts
// only those, from the frame it made, and answers them through the example
// running in Python. It follows redirects, keeps cookies (Python's client
// does, one per panel) and keeps a cache that honours the answers' caching
// headers (RFC 9111): a stored answer is reused while fresh, and revalidated
// with If-None-Match or If-Modified-Since when not.

import { bodyText, element, encode, fromBase64, headerValue, messageLines, renderMessage, toBase64 } from "./live-http.js";

const ORIGIN = "http://app.invalid";
const MAX_REDIRECTS = 20;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// What the page in the frame may load: only what this module wrote into it.
const FRAME_POLICY =
  "default-src 'none'; script-src 'unsafe-inline' data:; style-src 'unsafe-inline' data:; " +
  "img-src data: blob:; font-src data:; media-src data: blob:; form-action 'none'";

// Runs inside the frame (injected as its first script). It protects nothing:
// the sandbox and the policy do. It only turns a visitor's actions into messages.
function frameShim() {
  const post = (message, transfer = []) => parent.postMessage(message, "*", transfer);
  const pending = new Map();
  let nextId = 1;
  addEventListener("message", (event) => {
    if (event.source !== parent || event.data?.type !== "fetched") return;
    pending.get(event.data.id)?.(event.data);
    pending.delete(event.data.id);
  });
  document.addEventListener("click", (event) => {
    const link = event.target.closest?.("a[href]");
    if (!link || event.defaultPrevented) return;
    event.preventDefault();
    const url = new URL(link.getAttribute("href"), document.baseURI);
    const here = new URL(document.baseURI);
    if (url.hash && url.origin === here.origin && url.pathname === here.pathname && url.search === here.search) {
      document.getElementById(decodeURIComponent(url.hash.slice(1)))?.scrollIntoView();
      return;
    }
    post({ type: "navigate", url: url.href, method: "GET" });
  });
  async function submit(form, submitter) {
    const method = (submitter?.getAttribute("formmethod") || form.getAttribute("method") || "GET").toUpperCase();
    const action = new URL(submitter?.getAttribute("formaction") || form.getAttribute("action") || document.baseURI, document.baseURI);
    const data = new FormData(form, submitter);
    if (method !== "POST") {
      action.search = new URLSearchParams([...data].map(([name, value]) => [name, typeof value === "string" ? value : value.name])).toString();
      post({ type: "navigate", url: action.href, method: "GET" });
      return;
    }
    const enctype = (submitter?.getAttribute("formenctype") || form.getAttribute("enctype") || "application/x-www-form-urlencoded").toLowerCase();
    // The browser's own encoders: multipart with its boundary, or urlencoded.
    const encoded = enctype === "multipart/form-data" ? new Response(data) : new Response(new URLSearchParams(data));
    const body = await encoded.arrayBuffer();
    post({ type: "navigate", url: action.href, method, contentType: encoded.headers.get("Content-Type"), body }, [body]);
  }
  document.addEventListener("submit", (event) => {
    if (event.defaultPrevented) return; // the page's own script handles it, as fetch() does
    event.preventDefault();
    submit(event.target, event.submitter);
  });
  HTMLFormElement.prototype.submit = function () {
    submit(this, null);
  };
  window.fetch = async (resource, options = {}) => {
    const request = new Request(new URL(resource instanceof Request ? resource.url : resource, document.baseURI), options);
    const body = ["GET", "HEAD"].includes(request.method) ? new ArrayBuffer(0) : await request.arrayBuffer();
    const id = nextId++;
    const answered = new Promise((resolve) => pending.set(id, resolve));
    post({ type: "fetch", id, url: request.url, method: request.method, headers: [...request.headers], body }, [body]);
    const answer = await answered;
    if (answer.error) throw new TypeError(answer.error);
    return new Response(answer.status === 204 || answer.status === 304 ? null : answer.body, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
  };
}

function typeOf(headers) {
  const type = (headerValue(headers, "Content-Type") ?? "").split(";")[0].trim();
  return type.split("/")[1]?.replace(/^x-/, "") ?? "";
}

function dataUrl(headers, bytes) {
  const type = (headerValue(headers, "Content-Type") ?? "application/octet-stream").split(";")[0].trim();
  return `data:${type};base64,${toBase64(bytes)}`;
}

// Cache-Control's directives, as a map of lower-case names to values (true when valueless).
function directives(headers) {
  const found = new Map();
  for (const part of (headerValue(headers, "Cache-Control") ?? "").split(",")) {
    const [name, value] = part.split("=").map((s) => s?.trim());
    if (name) found.set(name.toLowerCase(), value === undefined ? true : value.replace(/^"|"$/g, ""));
  }
  return found;
}

/** The browser of one panel; its ``view`` is the panel's "Browser" tab. */
export class Browser {
  constructor(panel, python) {
    this.panel = panel;
    this.python = python;
    this.entries = [];
    this.index = -1;
    this.cache = new Map();
    this.frame = null;
    this.build();
    addEventListener("message", (event) => this.receive(event));
  }

  build() {
    const id = `${this.panel.id}-browser`;
    const button = (text, label, action) => {
      const node = element("button", { type: "button", "aria-label": label, title: label, text });
      node.addEventListener("click", action);
      return node;
    };
    this.backButton = button("←", "Back", () => this.go(-1));
    this.forwardButton = button("→", "Forward", () => this.go(1));
    this.reloadButton = button("↻", "Reload", () => this.reload());
    this.address = element("input", { type: "text", spellcheck: "false", autocomplete: "off", "aria-label": "Address (a path of the example)" });
    const bar = element("form", { class: "live-address" }, this.backButton, this.forwardButton, this.reloadButton, this.address, element("button", { type: "submit", text: "Go" }));
    bar.addEventListener("submit", (event) => {
      event.preventDefault();
      const { url, notice } = this.typed(this.address.value);
      this.open({ method: "GET", url }, { notice });
    });
    this.frameHost = element("div", { class: "live-frame-host" });
    this.note = element("p", { class: "live-browser-note", role: "status" });
    this.log = element("tbody");
    const heads = ["Method", "Path", "Status", "Type", "Body", "Time", "Cache"].map((text) => element("th", { scope: "col", text }));
    const caption = `${this.panel.id}-network`;
    this.table = element("table", { class: "live-network", "aria-labelledby": caption }, element("thead", {}, element("tr", {}, ...heads)), this.log);
    this.clearButton = button("Clear the log", "Clear the log", () => this.log.replaceChildren());
    this.clearButton.textContent = "Clear the log";
    this.view = element(
      "div",
      { class: "live-browser", id, role: "tabpanel", hidden: "" },
      bar,
      this.note,
      this.frameHost,
      element("p", {
        class: "live-about",
        text:
          "This browser asks the example as the build did, through Flask's test client: its requests say Host: localhost " +
          "and User-Agent: Werkzeug, and the app's clock stands at the moment the site was built, so Date does not change. " +
          "A real browser sends headers of its own, such as Accept.",
      }),
      element("p", { class: "live-heading", id: caption, text: "Network: every exchange of these pages (a row's method opens its messages)" }),
      element("div", { class: "live-network-scroll", tabindex: "0", role: "region", "aria-labelledby": caption }, this.table),
      element("p", {}, this.clearButton),
    );
    this.updateButtons();
  }

  /**
   * The example's URL for what was typed in the address bar. A whole address
   * (``http://127.0.0.1:5000/lucky``, ``localhost:5000/``) keeps only its path
   * and query, since every address here reaches the example in the page;
   * ``notice`` then says so.
   */
  typed(text) {
    const value = text.trim();
    const whole = /^[a-z][a-z\d+.-]*:\/\//i.test(value) ? value : /^[^/?#]+:\d+(?:[/?#]|$)/.test(value) ? `http://${value}` : null;
    if (!whole) return { url: new URL(value.startsWith("/") ? value : `/${value}`, ORIGIN + "/").href };
    const url = new URL(whole);
    const path = url.pathname + url.search + url.hash;
    return {
      url: new URL(path, ORIGIN + "/").href,
      notice: `This browser reaches only the example running in this page: it asked it for ${path}, not ${url.host}.`,
    };
  }

  /** The tab was opened: load the first page, once. */
  show() {
    if (this.index >= 0) return;
    // The page around may hold no frame that loads a URL: the pages drawn here are srcdoc frames.
    if (!document.querySelector('meta[data-live-frames]')) {
      document.head.append(element("meta", { "http-equiv": "Content-Security-Policy", content: "frame-src 'none'", "data-live-frames": "" }));
    }
    this.open({ method: "GET", url: ORIGIN + this.startPath() });
  }

  /**
   * Where a visitor would start: the block's first HTML page that no redirect
   * of the block led to (that one shows what the earlier requests left, such as
   * a flash message, which this browser's fresh cookies do not have); else the
   * page of a form the block posts; else its first HTML page; else ``/``.
   */
  startPath() {
    const { requests, responses } = this.panel.block;
    const path = (target) => target.replace(/\{\{.*?\}\}/g, "");
    const led = new Set(responses.map((response) => headerValue(response.headers, "Location")).filter(Boolean).map((location) => new URL(location, ORIGIN + "/").pathname));
    const pages = requests.filter((request, i) => request.method === "GET" && (headerValue(responses[i].headers, "Content-Type") ?? "").startsWith("text/html"));
    const form = requests.find((request) => request.method === "POST" && /form/.test(headerValue(request.headers, "Content-Type") ?? ""));
    const start = pages.find((request) => !led.has(new URL(path(request.target), ORIGIN + "/").pathname)) ?? form ?? pages[0];
    return start ? path(start.target) : "/";
  }

  updateButtons() {
    this.backButton.disabled = this.index <= 0;
    this.forwardButton.disabled = this.index >= this.entries.length - 1;
  }

  receive(event) {
    if (!this.frame || event.source !== this.frame.contentWindow) return;
    const message = event.data;
    const url = typeof message?.url === "string" ? new URL(message.url) : null;
    if (!url) return;
    if (url.origin !== ORIGIN) {
      this.note.textContent = `This browser shows only the example's own pages; it does not follow ${url.href}.`;
      if (message.type === "fetch") event.source.postMessage({ type: "fetched", id: message.id, error: "Only the example's own URLs can be fetched here." }, "*");
      return;
    }
    if (message.type === "navigate") {
      const body = message.body instanceof ArrayBuffer ? new Uint8Array(message.body) : new Uint8Array();
      const headers = message.contentType ? [["Content-Type", message.contentType]] : [];
      this.open({ method: message.method === "POST" ? "POST" : "GET", url: url.href, headers, body });
    } else if (message.type === "fetch") {
      this.answerFetch(event.source, message, url);
    }
  }

  async answerFetch(source, message, url) {
    const headers = Array.isArray(message.headers) ? message.headers.filter((h) => h.length === 2).map(([k, v]) => [String(k), String(v)]) : [];
    const body = message.body instanceof ArrayBuffer ? new Uint8Array(message.body) : new Uint8Array();
    try {
      const answer = await this.request({ method: String(message.method).toUpperCase(), url: url.href, headers, body }, "fetch");
      const bytes = answer.bytes.slice().buffer;
      const [code, ...reason] = answer.status.split(" ");
      source.postMessage({ type: "fetched", id: message.id, status: Number(code), statusText: reason.join(" "), headers: answer.headers, body: bytes }, "*", [bytes]);
    } catch (error) {
      source.postMessage({ type: "fetched", id: message.id, error: error.message }, "*");
    }
  }

  /** Go to a new page, as a visitor does: follow redirects, then show it and add it to the history. */
  async open(request, { reload = false, replace = false, notice = "" } = {}) {
    this.view.dataset.state = "loading";
    this.note.textContent = notice;
    try {
      const { answer, url } = await this.follow(request, reload);
      const entry = { url, request: answer.finalRequest, answer };
      if (replace) this.entries[this.index] = entry;
      else {
        this.entries.splice(this.index + 1, Infinity, entry);
        this.index = this.entries.length - 1;
      }
      await this.render(entry);
    } catch (error) {
      this.note.textContent = `Could not show the page: ${error.message}`;
      this.view.dataset.state = "failed";
    }
    this.updateButtons();
  }

  async follow(request, reload) {
    let current = { headers: [], body: new Uint8Array(), ...request };
    for (let hops = 0; hops <= MAX_REDIRECTS; hops++) {
      const answer = await this.request(current, "document", { reload: reload && hops === 0 });
      const code = Number(answer.status.split(" ")[0]);
      const location = headerValue(answer.headers, "Location");
      if (!REDIRECTS.has(code) || !location) {
        answer.finalRequest = current;
        return { answer, url: current.url };
      }
      // As browsers do: 303, and 301 or 302 after a POST, go on with a GET; 307 and 308 repeat the request.
      const keep = code === 307 || code === 308;
      const again = keep || current.method === "HEAD" ? current.method : "GET";
      current = keep ? { ...current, url: new URL(location, current.url).href } : { method: again, url: new URL(location, current.url).href, headers: [], body: new Uint8Array() };
      if (new URL(current.url).origin !== ORIGIN) throw new Error(`it redirects out of the example, to ${current.url}`);
    }
    throw new Error(`more than ${MAX_REDIRECTS} redirects`);
  }

  go(step) {
    const index = this.index + step;
    if (index < 0 || index >= this.entries.length) return;
    this.index = index;
    const entry = this.entries[index];
    this.updateButtons();
    // As browsers do on back and forward (RFC 9111, section 6): the page as it
    // was, from the history's copy, never asked for again (a form is never
    // sent twice), and its stylesheets and images from the cache as they are.
    const here = new URL(entry.url);
    this.logRow({ method: entry.request.method, path: here.pathname + here.search, headers: [] }, { ...entry.answer, sent: null }, "document", 0, true);
    this.view.dataset.state = "loading";
    this.render(entry, { history: true });
  }

  reload() {
    const entry = this.entries[this.index];
    if (entry) this.open(entry.request, { reload: true, replace: true });
  }

  /**
   * One exchange with the example, through this browser's cache. Returns
   * {status, headers, bytes}; ``reload`` revalidates even a fresh answer, as a
   * browser's reload does for the page itself; ``history`` takes any stored
   * answer as it is, as a browser does on back and forward.
   */
  async request(request, kind, { reload = false, history = false } = {}) {
    const target = new URL(request.url);
    const path = target.pathname + target.search;
    const stored = request.method === "GET" ? this.cache.get(path) : undefined;
    const headers = [...request.headers];
    if (stored) {
      const rules = directives(stored.headers);
      const maxAge = Number(rules.get("max-age"));
      const age = (performance.now() - stored.at) / 1000;
      if (history || (!reload && !rules.has("no-cache") && Number.isFinite(maxAge) && age < maxAge)) {
        this.logRow({ method: "GET", path, headers: [] }, { ...stored, sent: null }, kind, 0, true);
        return stored;
      }
      const etag = headerValue(stored.headers, "ETag");
      const modified = headerValue(stored.headers, "Last-Modified");
      if (etag) headers.push(["If-None-Match", etag]);
      if (modified) headers.push(["If-Modified-Since", modified]);
    }
    await this.panel.loadIfChanged();
    const sent = { method: request.method, target: path, headers, body: toBase64(request.body) };
    const started = performance.now();
    const response = await this.python.send(this.panel.id, "browser", sent);
    const milliseconds = performance.now() - started;
    if (response.error) {
      this.logRow({ method: request.method, path, headers }, { status: "error", headers: [], bytes: new Uint8Array(), error: response.error }, kind, milliseconds, false);
      throw new Error(`the app raised an exception (see the network log)`);
    }
    let answer = { status: response.status, headers: response.headers, bytes: fromBase64(response.body), sent: response.sent };
    const code = Number(answer.status.split(" ")[0]);
    const typeFrom = code === 304 && stored ? stored.headers : answer.headers;
    this.logRow({ method: request.method, path, headers, body: request.body }, answer, kind, milliseconds, false, typeFrom);
    if (code === 304 && stored) {
      // The stored answer is still good: its headers are updated from the 304 (RFC 9111, 4.3.4).
      const updated = new Map(stored.headers.map(([k, v]) => [k.toLowerCase(), [k, v]]));
      for (const [k, v] of answer.headers) if (k.toLowerCase() !== "content-length") updated.set(k.toLowerCase(), [k, v]);
      answer = { ...stored, headers: [...updated.values()], at: performance.now() };
      this.cache.set(path, answer);
      return answer;
    }
    this.store(path, request.method, answer);
    return answer;
  }

  store(path, method, answer) {
    const rules = directives(answer.headers);
    const code = Number(answer.status.split(" ")[0]);
    const validators = headerValue(answer.headers, "ETag") || headerValue(answer.headers, "Last-Modified");
    if (method !== "GET" || code !== 200 || rules.has("no-store") || (!validators && !rules.has("max-age"))) return;
    this.cache.set(path, { ...answer, at: performance.now() });
  }

  logRow(request, answer, kind, milliseconds, fromCache, typeFrom = answer.headers) {
    const opener = element("button", { type: "button", "aria-expanded": "false", text: request.method });
    const row = element(
      "tr",
      { "data-status": answer.status.split(" ")[0], "data-path": request.path, "data-cache": fromCache ? "yes" : "no" },
      element("td", {}, opener),
      element("td", { class: "live-network-path", text: request.path }),
      element("td", { text: answer.status.split(" ")[0] }),
      element("td", { text: `${kind} ${typeOf(typeFrom)}`.trim() }),
      element("td", { text: `${answer.bytes.length.toLocaleString("en")} B` }),
      element("td", { text: fromCache ? "0 ms" : `${milliseconds.toFixed(0)} ms` }),
      element("td", { text: fromCache ? "from cache" : "" }),
    );
    opener.setAttribute("aria-label", `${request.method} ${request.path}: show the messages`);
    opener.addEventListener("click", () => {
      const open = opener.getAttribute("aria-expanded") === "true";
      opener.setAttribute("aria-expanded", String(!open));
      if (open) row.nextElementSibling?.remove();
      else row.after(this.messagesRow(request, answer, fromCache));
    });
    this.log.append(row);
  }

  messagesRow(request, answer, fromCache) {
    const cell = element("td", { colspan: "7", class: "live-network-messages" });
    if (fromCache) {
      cell.append(element("p", { text: "No request: the browser used the answer it had kept (fresh by its Cache-Control max-age, or the page itself on going back or forward)." }));
    } else {
      const headers = answer.sent ?? request.headers;
      cell.append(element("p", { class: "exchange-label", text: "Request" }), renderMessage(messageLines(`${request.method} ${request.path} HTTP/1.1`, headers, request.body ?? new Uint8Array())));
    }
    cell.append(element("p", { class: "exchange-label", text: "Response" }));
    if (answer.error) cell.append(element("pre", { class: "live-traceback", tabindex: "0", text: answer.error }));
    else cell.append(renderMessage(messageLines(`HTTP/1.1 ${answer.status}`, answer.headers, answer.bytes)));
    return element("tr", { class: "live-network-detail" }, cell);
  }

  /** Draw a page in a new frame, its subresources fetched first and written in. */
  async render(entry, { history = false } = {}) {
    const { answer, url } = entry;
    const here = new URL(url);
    this.address.value = here.pathname + here.search;
    const type = headerValue(answer.headers, "Content-Type") ?? "";
    const text = bodyText(answer.bytes);
    let html;
    if (type.startsWith("text/html") && text !== null) html = await this.inline(text, url, history);
    else if (type.startsWith("image/")) html = `<img alt="" src="${dataUrl(answer.headers, answer.bytes)}">`;
    else {
      const pre = document.createElement("pre");
      pre.textContent = text ?? `[${answer.bytes.length} bytes of binary data]`;
      html = `<!doctype html><html><body>${pre.outerHTML}</body></html>`;
    }
    // A new frame per page: setting srcdoc again would add to this tab's history.
    const frame = element("iframe", {
      class: "live-page",
      sandbox: "allow-scripts allow-forms",
      title: `The example's page ${here.pathname}${here.search}`,
      "data-path": here.pathname + here.search,
    });
    frame.srcdoc = html;
    const loaded = new Promise((resolve) => frame.addEventListener("load", resolve, { once: true }));
    // A link followed from the keyboard: the focus goes on into the new page, not back to the top.
    const focused = this.frame !== null && document.activeElement === this.frame;
    this.frameHost.replaceChildren(frame);
    this.frame = frame;
    await loaded;
    if (focused) frame.focus();
    this.view.dataset.state = "ready";
  }

  async inline(text, url, history) {
    const page = new DOMParser().parseFromString(text, "text/html");
    const fetchInto = async (node, attribute, kind) => {
      const value = node.getAttribute(attribute);
      const target = value && new URL(value, url);
      if (!target || target.origin !== ORIGIN) return;
      try {
        const answer = await this.request({ method: "GET", url: target.href, headers: [], body: new Uint8Array() }, kind, { history });
        let bytes = answer.bytes;
        if (kind === "stylesheet") bytes = encode(await this.inlineCss(bodyText(bytes) ?? "", target.href, history));
        node.setAttribute(attribute, dataUrl(answer.headers, bytes));
      } catch {
        node.removeAttribute(attribute);
      }
    };
    const jobs = [
      ...[...page.querySelectorAll("link[rel~=stylesheet][href]")].map((node) => fetchInto(node, "href", "stylesheet")),
      ...[...page.querySelectorAll("img[src]")].map((node) => fetchInto(node, "src", "image")),
      ...[...page.querySelectorAll("script[src]")].map((node) => fetchInto(node, "src", "script")),
      ...[...page.querySelectorAll("link[rel~=icon][href]")].map((node) => fetchInto(node, "href", "image")),
      ...[...page.querySelectorAll("style")].map(async (node) => (node.textContent = await this.inlineCss(node.textContent, url, history))),
    ];
    // All asked at once: Python answers them one at a time, in the page's order.
    await Promise.all(jobs);
    const head = page.head;
    const script = page.createElement("script");
    script.textContent = `(${frameShim})();`;
    const base = page.createElement("base");
    base.href = url;
    const policy = page.createElement("meta");
    policy.httpEquiv = "Content-Security-Policy";
    policy.content = FRAME_POLICY;
    head.prepend(policy, base, script);
    return `<!doctype html>${page.documentElement.outerHTML}`;
  }

  async inlineCss(css, url, history) {
    const references = [...css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)];
    let result = css;
    for (const [whole, , reference] of references) {
      const target = new URL(reference, url);
      if (target.origin !== ORIGIN) continue;
      try {
        const answer = await this.request({ method: "GET", url: target.href, headers: [], body: new Uint8Array() }, "image", { history });
        result = result.replace(whole, `url("${dataUrl(answer.headers, answer.bytes)}")`);
      } catch {
        // A missing image leaves the rule as it was; the log shows why.
      }
    }
    return result;
  }
}
