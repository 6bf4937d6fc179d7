// The page's side of the worker protocol (see worker.js): one Python in a
// module worker, asked by every panel of the page. Nothing starts until
// ``start`` is called.

// The time limits, each named in the message that says it was reached.
const START_TIMEOUT_MS = 90_000;
const SEND_TIMEOUT_MS = 10_000;
const LIMITS = {
  load: [START_TIMEOUT_MS, "the limit for loading the app"],
  run: [SEND_TIMEOUT_MS, "the limit for the block's answers"],
  answer: [SEND_TIMEOUT_MS, "the limit for one answer"],
  check: [SEND_TIMEOUT_MS, "the limit for the exercise's checks"],
};
const STOPPED = "Python was stopped: it starts afresh at the next Run or Send.";
const DIED = "Python's worker ended unexpectedly, so it was stopped: it starts afresh at the next Run or Send.";

/** Why Python was stopped; ``stopped`` tells it apart from what the app raised. */
function stoppedError(message) {
  const error = new Error(message);
  error.stopped = true;
  return error;
}

export class Python {
  /** The Python of the worker at ``workerUrl``; ``marks`` holds its start's moments once ready. */
  constructor(workerUrl) {
    this.workerUrl = workerUrl;
    this.worker = null;
    this.ready = null;
    this.marks = null;
    this.waiting = new Map();
    this.onProgress = new Set();
    this.nextId = 1;
    // A new worker knows no panel's app: each start is a new generation.
    this.generation = 0;
    this.abortStart = null;
  }

  /** Start Python in its worker, if it is not started yet; resolves when Python is ready. */
  start() {
    if (this.ready) return this.ready;
    const worker = (this.worker = new Worker(this.workerUrl, { type: "module" }));
    this.generation += 1;
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Python did not start within ${START_TIMEOUT_MS / 1000} seconds.`)), START_TIMEOUT_MS);
      this.abortStart = (error) => {
        clearTimeout(timer);
        reject(error);
      };
      worker.onerror = (event) => {
        if (this.marks === null) this.abortStart?.(new Error(event.message || "The Python worker failed to start."));
        else this.stop(DIED);
      };
      worker.onmessage = ({ data }) => {
        if (data.type === "progress") this.onProgress.forEach((listener) => listener(data));
        else if (data.type === "ready") {
          clearTimeout(timer);
          this.marks = data.marks;
          resolve();
        } else if (data.type === "failed" && !data.id) {
          this.abortStart?.(new Error(data.message));
        } else this.settle(data);
      };
    });
    this.marks = null;
    this.ready.catch(() => this.worker === worker && this.stop());
    return this.ready;
  }

  settle(data) {
    const waiter = this.waiting.get(data.id);
    if (!waiter) return;
    this.waiting.delete(data.id);
    if (data.type !== "failed") waiter.resolve(data);
    else if (data.fatal) {
      // Python cannot go on (out of memory, say): a new worker will.
      waiter.reject(stoppedError(data.message));
      this.stop(data.message);
    } else {
      // A Python exception (the app's, as it loaded, say): its traceback is the message.
      const raised = new Error(data.message);
      raised.traceback = data.message;
      waiter.reject(raised);
    }
  }

  /**
   * Post ``message`` under a new id and wait for the answer with that id, up
   * to the time limit of ``kind`` (a key of ``LIMITS``). Past it, the worker
   * is ended and a new one started at once: every panel then loads its app again.
   */
  ask(kind, message) {
    const [timeout, limit] = LIMITS[kind];
    const id = `${kind}-${this.nextId++}`;
    return new Promise((resolve, reject) => {
      if (!this.worker) {
        reject(stoppedError(STOPPED));
        return;
      }
      const timer = setTimeout(() => {
        this.stop(`No answer within ${timeout / 1000} seconds (${limit}), so Python was stopped and started again. Fix the app, then try again.`);
        this.start().catch(() => {}); // the next Run or Send reports a failure
      }, timeout);
      this.waiting.set(id, {
        resolve: (value) => (clearTimeout(timer), resolve(value)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      this.worker.postMessage({ ...message, id });
    });
  }

  /** Load a panel's app from ``files`` into ``folder``, as the build's child does. */
  load(panel, folder, epoch, debug, files) {
    // Each load has an id of its own: two loads of one panel (a Run while its browser asks) are answered each.
    return this.ask("load", { type: "load", panel, folder, epoch, debug, files });
  }

  /** Send a block's requests in order with a fresh client; resolves to one answer per request. */
  async run(panel, requests) {
    return (await this.ask("run", { type: "run", panel, requests })).answers;
  }

  /** Send one request with the panel's ``client`` ("block" or "browser"). */
  async send(panel, client, request) {
    return (await this.ask("answer", { type: "send", panel, client, request })).response;
  }

  /** Run an exercise's checks (its ``requests`` and ``checks``) against a panel's app; resolves to the verdict. */
  async check(panel, exercise) {
    return (await this.ask("check", { type: "check", panel, exercise })).verdict;
  }

  /** End the worker and whatever it was doing, at once; each waiting call rejects with ``message``. */
  stop(message = STOPPED) {
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
    this.abortStart?.(stoppedError(message));
    this.abortStart = null;
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const waiter of waiting) waiter.reject(stoppedError(message));
  }
}
