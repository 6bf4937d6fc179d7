// The page's one Python: Pyodide in a module worker, shared by every live panel.
//
// It lives in the runtime folder, beside Pyodide, and starts Python at once, before any message arrives.
// Messages in:  {type: "load", panel, id, folder, epoch, debug, files} | {type: "run", panel, id, requests}
//               | {type: "send", panel, id, client, request} | {type: "check", panel, id, exercise}
// Messages out: {type: "progress", stage, loaded, total} | {type: "ready", marks} | {type: "loaded", id}
//               | {type: "answers", id, answers} | {type: "response", id, response}
//               | {type: "verdict", id, verdict} | {type: "failed", id?, message}
// Requests and answers are JSON-ready objects, bodies in base64 (see browser_runner.py).
//
// Reader-edited code runs here, never in the page. Once Flask is installed,
// the worker gives up its network, storage, other contexts and code from text,
// so that code reaches nothing but its panel (tests/test_contained.py tries
// every way out). Where the host sends headers, the worker's own
// Content-Security-Policy closes the same ways a second time.

/* global FIRST_RUN_SIZES */
import { countDownloads, laterFiles } from "./downloads.js";

const runtime = new URL(".", self.location.href).href;
const marks = [];
let runner = null;
let pyodide = null;

// Moments of the start, on the page's clock too (milliseconds since 1970), for `invoke bench`.
function mark(name) {
  marks.push([name, performance.timeOrigin + performance.now()]);
}

// Set before any await, so no message is lost while Pyodide loads.
const started = start();
self.onmessage = (event) => {
  const message = event.data;
  const handlers = { load, run, send, check };
  started
    .then(() => handlers[message.type](message))
    .then((answer) => {
      if (outOfMemory()) throw new Error("out of memory");
      self.postMessage(answer);
    })
    .catch((error) => self.postMessage({ type: "failed", id: message.id, ...failure(error) }));
};

// Past 2 GB, Pyodide reads its own memory wrong (its pointers are signed): a Python that grew so far is given up.
const MEMORY_LIMIT = 2 ** 31;
const OUT_OF_MEMORY = "Python ran out of memory, so it was stopped: it starts afresh at the next Run or Send.";

function outOfMemory() {
  return (pyodide?._module?.HEAPU8?.length ?? 0) >= MEMORY_LIMIT;
}

// What the app raised is a Python error, and Python goes on. Anything else
// (memory, a fatal error of Pyodide, an answer that is not JSON) leaves
// Python unfit to go on: the page then starts a new worker (python.js).
function failure(error) {
  if (outOfMemory()) return { message: OUT_OF_MEMORY, fatal: true };
  if (pyodide && error instanceof pyodide.ffi.PythonError) return { message: describe(error) };
  return { message: `Python failed (${describe(error)}), so it was stopped: it starts afresh at the next Run or Send.`, fatal: true };
}

function describe(error) {
  if (error instanceof Error) return error.message;
  return `${error?.name ?? "Error"}: ${JSON.stringify(error)}`;
}

// Everything in a worker that reaches past the panel: the network (fetch,
// XHR, sockets, streams, WebTransport, a font's URL), storage (indexedDB,
// caches, the origin's private file system in navigator.storage), other
// contexts (nested workers, BroadcastChannel) and the loading of more code.
const CLOSED = [
  "fetch",
  "XMLHttpRequest",
  "WebSocket",
  "WebSocketStream",
  "WebTransport",
  "EventSource",
  "FontFace",
  "fonts",
  "indexedDB",
  "caches",
  "importScripts",
  "BroadcastChannel",
  "Worker",
  "SharedWorker",
  "webkitRequestFileSystem",
  "webkitRequestFileSystemSync",
  "webkitResolveLocalFileSystemURL",
  "webkitResolveLocalFileSystemSyncURL",
];
const CLOSED_IN_NAVIGATOR = ["storage", "sendBeacon", "serviceWorker", "locks"];

function refuseCodeFromText() {
  throw new EvalError("This Python cannot run JavaScript from text.");
}

function seal(object, name, value) {
  Object.defineProperty(object, name, { value, configurable: false, writable: false });
}

// Code from text is the way to import() a module from anywhere, so it goes
// too: eval, every kind of function's constructor, and a timer given a string.
// Pyodide needs none of these once it has started; its own import() of a URL
// (loadScript) is not reachable from Python.
function giveUpCodeFromText() {
  seal(self, "eval", refuseCodeFromText);
  for (const kind of [function () {}, async function () {}, function* () {}, async function* () {}]) {
    // Each stand-in keeps its kind's prototype: Pyodide's calls and instanceof read it.
    const prototype = Object.getPrototypeOf(kind);
    const refuse = function () {
      refuseCodeFromText();
    };
    refuse.prototype = prototype;
    seal(prototype, "constructor", refuse);
    if (prototype === Function.prototype) seal(self, "Function", refuse);
  }
  for (const name of ["setTimeout", "setInterval"]) {
    const timer = self[name].bind(self);
    seal(self, name, (handler, ...rest) => {
      if (typeof handler !== "function") refuseCodeFromText();
      return timer(handler, ...rest);
    });
  }
}

