// The reader's changes to a file, against the file as the build ran it: the
// lines that differ (compare.js's line diff), each with a little of what is
// around it, as a code review shows them. No DOM.

import { diff } from "./compare.js";

// Lines kept on each side of a change, as `diff -U2` would.
const CONTEXT = 2;

/**
 * The lines to show of a file changed from ``before`` to ``after``: each a
 * ``[kind, text]``, kind "added", "removed" or "same"; ``null`` stands for
 * lines left out between two changes. Empty when nothing changed.
 */
export function changedLines(before, after) {
  if (before === after) return [];
  const { lines, kinds } = removedFirst(diff(before.split("\n"), after.split("\n")));
  const near = (index) => kinds.slice(Math.max(0, index - CONTEXT), index + CONTEXT + 1).some(Boolean);
  const shown = [];
  lines.forEach((line, index) => {
    if (near(index)) shown.push([kinds[index] ?? "same", line]);
    else if (shown.length > 0 && shown.at(-1) !== null) shown.push(null);
  });
  if (shown.at(-1) === null) shown.pop();
  return shown;
}

// In each run of changed lines, the removed ones first, as `diff -u` has them.
function removedFirst({ lines, kinds }) {
  const order = [];
  let run = [];
  const flush = () => {
    order.push(...run.filter((index) => kinds[index] === "removed"), ...run.filter((index) => kinds[index] === "added"));
    run = [];
  };
  kinds.forEach((kind, index) => {
    if (kind) run.push(index);
    else {
      flush();
      order.push(index);
    }
  });
  flush();
  return { lines: order.map((index) => lines[index]), kinds: order.map((index) => kinds[index]) };
}

/** The files of ``current`` (path to text) whose text is not that of ``original``'s same path. */
export function editedFiles(original, current) {
  const edited = {};
  for (const [path, text] of Object.entries(current)) {
    if (original[path]?.text !== undefined && original[path].text !== text) edited[path] = text;
  }
  return edited;
}
