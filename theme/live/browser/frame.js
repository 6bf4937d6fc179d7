// The page on show in the panel's browser, each in a new frame, sandboxed
// with scripts and forms only, so it has an opaque origin: it cannot reach
// this page, its cookies, its storage or the network. Its stylesheets,
// images and scripts are fetched from the example first and written into it
// as data: URLs, and a policy in the page forbids everything else.
// frame-shim.js, written in too, turns a visitor's actions into messages;
// this view accepts only those, from the frame it made, and hands them on.

import { element } from "../dom.js";
import { bodyText, dataUrl, encode, mediaType } from "../http.js";
import { isOwn, targetOf } from "./address.js";
import { frameShim } from "./frame-shim.js";

// What the page in the frame may load: only what this view wrote into it.
const FRAME_POLICY =
  "default-src 'none'; script-src 'unsafe-inline' data:; style-src 'unsafe-inline' data:; " +
  "img-src data: blob:; font-src data:; media-src data: blob:; form-action 'none'";

const SUBRESOURCES = [
  ["link[rel~=stylesheet][href]", "href", "stylesheet"],
  ["img[src]", "src", "image"],
  ["script[src]", "src", "script"],
  ["link[rel~=icon][href]", "href", "image"],
];

function bytesOf(body) {
  return body instanceof ArrayBuffer ? new Uint8Array(body) : new Uint8Array();
}

// A page made here, not by the example: text shown as it is, its line breaks kept.
function page(title, ...nodes) {
  const made = document.implementation.createHTMLDocument(title);
  made.documentElement.lang = "en";
  made.body.append(...nodes);
  return `<!doctype html>${made.documentElement.outerHTML}`;
}

function textPage(text, path) {
  return page(path, element("pre", { text }));
}

function tracebackPage(traceback) {
  const style = "white-space: pre-wrap; overflow-wrap: anywhere";
  const title = "The app raised an exception";
  return page(title, element("h1", { text: title }), element("p", { text: "Fix the app, then Reload." }), element("pre", { text: traceback, style }));
}

export class FrameView {
  /**
   * ``request(request, kind, options)`` fetches through the browser's
   * client; ``onNavigate(request)`` is told of a link followed or a form
   * sent; ``onRefused(url)`` of an address outside the example.
   */
  constructor({ request, onNavigate, onRefused }) {
    this.request = request;
    this.onNavigate = onNavigate;
    this.onRefused = onRefused;
    this.frame = null;
    this.renders = 0;
    this.view = element("div", { class: "live-frame-host", tabindex: "-1" });
    addEventListener("message", (event) => this.receive(event));
  }

  receive(event) {
    if (!this.frame || event.source !== this.frame.contentWindow) return;
    const message = event.data;
    if (typeof message?.url !== "string") return;
    const url = new URL(message.url);
    if (!isOwn(url)) {
      this.onRefused(url);
      if (message.type === "fetch") event.source.postMessage({ type: "fetched", id: message.id, error: "Only the example's own URLs can be fetched here." }, "*");
      return;
    }
    if (message.type === "navigate") {
      const headers = message.contentType ? [["Content-Type", message.contentType]] : [];
      this.onNavigate({ method: message.method === "POST" ? "POST" : "GET", url: url.href, headers, body: bytesOf(message.body) });
    } else if (message.type === "fetch") {
      this.answerFetch(event.source, message, url);
    }
  }

  async answerFetch(source, message, url) {
    const headers = Array.isArray(message.headers) ? message.headers.filter((h) => h.length === 2).map(([k, v]) => [String(k), String(v)]) : [];
    try {
      const answer = await this.request({ method: String(message.method).toUpperCase(), url: url.href, headers, body: bytesOf(message.body) }, "fetch");
      const bytes = answer.bytes.slice().buffer;
      const [code, ...reason] = answer.status.split(" ");
      source.postMessage({ type: "fetched", id: message.id, status: Number(code), statusText: reason.join(" "), headers: answer.headers, body: bytes }, "*", [bytes]);
    } catch (error) {
      source.postMessage({ type: "fetched", id: message.id, error: error.message }, "*");
    }
  }

  /**
   * Draw a history entry's page in a new frame, its subresources fetched
   * first and written in. Resolves to false if a later page was drawn first.
   */
  async render({ answer, url }, { history = false } = {}) {
    const turn = ++this.renders;
    const type = mediaType(answer.headers);
    const text = bodyText(answer.bytes);
    let html;
    if (answer.error !== undefined) html = tracebackPage(answer.error);
    else if (type === "text/html" && text !== null) html = await this.inline(text, url, history);
    else if (type.startsWith("image/")) html = `<img alt="" src="${dataUrl(answer.headers, answer.bytes)}">`;
    else html = textPage(text ?? `[${answer.bytes.length} bytes of binary data]`, targetOf(url));
    if (turn !== this.renders) return false;
    // A new frame per page: setting srcdoc again would add to this tab's history.
    const path = targetOf(url);
    const frame = element("iframe", { class: "live-page", sandbox: "allow-scripts allow-forms", title: `The example's page ${path}`, "data-path": path });
    frame.srcdoc = html;
    const loaded = new Promise((resolve) => frame.addEventListener("load", resolve, { once: true }));
    // A link followed from the keyboard: the focus goes on into the new page, not back to the
    // top. The frame takes it at once (it never falls to the body meanwhile); once loaded, the
    // frame is focused again from its host, which moves the keyboard into its page. Calling the
    // page's window.focus() instead did nothing in Chromium when the page took seconds to come.
    const focused = this.frame !== null && document.activeElement === this.frame;
    this.view.replaceChildren(frame);
    this.frame = frame;
    if (focused) frame.focus();
    await loaded;
    if (focused && document.activeElement === frame) {
      this.view.focus();
      frame.focus();
    }
    return turn === this.renders;
  }

  async inline(text, url, history) {
    const page = new DOMParser().parseFromString(text, "text/html");
    const fetchInto = async (node, attribute, kind) => {
      const value = node.getAttribute(attribute);
      const target = value && new URL(value, url);
      if (!target || !isOwn(target)) return;
      try {
        const answer = await this.request({ method: "GET", url: target.href, headers: [], body: new Uint8Array() }, kind, { history });
        let bytes = answer.bytes;
        if (kind === "stylesheet") bytes = encode(await this.inlineCss(bodyText(bytes) ?? "", target.href, history));
        node.setAttribute(attribute, dataUrl(answer.headers, bytes));
      } catch {
        node.removeAttribute(attribute);
      }
    };
    // All asked at once: Python answers them one at a time, in the page's order.
    await Promise.all([
      ...SUBRESOURCES.flatMap(([selector, attribute, kind]) => [...page.querySelectorAll(selector)].map((node) => fetchInto(node, attribute, kind))),
      ...[...page.querySelectorAll("style")].map(async (node) => (node.textContent = await this.inlineCss(node.textContent, url, history))),
    ]);
    const script = page.createElement("script");
    script.textContent = `(${frameShim})();`;
    const base = page.createElement("base");
    base.href = url;
    const policy = page.createElement("meta");
    policy.httpEquiv = "Content-Security-Policy";
    policy.content = FRAME_POLICY;
    page.head.prepend(policy, base, script);
    return `<!doctype html>${page.documentElement.outerHTML}`;
  }

  async inlineCss(css, url, history) {
    let result = css;
    for (const [whole, , reference] of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) {
      const target = new URL(reference, url);
      if (!isOwn(target)) continue;
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
