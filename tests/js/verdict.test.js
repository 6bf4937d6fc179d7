import assert from "node:assert/strict";
import { test } from "node:test";

import { verdictSentence } from "../../theme/live/verdict.js";

const check = (passed, expected, actual, extra = {}) => ({ summary: "GET /old", field: "Status", passed, expected, actual, ...extra });

test("all passed says solved", () => {
  assert.equal(verdictSentence({ passed: true, checks: [check(true, "308", "308"), check(true, "/new", "/new")] }), "All 2 checks passed: solved!");
});

test("a failure says the count, then the first failure's expected and actual", () => {
  const verdict = { passed: false, checks: [check(true, "200 OK", "200 OK"), check(false, "308 PERMANENT REDIRECT", "404 NOT FOUND"), check(false, "/new", null)] };
  assert.equal(verdictSentence(verdict), "1 of 3 checks passed. First failure: GET /old, Status: expected 308 PERMANENT REDIRECT, your app gave 404 NOT FOUND.");
});

test("a missing value is said as such, and an exception as an exception", () => {
  assert.match(verdictSentence({ passed: false, checks: [check(false, "/new", null)] }), /your app gave \(not in the response\)\.$/);
  assert.match(verdictSentence({ passed: false, checks: [check(false, "/new", null, { raised: true })] }), /GET \/old: your app raised an exception\.$/);
});

test("an app that printed nothing is said as nothing, not as an empty value", () => {
  const failed = check(false, "/books", "", { field: "Console (a line must contain each expected line)" });
  assert.match(verdictSentence({ passed: false, checks: [failed] }), /expected \/books, your app gave \(nothing\)\.$/);
});
