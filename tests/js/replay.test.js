import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";

import { encode } from "../../theme/live/http.js";
import { curlCommand, harLog, shellWord } from "../../theme/live/browser/replay.js";

// The words bash makes of ``command`` once it has parsed it, its first word swapped for a printer.
function parsedByBash(command) {
  const printer = 'words() { for word in "$@"; do printf "%s\\0" "$word"; done; }; ';
  const output = execFileSync("bash", ["-c", printer + command.replace(/^curl /, "words ")]);
  return output.toString("latin1").split("\0").slice(0, -1);
}

const posted = {
  method: "POST",
  path: "/guestbook?page=2",
  headers: [],
  body: encode("name=O'Hara & $HOME `id`\n"),
  answer: {
    status: "303 SEE OTHER",
    headers: [["Location", "/"], ["Set-Cookie", "session=abc; HttpOnly; Path=/"], ["Content-Type", "text/html; charset=utf-8"]],
    bytes: encode("<p>see /</p>"),
    sent: [["Host", "localhost"], ["User-Agent", "Werkzeug/3.1.9"], ["Content-Type", "application/x-www-form-urlencoded"], ["Content-Length", "25"], ["Cookie", "session=old; theme=dark"]],
  },
  kind: "document",
  milliseconds: 12.5,
  fromCache: false,
  at: Date.UTC(2026, 0, 2, 3, 4, 5),
};

test("a shell word gives bash back exactly the bytes, quotes and all", () => {
  for (const text of ["plain", "it's", "$HOME `id` \\ \"", "tab\there", "line\nbreak", "caf\u00e9"]) {
    assert.deepEqual(parsedByBash(`curl ${shellWord(text)}`), [text]);
  }
  assert.equal(shellWord("it's"), `'it'\\''s'`);
});

test("copy as curl: the request as sent, less what curl writes itself, for flask run", () => {
  const command = curlCommand(posted);
  assert.deepEqual(parsedByBash(command), [
    "http://127.0.0.1:5000/guestbook?page=2",
    "-H",
    "User-Agent: Werkzeug/3.1.9",
    "-H",
    "Content-Type: application/x-www-form-urlencoded",
    "-H",
    "Cookie: session=old; theme=dark",
    "-H",
    "Accept:",
    "-H",
    "Expect:",
    "--data-raw",
    "name=O'Hara & $HOME `id`\n",
  ]);
  const deleted = { ...posted, method: "DELETE", body: new Uint8Array(), answer: { ...posted.answer, sent: [["Host", "localhost"]] } };
  assert.deepEqual(parsedByBash(curlCommand(deleted)), ["http://127.0.0.1:5000/guestbook?page=2", "-X", "DELETE", "-H", "Accept:"]);
  assert.deepEqual(parsedByBash(curlCommand({ ...deleted, method: "HEAD" })).slice(1, 2), ["--head"]);
});

test("the log as HAR 1.2: the request, the response, cookies, query and timings", () => {
  const cached = { ...posted, method: "GET", path: "/style.css", body: undefined, fromCache: true, answer: { ...posted.answer, sent: null, status: "200 OK" } };
  const { log } = JSON.parse(JSON.stringify(harLog([posted, cached])));
  assert.equal(log.version, "1.2");
  const [entry, fromCache] = log.entries;
  assert.equal(entry.startedDateTime, "2026-01-02T03:04:05.000Z");
  assert.equal(entry.time, 12.5);
  assert.deepEqual(entry.request.queryString, [{ name: "page", value: "2" }]);
  assert.deepEqual(entry.request.cookies, [
    { name: "session", value: "old" },
    { name: "theme", value: "dark" },
  ]);
  assert.equal(entry.request.url, "http://localhost/guestbook?page=2");
  assert.equal(entry.request.postData.text, "name=O'Hara & $HOME `id`\n");
  assert.deepEqual([entry.response.status, entry.response.statusText, entry.response.redirectURL], [303, "SEE OTHER", "/"]);
  assert.deepEqual(entry.response.cookies, [{ name: "session", value: "abc" }]);
  assert.deepEqual(entry.response.content, { size: 12, mimeType: "text/html; charset=utf-8", text: "<p>see /</p>" });
  assert.deepEqual([fromCache.time, fromCache.response.bodySize, fromCache._fromCache], [0, 0, "memory"]);
});
