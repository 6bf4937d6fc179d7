import assert from "node:assert/strict";
import { test } from "node:test";

import { encode, toBase64 } from "../../theme/live/http.js";
import { ORIGIN } from "../../theme/live/browser/address.js";
import { Client } from "../../theme/live/browser/client.js";

// A client whose example answers from ``answers`` (by target), on a clock the test moves.
function client(answers) {
  const clock = { now: 0 };
  const sent = [];
  const exchanges = [];
  const send = async (request) => (sent.push(request), answers[request.target](request));
  const browser = new Client(send, { now: () => clock.now, onExchange: (exchange) => exchanges.push(exchange) });
  return { browser, clock, sent, exchanges };
}

const get = (path) => ({ method: "GET", url: ORIGIN + path, headers: [], body: new Uint8Array() });
const response = (status, headers, body = "") => ({ status, headers, body: toBase64(encode(body)), sent: [["Host", "localhost"]] });

test("each exchange is told, with what the log shows; a fresh answer comes from the cache", async () => {
  const { browser, sent, exchanges } = client({ "/s.css?v=1": () => response("200 OK", [["Content-Type", "text/css"], ["Cache-Control", "max-age=60"]], "a{}") });
  const first = await browser.request(get("/s.css?v=1"), "stylesheet");
  const again = await browser.request(get("/s.css?v=1"), "stylesheet");
  assert.equal(sent.length, 1);
  assert.equal(again.bytes, first.bytes);
  assert.deepEqual(
    exchanges.map(({ method, path, kind, fromCache, answer }) => [method, path, kind, fromCache, answer.status]),
    [
      ["GET", "/s.css?v=1", "stylesheet", false, "200 OK"],
      ["GET", "/s.css?v=1", "stylesheet", true, "200 OK"],
    ],
  );
  assert.deepEqual(exchanges[0].answer.sent, [["Host", "localhost"]]);
});

test("a 304 is logged as such, typed by the stored answer, and the stored answer is used", async () => {
  let etag = null;
  const answers = {
    "/": (request) => {
      etag = request.headers.find(([name]) => name === "If-None-Match")?.[1] ?? null;
      return etag ? response("304 NOT MODIFIED", [["ETag", '"1"']]) : response("200 OK", [["Content-Type", "text/html"], ["ETag", '"1"']], "<p>hi");
    },
  };
  const { browser, exchanges } = client(answers);
  await browser.request(get("/"), "document");
  const used = await browser.request(get("/"), "document");
  assert.equal(etag, '"1"');
  assert.equal(exchanges[1].answer.status, "304 NOT MODIFIED");
  assert.deepEqual(exchanges[1].typeHeaders[0], ["Content-Type", "text/html"]);
  assert.equal(new TextDecoder().decode(used.bytes), "<p>hi");
});

test("an exception in the app is logged, and fails the request", async () => {
  const { browser, exchanges } = client({ "/boom": () => ({ error: "Traceback: ZeroDivisionError" }) });
  await assert.rejects(browser.request(get("/boom"), "fetch"), /the app raised an exception/);
  assert.equal(exchanges[0].answer.status, "error");
  assert.equal(exchanges[0].answer.error, "Traceback: ZeroDivisionError");
});

test("a page shown again from the history is logged as from the cache, with no request", async () => {
  const { browser, sent, exchanges } = client({});
  const entry = { url: `${ORIGIN}/form?x=1`, request: { method: "POST" }, answer: { status: "200 OK", headers: [], bytes: new Uint8Array(), sent: [] } };
  browser.replayed(entry);
  assert.equal(sent.length, 0);
  assert.deepEqual([exchanges[0].method, exchanges[0].path, exchanges[0].fromCache, exchanges[0].answer.sent], ["POST", "/form?x=1", true, null]);
});
