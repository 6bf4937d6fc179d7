// The worker's downloads: the bytes of its first one, counted for the
// progress bar, and the files it fetches later only when Python needs them.

// Counts the bytes of every file of the first download, so the page can show
// a real progress bar. ``sizes`` holds each file's size, written by the build
// (FIRST_RUN_SIZES), so the total is known before the download starts and
// never changes, whether or not the host compresses (a compressed response's
// Content-Length is not the size of what it decodes to). It reads a copy of
// each response and hands on the response itself: the browser keeps the
// compiled WebAssembly of a response it fetched from its cache, and a response
// made anew would lose that (and so about 0.5 s on every visit after the first).
export function countDownloads(realFetch, sizes, report) {
  const total = Object.values(sizes).reduce((sum, size) => sum + size, 0);
  const loaded = new Map();
  const post = () => {
    let sum = 0;
    for (const [name, bytes] of loaded) sum += Math.min(bytes, sizes[name]);
    report(sum, total);
  };
  const count = async (body, name) => {
    for (const reader = body.getReader(); ; ) {
      const { done, value } = await reader.read();
      if (done) return;
      loaded.set(name, loaded.get(name) + value.byteLength);
      post();
    }
  };
  return async (resource, options) => {
    const response = await realFetch(resource, options);
    const name = new URL(String(resource), self.location.href).pathname.split("/").pop();
    if (!response.ok || !response.body || !(name in sizes) || loaded.has(name)) return response;
    loaded.set(name, 0);
    count(response.clone().body, name).catch(() => {});
    return response;
  };
}

// The files Python may fetch once started: the rest of the standard library,
// and a module's source for a traceback (see live_stdlib.py). Nothing else.
const LATER = /^(python_stdlib_rest\.zip|python-source\/[\w-]+(\/[\w.-]+)*\.py)$/;

// A function that reads one such file of ``runtime``, waiting for it, with
// ``Request`` (the worker's XMLHttpRequest, kept before the worker gives up its
// network): Python's import is not asynchronous. Its bytes, or null if absent.
export function laterFiles(Request, runtime) {
  return (name) => {
    if (!LATER.test(name) || name.split("/").includes("..")) throw new Error(`Not a runtime file: ${name}`);
    const request = new Request();
    request.open("GET", new URL(name, runtime).href, false);
    request.responseType = "arraybuffer";
    request.send();
    return request.status === 200 ? new Uint8Array(request.response) : null;
  };
}
