import assert from "node:assert/strict";
import { test } from "node:test";

import { ORIGIN } from "../../theme/live/browser/address.js";
import { MAX_REDIRECTS, follow, redirected } from "../../theme/live/browser/redirects.js";

const post = { method: "POST", url: `${ORIGIN}/signup`, headers: [["Content-Type", "text/plain"]], body: new Uint8Array([1]) };
const to = (status, location) => ({ status, headers: [["Location", location]] });

test("303, and 301 or 302 after a POST, go on with a GET and no body", () => {
  for (const status of ["301 MOVED PERMANENTLY", "302 FOUND", "303 SEE OTHER"]) {
    assert.deepEqual(redirected(post, to(status, "/done")), { method: "GET", url: `${ORIGIN}/done`, headers: [], body: new Uint8Array() });
  }
});

test("307 and 308 repeat the request, body and all", () => {
  assert.deepEqual(redirected(post, to("307 TEMPORARY REDIRECT", "next")), { ...post, url: `${ORIGIN}/next` });
});

test("a HEAD stays a HEAD", () => {
  assert.equal(redirected({ ...post, method: "HEAD" }, to("302 FOUND", "/")).method, "HEAD");
});

test("an answer that is no redirect ends the chain", () => {
  assert.equal(redirected(post, { status: "200 OK", headers: [["Location", "/x"]] }), null);
  assert.equal(redirected(post, { status: "302 FOUND", headers: [] }), null);
});

test("a redirect out of the example is refused", () => {
  assert.throws(() => redirected(post, to("302 FOUND", "https://example.com/")), /out of the example, to https:\/\/example.com\//);
});

test("follow goes on to the last answer, and gives up after too many", async () => {
  const answers = { "/a": to("302 FOUND", "/b"), "/b": { status: "200 OK", headers: [] } };
  const sent = [];
  const send = async (request, hops) => (sent.push([new URL(request.url).pathname, hops]), answers[new URL(request.url).pathname]);
  const { answer, request } = await follow({ method: "GET", url: `${ORIGIN}/a` }, send);
  assert.equal(answer.status, "200 OK");
  assert.equal(request.url, `${ORIGIN}/b`);
  assert.deepEqual(sent, [
    ["/a", 0],
    ["/b", 1],
  ]);
  const loop = async () => to("302 FOUND", "/a");
  await assert.rejects(follow({ method: "GET", url: `${ORIGIN}/a` }, loop), new RegExp(`more than ${MAX_REDIRECTS} redirects`));
});
