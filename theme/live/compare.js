// Compares a live answer with the build's, line by line, and says why where
// a difference cannot be avoided. The differences and their reasons are those
// of plugins/example_core/differences.json, which the build and note 04 read
// too. No DOM.

import differences from "../../plugins/example_core/differences.json" with { type: "json" };
import { fromBase64, messageLines } from "./http.js";

const inTheBrowser = (entry) => entry.places.includes("browser");
const LIMITS = differences.browser_limits.filter(inTheBrowser).map(({ pattern, why }) => [new RegExp(pattern), why]);
const SET_HEADERS = differences.headers_listing_a_set.filter(inTheBrowser);

/** Why Python in the browser could not do what the build's did, or null. */
export function browserLimit(text) {
  return LIMITS.find(([pattern]) => text && pattern.test(text))?.[1] ?? null;
}

function sameMembers(a, b) {
  const members = (value) =>
    value
      .split(",")
      .map((item) => item.trim())
      .sort()
      .join(",");
  return members(a) === members(b);
}

// The live headers, with a set-listing header put in the build's order when it holds the same members.
function alignSetHeaders(builtHeaders, liveHeaders, reasons) {
  return liveHeaders.map(([name, value]) => {
    const listing = SET_HEADERS.find(({ header }) => header.toLowerCase() === name.toLowerCase());
    if (!listing) return [name, value];
    const built = builtHeaders.find(([key]) => key.toLowerCase() === name.toLowerCase());
    if (built && built[1] !== value && sameMembers(built[1], value)) {
      reasons.add(listing.why_in_the_browser);
      return [name, built[1]];
    }
    return [name, value];
  });
}

/** Two lists of lines merged by their longest common subsequence: the lines, and each one's kind. */
export function diff(before, after) {
  const lengths = Array.from({ length: before.length + 1 }, () => new Uint32Array(after.length + 1));
  for (let i = before.length - 1; i >= 0; i--) {
    for (let j = after.length - 1; j >= 0; j--) {
      lengths[i][j] = before[i] === after[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const lines = [];
  const kinds = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    if (i < before.length && j < after.length && before[i] === after[j]) {
      lines.push(after[j++]);
      kinds.push(undefined);
      i++;
    } else if (j < after.length && (i === before.length || lengths[i][j + 1] >= lengths[i + 1][j])) {
      lines.push(after[j++]);
      kinds.push("added");
    } else {
      lines.push(before[i++]);
      kinds.push("removed");
    }
  }
  return { lines, kinds };
}

/**
 * Compare a live answer with the build's. Returns ``verdict`` ("same",
 * "explained": same but for a known difference, "differs", "error"), the
 * lines to show with their kinds, and the reasons for any difference.
 */
export function compare(built, live) {
  const reasons = new Set();
  const why = browserLimit(live.exception ?? live.error);
  if (why) reasons.add(why);
  if (live.error) return { verdict: "error", lines: live.error.trimEnd().split("\n"), kinds: [], reasons: [...reasons] };
  const builtLines = messageLines(`HTTP/1.1 ${built.status}`, built.headers, fromBase64(built.body));
  const liveBody = fromBase64(live.body);
  const aligned = alignSetHeaders(built.headers, live.headers, reasons);
  const alignedLines = messageLines(`HTTP/1.1 ${live.status}`, aligned, liveBody);
  const liveLines = messageLines(`HTTP/1.1 ${live.status}`, live.headers, liveBody);
  if (built.body === live.body && alignedLines.join("\n") === builtLines.join("\n")) {
    return { verdict: reasons.size ? "explained" : "same", lines: liveLines, kinds: [], reasons: [...reasons] };
  }
  return { verdict: "differs", ...diff(builtLines, liveLines), reasons: [...reasons] };
}
