import test from "node:test";
import assert from "node:assert/strict";

import { htmlPages, servesHtml } from "../../theme/live/browser/start.js";

const html = "text/html; charset=utf-8";
const answer = (status, type) => ({ status, headers: [["Content-Type", type]], body: "PGgxPg==" });
const get = (target) => ({ method: "GET", target, headers: [] });
const block = (pairs) => ({ requests: pairs.map(([request]) => request), responses: pairs.map(([, response]) => response) });

test("an example serves HTML if any answer but a redirect's stub is an HTML page", () => {
  const json = block([[get("/api"), answer("200 OK", "application/json")]]);
  const stub = block([[get("/old"), answer("308 PERMANENT REDIRECT", html)]]);
  const missing = block([[get("/pizzas/hawaii"), answer("404 NOT FOUND", html)]]);
  assert.equal(servesHtml([json, stub]), false);
  assert.equal(servesHtml([json, missing]), true);
});

test("the pages to start at are the GETs answered 200 with HTML, each once, in order", () => {
  const first = block([[get("/api"), answer("200 OK", "application/json")], [get("/{{id}}welcome"), answer("200 OK", html)]]);
  const second = block([[{ ...get("/"), method: "POST" }, answer("200 OK", html)], [get("/welcome"), answer("200 OK", html)], [get("/x"), answer("404 NOT FOUND", html)]]);
  assert.deepEqual(htmlPages([first, second]), ["/welcome"]);
});
