// Addresses in the panel's browser: every page is the example's, under one
// made-up origin. No DOM.

import { headerValue, mediaType, statusCode } from "../http.js";

export const ORIGIN = "http://app.invalid";

/** Whether ``url`` (a URL or its text) is one of the example's own. */
export function isOwn(url) {
  return new URL(url).origin === ORIGIN;
}

/** The path and query of a URL, as a request's target. */
export function targetOf(url) {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

/**
 * The example's URL for what was typed in the address bar. A whole address
 * (``http://127.0.0.1:5000/lucky``, ``localhost:5000/``) keeps only its path
 * and query, since every address here reaches the example in the page;
 * ``notice`` then says so.
 */
export function typed(text) {
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

/**
 * Where a visitor would start, for a block's ``requests`` and the build's
 * ``responses``, at a page that answered 200 with HTML when the block has
 * one: its first such page that no redirect of the block led to (a page a
 * redirect led to shows what the earlier requests left, such as a flash
 * message, which this browser's fresh cookies do not have); else the page a
 * form's redirect led back to, when that is the form target's parent (a
 * form posted to /events/1/join that leads back to /events/1, the page
 * holding it); else the page of a form the block posts; else its first page;
 * else the first of the example's ``known`` pages (see start.js); else ``/``.
 */
export function startPath(requests, responses, known = []) {
  const path = (target) => target.replace(/\{\{.*?\}\}/g, "");
  const pathname = (target) => new URL(path(target), ORIGIN + "/").pathname;
  const location = (i) => headerValue(responses[i].headers, "Location");
  const led = new Set(responses.map((_, i) => location(i)).filter(Boolean).map(pathname));
  const pages = requests.filter(
    (request, i) => request.method === "GET" && statusCode(responses[i].status) === 200 && mediaType(responses[i].headers) === "text/html",
  );
  const forms = requests.flatMap((request, i) =>
    request.method === "POST" && /form/.test(headerValue(request.headers, "Content-Type") ?? "") ? [[request, location(i)]] : [],
  );
  const parent = (target) => pathname(target).replace(/\/[^/]*\/?$/, "") || "/";
  const holding = ([form, to]) => to && parent(form.target) === pathname(to);
  const back = forms.find(holding);
  const start =
    pages.find((request) => !led.has(pathname(request.target))) ??
    (back && pages.find((request) => pathname(request.target) === pathname(back[1]))) ??
    forms[0]?.[0] ??
    pages[0];
  return start ? path(start.target) : (known[0] ?? "/");
}
