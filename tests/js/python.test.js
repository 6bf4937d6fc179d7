import assert from "node:assert/strict";
import { afterEach, test } from "node:test";

import { Python } from "../../theme/live/python.js";

/** A worker that is ready at once and answers the messages it got, as worker.js would, when told to. */
class FakeWorker {
  static last = null;

  constructor() {
    this.received = [];
    FakeWorker.last = this;
    queueMicrotask(() => this.onmessage({ data: { type: "ready", marks: [] } }));
  }

  postMessage(message) {
    this.received.push(message);
  }

  /** Answer ``message`` with ``data`` (its id added). */
  answer(message, data) {
    this.onmessage({ data: { ...data, id: message.id } });
  }

  terminate() {}
}

let python;

async function started() {
  globalThis.Worker = FakeWorker;
  python = new Python("worker.js");
  await python.start();
  return FakeWorker.last;
}

afterEach(() => python.stop()); // no time limit is left running

test("two loads of one panel at once are answered each, and no answer is left waiting", async () => {
  const worker = await started();
  // A Run loads the app while the panel's browser, asking, loads it too.
  const first = python.load("panel-1", "/examples/a", 0, false, {});
  const second = python.load("panel-1", "/examples/a", 0, false, {});
  const [one, two] = worker.received;
  assert.notEqual(one.id, two.id, "each load has an id of its own");
  worker.answer(two, { type: "loaded" });
  worker.answer(one, { type: "loaded" });
  await Promise.all([first, second]);
  assert.equal(python.waiting.size, 0, "no answer is left waiting (its time limit would stop Python)");
});

test("each answer goes to the request with its id, whatever their order", async () => {
  const worker = await started();
  const first = python.send("panel-1", "browser", { method: "GET", target: "/a" });
  const second = python.send("panel-1", "browser", { method: "GET", target: "/b" });
  const [one, two] = worker.received;
  assert.equal(one.panel, "panel-1");
  worker.answer(two, { type: "response", response: { body: "b" } });
  worker.answer(one, { type: "response", response: { body: "a" } });
  assert.deepEqual(await first, { body: "a" });
  assert.deepEqual(await second, { body: "b" });
});

test("a request that failed rejects alone, with the app's traceback", async () => {
  const worker = await started();
  const failing = python.send("panel-1", "block", { method: "GET", target: "/crash" });
  const other = python.send("panel-1", "block", { method: "GET", target: "/" });
  const [one, two] = worker.received;
  worker.answer(one, { type: "failed", message: "Traceback: ZeroDivisionError" });
  await assert.rejects(failing, (error) => error.traceback === "Traceback: ZeroDivisionError");
  worker.answer(two, { type: "response", response: { body: "fine" } });
  assert.deepEqual(await other, { body: "fine" });
});

test("Stop rejects every request still waiting, saying Python was stopped", async () => {
  const worker = await started();
  const waiting = python.check("panel-1", { requests: [], checks: [] });
  assert.equal(worker.received[0].type, "check");
  python.stop("Stopped by the reader.");
  await assert.rejects(waiting, (error) => error.stopped && error.message === "Stopped by the reader.");
});