function giveUpNetworkAndStorage() {
  for (const name of CLOSED) seal(self, name, undefined);
  for (const name of CLOSED_IN_NAVIGATOR) seal(self.navigator, name, undefined);
  giveUpCodeFromText();
}

async function start() {
  try {
    await startPython();
    self.postMessage({ type: "ready", marks });
  } catch (error) {
    self.postMessage({ type: "failed", message: describe(error) });
    throw error;
  }
}

async function startPython() {
  mark("worker");
  const realFetch = self.fetch.bind(self);
  const report = (loaded, total) => self.postMessage({ type: "progress", stage: "download", loaded, total });
  // FIRST_RUN_SIZES is written in by the build (plugins/live_examples/runtime.py).
  self.fetch = countDownloads(realFetch, FIRST_RUN_SIZES, report);
  const fetchLater = laterFiles(self.XMLHttpRequest, runtime);
  const pythonZip = self.fetch(new URL("notes.zip", runtime)).then((response) => response.arrayBuffer());
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
  mark("pyodide.mjs");
  self.postMessage({ type: "progress", stage: "python" });
  // With `packages`, Flask's wheels download and install while Python starts.
  // PYTHONHASHSEED=0 as in the build, so that the order of a set is the same
  // on every visit (see the Allow entry of plugins/example_core/differences.json
  // for why it is not the build's).
  pyodide = await loadPyodide({
    indexURL: runtime,
    lockFileURL: new URL("pyodide-lock.json", runtime).href,
    packages: ["flask"],
    env: { PYTHONHASHSEED: "0" },
    stdout: () => {},
    stderr: () => {},
  });
  mark("python and flask installed");
  self.postMessage({ type: "progress", stage: "flask" });
  pyodide.FS.writeFile("/home/pyodide/notes.zip", new Uint8Array(await pythonZip));
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/notes.zip')");
  pyodide.pyimport("live_stdlib").install(fetchLater);
  // Stops Python's clock at a block's moment (browser_runner.py): JavaScript's
  // Date.now is where Python reads the time here.
  pyodide.registerJsModule("live_clock", {
    stop: (moment) => {
      self.Date.now = () => moment * 1000;
    },
  });
  runner = pyodide.pyimport("browser_runner");
  pyodide.runPython("import flask.testing, werkzeug.test");
  mark("flask imported");
  giveUpNetworkAndStorage();
}

// Each load gets a new folder: the app's process may still be inside the old one.
function writeFiles(folder, files) {
  const FS = pyodide.FS;
  for (const [path, file] of Object.entries(files)) {
    const full = `${folder}/${path}`;
    FS.mkdirTree(full.slice(0, full.lastIndexOf("/")));
    const data = file.base64 === undefined ? file.text : Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
    FS.writeFile(full, data);
  }
}

// Pyodide's hashlib lacks scrypt and pbkdf2_hmac (Werkzeug's password hashes): an example
// that may call them gets them from live-kdf.js (16.6 kB, 7.3 kB gzipped), fetched only then.
const HASHES_PASSWORDS = /\bhashlib\b|\bwerkzeug\.security\b|\bimport security\b/;
let kdfProvided = false;

async function provideKdf(files) {
  const code = Object.entries(files).filter(([path, file]) => path.endsWith(".py") && file.text);
  if (kdfProvided || !code.some(([, file]) => HASHES_PASSWORDS.test(file.text))) return;
  runner.provide_kdf(await import(new URL("live-kdf.js", runtime).href));
  kdfProvided = true;
}

async function load({ panel, id, folder, epoch, debug, files }) {
  self.postMessage({ type: "progress", stage: "example" });
  writeFiles(folder, files);
  await provideKdf(files);
  runner.load(panel, folder, epoch, debug);
  return { type: "loaded", id };
}

async function run({ panel, id, requests }) {
  return { type: "answers", id, answers: JSON.parse(runner.run_block(panel, JSON.stringify(requests))) };
}

async function send({ panel, id, client, request }) {
  return { type: "response", id, response: JSON.parse(runner.send(panel, client, JSON.stringify(request))) };
}

async function check({ panel, id, exercise }) {
  return { type: "verdict", id, verdict: JSON.parse(runner.check(panel, JSON.stringify(exercise))) };
}
