import assert from "node:assert/strict";
import { test } from "node:test";

import { bodyText, encode, fromBase64, messageLines, parseHeaderLines, toBase64, wireBody } from "../../theme/live/http.js";

test("a multipart body typed with LF lines is sent with CRLF, as the build sends it", () => {
  const headers = [["Content-Type", "multipart/form-data; boundary=x"]];
  assert.equal(bodyText(wireBody("--x\nA\n--x--\n", headers)), "--x\r\nA\r\n--x--\r\n");
});

test("other bodies are sent as typed", () => {
  assert.equal(bodyText(wireBody("a\nb", [["Content-Type", "text/plain"]])), "a\nb");
});

test("base64 goes both ways, even for more bytes than one call can take", () => {
  const bytes = new Uint8Array(100_000).map((_, i) => i % 256);
  assert.deepEqual(fromBase64(toBase64(bytes)), bytes);
});

test("a binary body is described, not shown", () => {
  const lines = messageLines("HTTP/1.1 200 OK", [["Content-Type", "image/png"]], new Uint8Array([0xff, 0xfe]));
  assert.deepEqual(lines, ["HTTP/1.1 200 OK", "Content-Type: image/png", "", "[2 bytes of binary data]"]);
});

test("a text body's last newline is not a line of its own", () => {
  assert.deepEqual(messageLines("GET / HTTP/1.1", [], encode("a\nb\n")), ["GET / HTTP/1.1", "", "a", "b"]);
});

test("typed header lines need a name, a colon, and a name HTTP allows", () => {
  assert.deepEqual(parseHeaderLines("Accept: text/html\n\nX-A:b"), [
    ["Accept", "text/html"],
    ["X-A", "b"],
  ]);
  assert.throws(() => parseHeaderLines(": nameless"), /line 1 \(: nameless\) has no name/);
  assert.throws(() => parseHeaderLines("Accept: */*\nX-Token abc"), /line 2 \(X-Token abc\) has no colon/);
  assert.throws(() => parseHeaderLines("X Token: abc"), /name HTTP does not allow/);
});
