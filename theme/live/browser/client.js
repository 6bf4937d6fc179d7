// The browser's HTTP client: each request goes through the cache, and on to
// the example when the cache says so. Every exchange, from the cache or not,
// is told to ``onExchange`` (the network log listens). No DOM.

import { fromBase64, statusCode, toBase64 } from "../http.js";
import { targetOf } from "./address.js";
import { HttpCache } from "./cache.js";

/**
 * An exchange, as the client tells it: the request (``method``, ``path``,
 * ``headers``, ``body``), the ``answer`` ({status, headers, bytes, sent,
 * error, consoleLine: the id of its line on the Server tab}), its ``kind`` ("document", "stylesheet", "fetch"…),
 * ``milliseconds``, whether it came ``fromCache``, and the headers that give
 * its type (``typeHeaders``: a 304's are those of the stored answer).
 */
export function exchange(request, answer, kind, { milliseconds = 0, fromCache = false, typeHeaders = answer.headers } = {}) {
  return { ...request, answer, kind, milliseconds, fromCache, typeHeaders };
}

export class Client {
  /**
   * ``send(request)`` asks the example (``request`` as browser_runner.py takes
   * one) and resolves to its response; ``now()`` is the clock, in milliseconds.
   */
  constructor(send, { now = () => performance.now(), onExchange = () => {} } = {}) {
    this.send = send;
    this.now = now;
    this.onExchange = onExchange;
    this.cache = new HttpCache();
  }

  /**
   * One exchange with the example, through the cache; resolves to
   * {status, headers, bytes}. ``reload`` and ``history`` as for the cache's
   * ``lookup``.
   */
  async request(request, kind, options = {}) {
    const path = targetOf(request.url);
    const { use, stored, headers } = this.cache.lookup(request, path, this.now(), options);
    if (use) {
      this.onExchange(exchange({ method: "GET", path, headers: [] }, { ...use, sent: null, consoleLine: null }, kind, { fromCache: true }));
      return use;
    }
    const started = this.now();
    const response = await this.send({ method: request.method, target: path, headers, body: toBase64(request.body) });
    const milliseconds = this.now() - started;
    const sent = { method: request.method, path, headers, body: request.body };
    if (response.error) {
      const failed = { status: "error", headers: [], bytes: new Uint8Array(), error: response.error, consoleLine: response.consoleLine };
      this.onExchange(exchange(sent, failed, kind, { milliseconds }));
      const raised = new Error("the app raised an exception (see the network log)");
      raised.traceback = response.error;
      throw raised;
    }
    const answer = { status: response.status, headers: response.headers, bytes: fromBase64(response.body), sent: response.sent, consoleLine: response.consoleLine };
    const typeHeaders = statusCode(answer.status) === 304 && stored ? stored.headers : answer.headers;
    this.onExchange(exchange(sent, answer, kind, { milliseconds, typeHeaders }));
    return this.cache.receive(request, path, answer, stored, this.now());
  }

  /** A page shown again from the history: no request, and the log says so. */
  replayed(entry) {
    const answer = { ...entry.answer, sent: null, consoleLine: null };
    this.onExchange(exchange({ method: entry.request.method, path: targetOf(entry.url), headers: [] }, answer, "document", { fromCache: true }));
  }
}
