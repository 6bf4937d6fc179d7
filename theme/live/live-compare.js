// Compares a live answer with the build's, line by line, and says why where
// a difference cannot be avoided. Every such difference is listed here, in
// one place, each with the reason the panel shows.

import { fromBase64, messageLines } from "./live-http.js";

// Headers whose value Flask or Werkzeug builds from a Python set.
const SET_HEADERS = ["allow"];

export const REASONS = {
  setOrder:
    "The methods in Allow come in another order. Werkzeug collects them in a Python set, and a set's " +
    "order follows the hashes of its strings. The build's Python (64-bit) hashes strings with SipHash; " +
    "the Python in your browser (32-bit WebAssembly) uses FNV, so even with the same PYTHONHASHSEED " +
    "the order differs. Allow lists a set of methods (RFC 9110, section 10.2.1): the same methods, the same answer.",
  noOpenSSL:
    "Python in your browser (Pyodide) is built without OpenSSL, so its hashlib has no scrypt or " +
    "pbkdf2_hmac, which Werkzeug's generate_password_hash and check_password_hash use. The build's " +
    "Python has them, and so does the Python on your computer: run the example there to see this answer.",
  noTimeZones:
    "Python in your browser has no time zone database (tzdata), so zoneinfo cannot find the zone. " +
    "The build's Python, and yours, have it.",
};

// Failures that come from the Python in the browser, not from the example.
const BROWSER_LIMITS = [
  [/has no attribute '(scrypt|pbkdf2_hmac)'|unsupported hash type|hashlib\.(scrypt|pbkdf2_hmac)/, REASONS.noOpenSSL],
  [/ZoneInfoNotFoundError|No time zone found/, REASONS.noTimeZones],
];

/** Why Python in the browser could not do what the build's did, or null. */
export function browserLimit(text) {
  return BROWSER_LIMITS.find(([pattern]) => text && pattern.test(text))?.[1] ?? null;
}

function sameMembers(a, b) {
  const members = (value) => value.split(",").map((item) => item.trim()).sort().join(",");
  return members(a) === members(b);
}

// The live headers, with a set-built header put in the build's order when it holds the same members.
function alignSetHeaders(builtHeaders, liveHeaders, reasons) {
  return liveHeaders.map(([name, value]) => {
    if (!SET_HEADERS.includes(name.toLowerCase())) return [name, value];
    const built = builtHeaders.find(([key]) => key.toLowerCase() === name.toLowerCase());
    if (built && built[1] !== value && sameMembers(built[1], value)) {
      reasons.add(REASONS.setOrder);
      return [name, built[1]];
    }
    return [name, value];
  });
}

// The longest common subsequence of two lists of lines, as a list of kinds for a merged listing.
function diff(before, after) {
  const rows = before.length + 1;
  const cols = after.length + 1;
  const lengths = Array.from({ length: rows }, () => new Uint32Array(cols));
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
 * "explained": same but for a difference listed above, "differs", "error"),
 * the lines to show with their kinds, and the reasons for any difference.
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
  const sameBytes = built.body === live.body;
  if (sameBytes && alignedLines.join("\n") === builtLines.join("\n")) {
    return { verdict: reasons.size ? "explained" : "same", lines: liveLines, kinds: [], reasons: [...reasons] };
  }
  return { verdict: "differs", ...diff(builtLines, liveLines), reasons: [...reasons] };
}
