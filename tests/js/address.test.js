import assert from "node:assert/strict";
import { test } from "node:test";

import { ORIGIN, isOwn, startPath, targetOf, typed } from "../../theme/live/browser/address.js";

test("a typed path is the example's", () => {
  assert.deepEqual(typed(" /hello/Grace?x=1 "), { url: `${ORIGIN}/hello/Grace?x=1` });
  assert.deepEqual(typed("notes"), { url: `${ORIGIN}/notes` });
});

test("a whole address keeps its path and query, and says so", () => {
  for (const text of ["http://127.0.0.1:5000/lucky?n=2", "localhost:5000/lucky?n=2"]) {
    const { url, notice } = typed(text);
    assert.equal(url, `${ORIGIN}/lucky?n=2`);
    assert.match(notice, /asked it for \/lucky\?n=2, not (127\.0\.0\.1|localhost):5000/);
  }
});

test("only the example's URLs are its own", () => {
  assert.ok(isOwn(`${ORIGIN}/a`));
  assert.ok(!isOwn("https://example.com/a"));
  assert.equal(targetOf(`${ORIGIN}/a?b#c`), "/a?b");
});

const get = (target) => ({ method: "GET", target, headers: [] });
const html = (headers = [], status = "200 OK") => ({ status, headers: [["Content-Type", "text/html; charset=utf-8"], ...headers] });

test("the browser starts at the block's first page no redirect led to", () => {
  const requests = [{ method: "POST", target: "/add", headers: [["Content-Type", "application/x-www-form-urlencoded"]] }, get("/"), get("/list")];
  const responses = [{ status: "302 FOUND", headers: [["Location", "/"]] }, html(), html()];
  assert.equal(startPath(requests, responses), "/list");
});

test("else at the page of a form the block posts, else its first page, else /", () => {
  const form = { method: "POST", target: "/signup", headers: [["Content-Type", "multipart/form-data; boundary=x"]] };
  assert.equal(startPath([form, get("/welcome")], [{ status: "303 SEE OTHER", headers: [["Location", "/welcome"]] }, html()]), "/signup");
  assert.equal(startPath([get("/{{token}}x")], [html()]), "/x");
  assert.equal(startPath([get("/api")], [{ status: "200 OK", headers: [["Content-Type", "application/json"]] }]), "/");
});

test("a form posted under the page its redirect leads back to starts at that page", () => {
  const join = { method: "POST", target: "/events/1/join", headers: [["Content-Type", "application/x-www-form-urlencoded"]] };
  const responses = [{ status: "303 SEE OTHER", headers: [["Location", "/events/1"]] }, html()];
  assert.equal(startPath([join, get("/events/1")], responses), "/events/1");
});

test("never at an error page, even an HTML one", () => {
  const responses = [html(), html([], "405 METHOD NOT ALLOWED")];
  assert.equal(startPath([get("/events/1"), get("/events/1/join")], responses), "/events/1");
  assert.equal(startPath([get("/missing")], [html([], "404 NOT FOUND")]), "/");
});

test("a block with no page of its own starts at the first page the example served", () => {
  const deleted = { method: "DELETE", target: "/tasks", headers: [] };
  assert.equal(startPath([deleted], [html([], "405 METHOD NOT ALLOWED")], ["/welcome"]), "/welcome");
});
