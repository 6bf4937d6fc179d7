// The browser's HTTP cache (RFC 9111), as plain data: what to do with a
// request, and what to keep of an answer. The clock is passed in, in
// milliseconds. No DOM, and no network: the client asks, the cache answers.

import { headerValue, statusCode } from "../http.js";

/** Cache-Control's directives, as a map of lower-case names to values (true when valueless). */
export function directives(headers) {
  const found = new Map();
  for (const part of (headerValue(headers, "Cache-Control") ?? "").split(",")) {
    const [name, value] = part.split("=").map((s) => s?.trim());
    if (name) found.set(name.toLowerCase(), value === undefined ? true : value.replace(/^"|"$/g, ""));
  }
  return found;
}

/** Whether a stored answer may be used without asking, ``now`` milliseconds on the clock it was stored by. */
export function isFresh(stored, now) {
  const rules = directives(stored.headers);
  const maxAge = Number(rules.get("max-age"));
  return !rules.has("no-cache") && Number.isFinite(maxAge) && (now - stored.at) / 1000 < maxAge;
}

/** Whether an answer to ``method`` may be stored: a 200 to a GET, not no-store, with a validator or a max-age. */
export function isStorable(method, answer) {
  const rules = directives(answer.headers);
  const validators = headerValue(answer.headers, "ETag") || headerValue(answer.headers, "Last-Modified");
  return method === "GET" && statusCode(answer.status) === 200 && !rules.has("no-store") && Boolean(validators || rules.has("max-age"));
}

/** The headers that ask whether a stored answer is still good: If-None-Match, If-Modified-Since. */
export function conditions(stored) {
  const etag = headerValue(stored.headers, "ETag");
  const modified = headerValue(stored.headers, "Last-Modified");
  return [...(etag ? [["If-None-Match", etag]] : []), ...(modified ? [["If-Modified-Since", modified]] : [])];
}

/** A stored answer's headers, updated by those of a 304 (RFC 9111, section 4.3.4). */
export function freshened(stored, notModified) {
  const updated = new Map(stored.headers.map(([name, value]) => [name.toLowerCase(), [name, value]]));
  for (const [name, value] of notModified.headers) {
    if (name.toLowerCase() !== "content-length") updated.set(name.toLowerCase(), [name, value]);
  }
  return [...updated.values()];
}

/** The answers one browser keeps, by the target they answered. */
export class HttpCache {
  constructor() {
    this.stored = new Map();
  }

  /**
   * What to do for a request: ``{use}``, a stored answer to take as it is,
   * or ``{stored, headers}``: ask, with ``headers`` (the request's, plus any
   * conditions for the stored answer). ``reload`` asks even for a fresh
   * answer, as a browser's reload does for the page itself; ``history``
   * takes any stored answer, as a browser does on back and forward.
   */
  lookup(request, target, now, { reload = false, history = false } = {}) {
    const stored = request.method === "GET" ? this.stored.get(target) : undefined;
    if (!stored) return { headers: [...request.headers] };
    if (history || (!reload && isFresh(stored, now))) return { use: stored };
    return { stored, headers: [...request.headers, ...conditions(stored)] };
  }

  /** Take the example's answer; returns the answer to use (for a 304, the stored one, freshened). */
  receive(request, target, answer, stored, now) {
    if (statusCode(answer.status) === 304 && stored) {
      const kept = { ...stored, headers: freshened(stored, answer), at: now };
      this.stored.set(target, kept);
      return kept;
    }
    if (isStorable(request.method, answer)) this.stored.set(target, { ...answer, at: now });
    return answer;
  }
}
