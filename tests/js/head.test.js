import assert from "node:assert/strict";
import { test } from "node:test";

import { headParts, messageParts } from "../../theme/live/head.js";

test("a status line colours the status, a request line its method and path", () => {
  assert.deepEqual(headParts("HTTP/1.1 404 NOT FOUND", 0), [
    [null, "HTTP/1.1 "],
    ["ne", "404 NOT FOUND"],
  ]);
  assert.deepEqual(headParts("GET /a?b=c HTTP/1.1", 0), [
    ["nf", "GET /a?b=c"],
    [null, " HTTP/1.1"],
  ]);
});

test("a header colours its name", () => {
  assert.deepEqual(headParts("Content-Type:  text/html", 1), [
    ["na", "Content-Type"],
    [null, ": text/html"],
  ]);
});

test("a line that is neither stays plain", () => {
  assert.deepEqual(headParts("no colon here", 1), [[null, "no colon here"]]);
});

test("the body is plain, even where it looks like a header", () => {
  const parts = messageParts(["HTTP/1.1 200 OK", "A: b", "", "Not: a header"]);
  assert.deepEqual(parts[3], [[null, "Not: a header"]]);
});

test("a blank line marked as a difference does not end the head", () => {
  const parts = messageParts(["HTTP/1.1 200 OK", "", "A: b"], [undefined, "removed", undefined]);
  assert.deepEqual(parts[2], [
    ["na", "A"],
    [null, ": b"],
  ]);
});
