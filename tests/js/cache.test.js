import assert from "node:assert/strict";
import { test } from "node:test";

import { HttpCache, directives, freshened, isStorable } from "../../theme/live/browser/cache.js";

const get = { method: "GET", headers: [["Accept", "*/*"]] };
const ok = (headers) => ({ status: "200 OK", headers, bytes: new Uint8Array([1]) });

test("Cache-Control's directives, by lower-case name", () => {
  const found = directives([["Cache-Control", 'public, Max-Age=60, no-cache="Set-Cookie"']]);
  assert.deepEqual([...found], [
    ["public", true],
    ["max-age", "60"],
    ["no-cache", "Set-Cookie"],
  ]);
});

test("only a 200 to a GET with a validator or a max-age, and not no-store, is kept", () => {
  assert.ok(isStorable("GET", ok([["ETag", '"1"']])));
  assert.ok(isStorable("GET", ok([["Cache-Control", "max-age=5"]])));
  assert.ok(!isStorable("GET", ok([])));
  assert.ok(!isStorable("POST", ok([["ETag", '"1"']])));
  assert.ok(!isStorable("GET", ok([["ETag", '"1"'], ["Cache-Control", "no-store"]])));
  assert.ok(!isStorable("GET", { ...ok([["ETag", '"1"']]), status: "404 NOT FOUND" }));
});

test("a fresh answer is used without asking, until its max-age is over", () => {
  const cache = new HttpCache();
  assert.deepEqual(cache.lookup(get, "/s.css", 0), { headers: get.headers });
  const answer = ok([["Cache-Control", "max-age=10"]]);
  cache.receive(get, "/s.css", answer, undefined, 1000);
  assert.equal(cache.lookup(get, "/s.css", 10_999).use.bytes, answer.bytes);
  assert.equal(cache.lookup(get, "/s.css", 11_000).use, undefined);
});

test("a stale answer is asked about with its validators", () => {
  const cache = new HttpCache();
  cache.receive(get, "/", ok([["ETag", '"v1"'], ["Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT"]]), undefined, 0);
  const { stored, headers } = cache.lookup(get, "/", 1);
  assert.ok(stored);
  assert.deepEqual(headers, [...get.headers, ["If-None-Match", '"v1"'], ["If-Modified-Since", "Mon, 01 Jan 2024 00:00:00 GMT"]]);
});

test("a reload asks even for a fresh answer; going back takes any stored one", () => {
  const cache = new HttpCache();
  cache.receive(get, "/", ok([["Cache-Control", "max-age=60, no-cache"], ["ETag", '"1"']]), undefined, 0);
  assert.ok(cache.lookup(get, "/", 1).stored, "no-cache: always asked");
  assert.ok(cache.lookup(get, "/", 1, { history: true }).use);
  cache.receive(get, "/a", ok([["Cache-Control", "max-age=60"]]), undefined, 0);
  assert.ok(cache.lookup(get, "/a", 1, { reload: true }).stored);
});

test("a 304 freshens the stored answer and gives it back", () => {
  const cache = new HttpCache();
  const first = ok([["ETag", '"1"'], ["Content-Length", "1"], ["Cache-Control", "max-age=0"]]);
  cache.receive(get, "/", first, undefined, 0);
  const { stored } = cache.lookup(get, "/", 5);
  const notModified = { status: "304 NOT MODIFIED", headers: [["Cache-Control", "max-age=60"], ["Content-Length", "0"]], bytes: new Uint8Array() };
  const used = cache.receive(get, "/", notModified, stored, 5);
  assert.equal(used.status, "200 OK");
  assert.equal(used.bytes, first.bytes);
  assert.deepEqual(used.headers, freshened(stored, notModified));
  assert.deepEqual(used.headers, [["ETag", '"1"'], ["Content-Length", "1"], ["Cache-Control", "max-age=60"]]);
  assert.ok(cache.lookup(get, "/", 6).use, "fresh again");
});

test("nothing but a GET is answered from the cache", () => {
  const cache = new HttpCache();
  cache.receive(get, "/", ok([["Cache-Control", "max-age=60"]]), undefined, 0);
  assert.deepEqual(cache.lookup({ method: "POST", headers: [] }, "/", 1), { headers: [] });
});
