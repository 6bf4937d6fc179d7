"""Benchmark: what a reader downloads and waits for, measured in Chromium.

Serves a built site (default: ``output/``) with a plain static file server
and prints, measured (nothing here is estimated):

- for each page, the bytes downloaded before pressing Run (goal: 40 KB at
  most, none of it the live runtime);
- for the live panels, over several cold runs (empty browser cache) and warm
  runs (cache filled by an earlier visit): the time from the click on Run
  (no hover first) to the last response of the block, and when the worker
  finished each stage of its start (where that time goes); the bytes the
  server sent meanwhile (what the browser took from its cache is not
  counted); the longest main-thread task while loading; the time to re-send
  a request, and how long after its response each console line shows on the
  Server tab (goal: 50 ms at most); and, on a block whose example serves a
  page, the time from the
  click on the Browser tab to that page drawn with its stylesheet and image,
  and to a reload of it (three requests, two of them answered 304);
- beside them, on the same machine at the same moment, the floor: a bare
  module worker that starts Pyodide with Flask from the same runtime folder,
  imports Flask and answers one request; and under it, a bare worker that
  only starts Pyodide's Python, without Flask (both written into the site
  for the benchmark, and removed after it);
- how much the panel's bundle grew since the Server tab came (goal: at most
  15 KB gzip-compressed; ``console_figures.py``).

Run it with ``invoke bench`` or ``python benchmarks/browser_figures.py``.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.console_figures import (  # noqa: E402
    CONSOLE_AFTER_RESPONSE,
    print_bundle_growth,
)
from tests.support.site_checks import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    SiteServer,
    html_pages,
    page_url,
    serving,
)

LIVE_PAGE = "/flask-webserver/"
# The first block on the page that shows this request: the static-site
# example's page, with its stylesheet and image.
BROWSER_PAGE = "/static-content/"
BROWSER_BLOCK = "GET / HTTP/1.1"
WATCH_LONG_TASKS = """
window.longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.longTasks.push(entry.duration);
}).observe({ type: "longtask", buffered: true });
"""
RUN_TO_LAST_RESPONSE = """async (request) => {
  const exchange = [...document.querySelectorAll(".exchange")]
    .find((block) => block.querySelector(".exchange-request").textContent.includes(request));
  const started = performance.timeOrigin + performance.now();
  exchange.querySelector(".live-run").click();
  const panel = await new Promise((resolve) => {
    const poll = () => {
      const found = exchange.querySelector(".live-panel");
      if (found?.dataset.state === "ready" && found.querySelector(".live-step")) resolve(found);
      else setTimeout(poll, 2);
    };
    poll();
  });
  const done = performance.timeOrigin + performance.now();
  const stages = JSON.parse(panel.dataset.pythonStarted).map(([name, at]) => [name, at - started]);
  return { last: done - started, stages: Object.fromEntries(stages) };
}"""
BARE_PAGE = "/bench-bare/"
BARE_HTML = """<!doctype html><title>bare</title><script type="module">
window.bare = (script) => new Promise((resolve) => {
  const started = performance.timeOrigin + performance.now();
  const worker = new Worker(script, { type: "module" });
  worker.onmessage = ({ data }) => resolve(data - started);
});
</script>"""
BARE_WORKER = """const runtime = new URL("../RUNTIME/", location.href).href;
const { loadPyodide } = await import(runtime + "pyodide.mjs");
const pyodide = await loadPyodide({
  indexURL: runtime,
  lockFileURL: runtime + "pyodide-lock.json",
  packages: ["flask"],
});
pyodide.runPython(`
from flask import Flask
app = Flask("bare")
app.get("/")(lambda: "Hello")
app.test_client().get("/")
`);
postMessage(performance.timeOrigin + performance.now());
"""
BARE_PYTHON_WORKER = """const runtime = new URL("../RUNTIME/", location.href).href;
const { loadPyodide } = await import(runtime + "pyodide.mjs");
const pyodide = await loadPyodide({
  indexURL: runtime,
  lockFileURL: runtime + "pyodide-lock.json",
});
pyodide.runPython("1 + 1");
postMessage(performance.timeOrigin + performance.now());
"""
# The floors, by name: the bare page's worker script for each, and its source.
FLOORS = {"bare": ("worker.js", BARE_WORKER), "python": ("python.js", BARE_PYTHON_WORKER)}
BROWSER_PAGE_DRAWN = """async (request) => {
  const exchange = [...document.querySelectorAll(".exchange")]
    .find((block) => block.querySelector(".exchange-request").textContent.includes(request));
  const panel = exchange.querySelector(".live-panel");
  const view = () => panel.querySelector(".live-browser");
  const drawn = () => new Promise((resolve) => {
    const poll = () => (view().dataset.state === "ready" ? resolve() : setTimeout(poll, 1));
    poll();
  });
  let started = performance.now();
  [...panel.querySelectorAll("[role=tab]")].find((tab) => tab.textContent === "Browser").click();
  await drawn();
  const page = performance.now() - started;
  view().dataset.state = "reloading";
  started = performance.now();
  panel.querySelector("button[aria-label=Reload]").click();
  await drawn();
  return { page, reload: performance.now() - started };
}"""
RESEND = """async () => {
  const panel = document.querySelector(".live-panel");
  const response = panel.querySelector(".live-response");
  const times = [];
  for (let i = 0; i < 20; i++) {
    delete response.dataset.status;
    const started = performance.now();
    [...panel.querySelectorAll("button")].find((button) => button.textContent === "Send").click();
    await new Promise((resolve) => {
      const poll = () => (response.dataset.status ? resolve() : setTimeout(poll, 0));
      poll();
    });
    times.push(performance.now() - started);
  }
  return times;
}"""


class Downloads:
    """Adds up the bytes of every response a browser context receives.

    ``total`` is what this plain server sent (it compresses nothing);
    ``gzipped`` is the same bodies gzip-compressed, as most hosts send them.
    """

    def __init__(self, context) -> None:
        self.total = 0
        self.gzipped = 0
        self.live = 0
        context.on("requestfinished", self.count)

    def count(self, request) -> None:
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        self.total += size
        body = request.response().body()
        self.gzipped += len(gzip.compress(body)) + sizes["responseHeadersSize"]
        if "/live/" in request.url:
            self.live += size


def page_weights(browser, origin: str, site: Path) -> None:
    print("Bytes downloaded before pressing Run (goal: at most 40 KB, none of it the runtime):")
    print(f"  {'page':22} {'uncompressed':>12} {'gzip':>8}")
    for html in html_pages(site):
        context = browser.new_context()
        downloads = Downloads(context)
        page = context.new_page()
        page.goto(origin + page_url(site, html), wait_until="networkidle")
        context.close()
        runtime = " (includes runtime files!)" if downloads.live else ""
        print(
            f"  {page_url(site, html):22} {downloads.total / 1000:9.1f} KB "
            f"{downloads.gzipped / 1000:5.1f} KB{runtime}"
        )


def floor_run(name: str) -> Callable[..., dict[str, float]]:
    """A run of the floor ``name``: its worker's time from start to answer."""

    def run(context, server: SiteServer) -> dict[str, float]:
        page = context.new_page()
        page.goto(server.origin + BARE_PAGE)
        took = page.evaluate(f"bare('{FLOORS[name][0]}')")
        page.close()
        return {name: took}

    return run


