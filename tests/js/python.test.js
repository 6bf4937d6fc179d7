import assert from "node:assert/strict";
import { test } from "node:test";

import { Python } from "../../theme/live/python.js";

/** A worker that is ready at once and answers each message, in order, once told to. */
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

  /** Answer every message received so far, as worker.js would. */
  answerAll() {
    for (const { type, id } of this.received.splice(0)) {
      const answers = { load: { type: "loaded", id }, send: { type: "response", id, response: { status: "200 OK" } } };
      this.onmessage({ data: answers[type] });
    }
  }

  terminate() {}
}

test("two loads of one panel at once are answered each, and nothing waits on", async () => {
  globalThis.Worker = FakeWorker;
  const python = new Python("worker.js");
  await python.start();
  // A Run loads the app while the panel's browser, asking, loads it too.
  const first = python.load("panel-1", "/examples/a", 0, false, {});
  const second = python.load("panel-1", "/examples/a", 0, false, {});
  const ids = FakeWorker.last.received.map((message) => message.id);
  assert.equal(new Set(ids).size, 2, "each load has an id of its own");
  FakeWorker.last.answerAll();
  await Promise.all([first, second]);
  assert.equal(python.waiting.size, 0, "no answer is left waiting (its time limit would stop Python)");
});

test("an answer goes to the request with its id", async () => {
  globalThis.Worker = FakeWorker;
  const python = new Python("worker.js");
  await python.start();
  const answer = python.send("panel-1", "browser", { method: "GET", target: "/" });
  assert.equal(FakeWorker.last.received[0].panel, "panel-1");
  FakeWorker.last.answerAll();
  assert.deepEqual(await answer, { status: "200 OK" });
  python.stop();
});
