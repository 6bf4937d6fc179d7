import assert from "node:assert/strict";
import { test } from "node:test";

import differences from "../../plugins/example_core/differences.json" with { type: "json" };
import { browserLimit, compare, diff } from "../../theme/live/compare.js";
import { encode, toBase64 } from "../../theme/live/http.js";

const answer = (status, headers, body = "") => ({ status, headers, body: toBase64(encode(body)) });
const allow = differences.headers_listing_a_set.find(({ header }) => header === "Allow");

test("the same answer is the same", () => {
  const built = answer("200 OK", [["Content-Type", "text/plain"]], "hi");
  assert.equal(compare(built, { ...built }).verdict, "same");
});

test("Allow's methods in another order are explained, with the shared reason", () => {
  const result = compare(answer("200 OK", [["Allow", "GET, HEAD, OPTIONS"]]), answer("200 OK", [["Allow", "OPTIONS, GET, HEAD"]]));
  assert.equal(result.verdict, "explained");
  assert.deepEqual(result.reasons, [allow.why_in_the_browser]);
  assert.ok(result.lines.includes("Allow: OPTIONS, GET, HEAD"), "the live answer is shown as it came");
});

test("Allow with other methods differs", () => {
  const result = compare(answer("200 OK", [["Allow", "GET, HEAD"]]), answer("200 OK", [["Allow", "GET, POST"]]));
  assert.equal(result.verdict, "differs");
  assert.deepEqual(result.kinds, [undefined, "added", "removed"]);
});

test("a body that differs marks the lines", () => {
  const result = compare(answer("200 OK", [], "a\nb"), answer("200 OK", [], "a\nc"));
  assert.equal(result.verdict, "differs");
  assert.deepEqual(
    result.lines.map((line, i) => [result.kinds[i] ?? "", line]),
    [
      ["", "HTTP/1.1 200 OK"],
      ["", ""],
      ["", "a"],
      ["added", "c"],
      ["removed", "b"],
    ],
  );
});

test("an error the browser's Python cannot avoid gives the shared reason", () => {
  const error = "zoneinfo._common.ZoneInfoNotFoundError: 'No time zone found with key Europe/Paris'";
  const result = compare(answer("200 OK", []), { error });
  assert.equal(result.verdict, "error");
  assert.deepEqual(result.reasons, [differences.browser_limits[0].why]);
  assert.equal(browserLimit("AttributeError: module 'hashlib' has no attribute 'scrypt'"), null);
  assert.equal(browserLimit("KeyError: 'x'"), null);
});

test("the diff of two lists keeps what they share", () => {
  assert.deepEqual(diff(["a", "b"], ["a", "b"]), { lines: ["a", "b"], kinds: [undefined, undefined] });
  assert.deepEqual(diff([], ["x"]), { lines: ["x"], kinds: ["added"] });
});