def live_run(context, server: SiteServer) -> dict[str, float]:
    page = context.new_page()
    page.add_init_script(WATCH_LONG_TASKS)
    page.goto(server.origin + LIVE_PAGE, wait_until="networkidle")
    before = server.bytes_sent
    timings = page.evaluate(RUN_TO_LAST_RESPONSE, "")
    sent = server.bytes_sent - before
    resend = page.evaluate(RESEND)
    console_gaps = page.evaluate(CONSOLE_AFTER_RESPONSE)
    long_tasks = page.evaluate("window.longTasks")
    page.goto(server.origin + BROWSER_PAGE, wait_until="networkidle")
    page.evaluate(RUN_TO_LAST_RESPONSE, BROWSER_BLOCK)
    browsing = page.evaluate(BROWSER_PAGE_DRAWN, BROWSER_BLOCK)
    page.close()
    return {
        "last": timings["last"],
        **timings["stages"],
        "bytes": sent,
        "longest": max(long_tasks, default=0.0),
        "resend": statistics.median(resend),
        "console": max(console_gaps),
        "browser page": browsing["page"],
        "browser reload": browsing["reload"],
    }


def live_timings(playwright, server: SiteServer, runs: int) -> None:
    # A browser profile of its own for each pair of runs: unlike a bare context,
    # it has a disk cache big enough for the WebAssembly, as a reader's has.
    cold, warm = [], []
    for _ in range(runs):
        cold.append({})
        warm.append({})
        for run in (live_run, *map(floor_run, FLOORS)):
            with tempfile.TemporaryDirectory() as profile:
                context = playwright.chromium.launch_persistent_context(
                    profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS
                )
                cold[-1].update(run(context, server))
                warm[-1].update(run(context, server))
                context.close()
    print(f"\nLive panel on {LIVE_PAGE}, {runs} cold and {runs} warm runs (medians):")
    for name, results in (("cold", cold), ("warm", warm)):
        median = {key: statistics.median(r[key] for r in results) for key in results[0]}
        print(
            f"  {name}: click on Run to the block's last response {median['last'] / 1000:.2f} s "
            f"(bare Pyodide and Flask, one request: {median['bare'] / 1000:.2f} s; "
            f"Pyodide's Python alone, no Flask: {median['python'] / 1000:.2f} s); "
            f"the worker had started {median['worker'] / 1000:.2f} s, "
            f"Python and Flask installed {median['python and flask installed'] / 1000:.2f} s, "
            f"Flask imported {median['flask imported'] / 1000:.2f} s after the click; "
            f"sent by the server {median['bytes'] / 1_000_000:.2f} MB, "
            f"longest main-thread task {median['longest']:.0f} ms "
            f"(0 = none over 50 ms), re-send {median['resend']:.1f} ms, console line shown "
            f"{median['console']:+.1f} ms from its response at the most (negative: before it; "
            f"goal: +50 ms at most); "
            f"in-page browser on {BROWSER_PAGE}: Browser tab to page drawn "
            f"{median['browser page']:.0f} ms, reload {median['browser reload']:.0f} ms"
        )


@contextmanager
def bare_worker(site: Path) -> Iterator[None]:
    """Write the bare worker and its page into the site while the block runs."""
    runtime = next((site / "live").glob("runtime-*")).name
    folder = site / BARE_PAGE.strip("/")
    folder.mkdir()
    try:
        (folder / "index.html").write_text(BARE_HTML)
        for script, source in FLOORS.values():
            (folder / script).write_text(source.replace("RUNTIME", f"live/{runtime}"))
        yield
    finally:
        shutil.rmtree(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "output")
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    with serving(arguments.site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page_weights(browser, server.origin, arguments.site)
        browser.close()
        with bare_worker(arguments.site):
            live_timings(playwright, server, arguments.runs)
    print_bundle_growth()


if __name__ == "__main__":
    main()
