// The code injected into each page of the panel's browser, as its first
// script. It protects nothing: the frame's sandbox and policy do (frame.js).
// It only turns a visitor's actions into messages to the panel: link clicks
// and form submissions ("navigate"), and fetch() ("fetch", answered by "fetched").

/** The function written into the frame; it runs there, so it uses nothing from outside. */
export function frameShim() {
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
    const empty = answer.status === 204 || answer.status === 304;
    return new Response(empty ? null : answer.body, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
  };
}
