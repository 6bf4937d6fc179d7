import assert from "node:assert/strict";
import { test } from "node:test";

import { History } from "../../theme/live/browser/history.js";

test("back and forward move through the pages seen", () => {
  const history = new History();
  assert.equal(history.current, undefined);
  history.visit("a");
  history.visit("b");
  assert.ok(history.canGoBack && !history.canGoForward);
  assert.equal(history.go(-1), "a");
  assert.ok(!history.canGoBack && history.canGoForward);
  assert.equal(history.go(-1), null, "nothing before the first page");
  assert.equal(history.go(1), "b");
});

test("a new page drops the pages after the one shown", () => {
  const history = new History();
  ["a", "b", "c"].forEach((entry) => history.visit(entry));
  history.go(-2);
  history.visit("d");
  assert.deepEqual(history.entries, ["a", "d"]);
  assert.ok(!history.canGoForward);
});

test("a reload replaces the page shown", () => {
  const history = new History();
  history.visit("a");
  history.visit("b");
  history.go(-1);
  history.visit("a again", { replace: true });
  assert.deepEqual(history.entries, ["a again", "b"]);
  assert.equal(history.current, "a again");
});
