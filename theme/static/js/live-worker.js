// The page's one Python: Pyodide in a module worker, shared by every live panel.
//
// Messages in:  {type: "init", runtime} | {type: "load", panel, folder, epoch, files, debug}
//               | {type: "send", panel, request, id}
// Messages out: {type: "progress", stage, loaded, total} | {type: "ready"}
//               | {type: "loaded", panel} | {type: "response", id, response}
//               | {type: "failed", panel?, id?, message}
//
// Reader-edited code runs here, never in the page. Once Flask is installed,
// the worker gives up its network and storage APIs, so that code cannot reach
// the site's cookies, storage or anything else.

let pyodide = null;
let runner = null;

// Set before any await, so no message is lost while Pyodide loads.
self.onmessage = (event) => {
  const message = event.data;
  const handlers = { init, load, send };
  handlers[message.type](message).catch((error) =>
    self.postMessage({ type: "failed", panel: message.panel, id: message.id, message: describe(error) }),
  );
};

function describe(error) {
  if (error instanceof Error) return error.message;
  return `${error?.name ?? "Error"}: ${JSON.stringify(error)}`;
}

// Counts the bytes of every download, so the page can show a real progress bar.
function reportDownloads(realFetch) {
  const sizes = new Map();
  const report = () => {
    let loaded = 0;
    let total = 0;
    for (const size of sizes.values()) {
      loaded += size.loaded;
      total += size.total;
    }
    self.postMessage({ type: "progress", stage: "download", loaded, total });
  };
  return async (resource, options) => {
    const response = await realFetch(resource, options);
    if (!response.ok || !response.body) return response;
    const size = { loaded: 0, total: Number(response.headers.get("Content-Length")) || 0 };
    sizes.set(String(resource), size);
    const counter = new TransformStream({
      transform(chunk, controller) {
        size.loaded += chunk.byteLength;
        report();
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(counter), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

function giveUpNetworkAndStorage() {
  for (const name of ["fetch", "XMLHttpRequest", "WebSocket", "EventSource", "indexedDB", "caches", "importScripts", "BroadcastChannel"]) {
    Object.defineProperty(self, name, { value: undefined, configurable: false, writable: false });
  }
}

async function init({ runtime }) {
  const realFetch = self.fetch.bind(self);
  self.fetch = reportDownloads(realFetch);
  const runnerSource = realFetch(new URL("browser_runner.py", runtime)).then((response) => response.text());
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
  self.postMessage({ type: "progress", stage: "python" });
  // With `packages`, Flask's wheels download and install while Python starts.
  pyodide = await loadPyodide({
    indexURL: runtime,
    lockFileURL: new URL("pyodide-lock.json", runtime).href,
    packages: ["flask"],
    stdout: () => {},
    stderr: () => {},
  });
  self.postMessage({ type: "progress", stage: "flask" });
  pyodide.FS.writeFile("/home/pyodide/browser_runner.py", await runnerSource);
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide')");
  runner = pyodide.pyimport("browser_runner");
  pyodide.runPython("import flask, flask.testing, werkzeug.test");
  giveUpNetworkAndStorage();
  self.postMessage({ type: "ready" });
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

async function load({ panel, folder, epoch, files, debug }) {
  self.postMessage({ type: "progress", stage: "example" });
  writeFiles(folder, files);
  try {
    runner.load(panel, folder, epoch, debug);
  } catch (error) {
    self.postMessage({ type: "failed", panel, message: error.message });
    return;
  }
  self.postMessage({ type: "loaded", panel });
}

async function send({ panel, request, id }) {
  const started = performance.now();
  const response = JSON.parse(runner.send(panel, JSON.stringify(request)));
  response.milliseconds = performance.now() - started;
  self.postMessage({ type: "response", id, response });
}
