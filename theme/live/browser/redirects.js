// Redirects followed as browsers follow them (the Fetch standard). No DOM.

import { headerValue, statusCode } from "../http.js";
import { isOwn } from "./address.js";

export const MAX_REDIRECTS = 20;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * The request a redirect leads to, or null when ``answer`` is no redirect.
 * 303, and 301 or 302 after a POST, go on with a GET; 307 and 308 repeat
 * the request. Throws for a redirect out of the example.
 */
export function redirected(request, answer) {
  const code = statusCode(answer.status);
  const location = headerValue(answer.headers, "Location");
  if (!REDIRECTS.has(code) || !location) return null;
  const url = new URL(location, request.url).href;
  if (!isOwn(url)) throw new Error(`it redirects out of the example, to ${url}`);
  if (code === 307 || code === 308) return { ...request, url };
  // A HEAD stays a HEAD: nothing asked for a body.
  const method = request.method === "HEAD" ? "HEAD" : "GET";
  return { method, url, headers: [], body: new Uint8Array() };
}

/**
 * Send ``request`` with ``send(request, hops)`` and follow its redirects;
 * resolves to the last answer and the request that got it.
 */
export async function follow(request, send) {
  let current = { headers: [], body: new Uint8Array(), ...request };
  for (let hops = 0; hops <= MAX_REDIRECTS; hops++) {
    const answer = await send(current, hops);
    const next = redirected(current, answer);
    if (!next) return { answer, request: current };
    current = next;
  }
  throw new Error(`more than ${MAX_REDIRECTS} redirects`);
}
