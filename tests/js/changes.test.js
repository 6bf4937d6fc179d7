import assert from "node:assert/strict";
import { test } from "node:test";

import { changedLines, editedFiles } from "../../theme/live/changes.js";

const numbered = (count) => Array.from({ length: count }, (_, index) => `line ${index + 1}`);

test("an unchanged file has no lines to show", () => {
  assert.deepEqual(changedLines("a\nb\n", "a\nb\n"), []);
});

test("a changed line shows as removed then added, with two lines around it", () => {
  const before = numbered(9);
  const after = before.with(4, "line five");
  assert.deepEqual(changedLines(before.join("\n"), after.join("\n")), [
    ["same", "line 3"],
    ["same", "line 4"],
    ["removed", "line 5"],
    ["added", "line five"],
    ["same", "line 6"],
    ["same", "line 7"],
  ]);
});

test("lines far from any change are left out, once between two changes", () => {
  const before = numbered(20);
  const after = [...before.slice(0, 19), "line 20 changed"].toSpliced(1, 1);
  const shown = changedLines(before.join("\n"), after.join("\n"));
  assert.deepEqual(shown.slice(0, 4), [
    ["same", "line 1"],
    ["removed", "line 2"],
    ["same", "line 3"],
    ["same", "line 4"],
  ]);
  assert.equal(shown[4], null);
  assert.equal(shown.filter((line) => line === null).length, 1);
  assert.deepEqual(shown.at(-1), ["added", "line 20 changed"]);
});

test("only text files that differ from the build's count as edited", () => {
  const original = { "app.py": { text: "a" }, "b.py": { text: "b" }, "logo.png": { base64: "AA==" } };
  assert.deepEqual(editedFiles(original, { "app.py": "a", "b.py": "c", "logo.png": "x", "gone.py": "y" }), { "b.py": "c" });
});
