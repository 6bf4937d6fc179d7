"""Benchmark: what a reader downloads and waits for, measured in Chromium.

Serves a built site (default: ``output/``) with a plain static file server
and prints, measured (nothing here is estimated):

- for each page, the bytes downloaded before pressing Run (goal: 40 KB at
  most, none of it the live runtime);
- for the live panels, over several cold runs (empty browser cache) and warm
  runs (cache filled by an earlier visit): the time from the click on Run to
  the first response, the bytes the server sent meanwhile (what the browser
  took from its cache is not counted), the longest main-thread task while
  loading, and the time to re-send a request.

Run it with ``invoke bench`` or ``python benchmarks/browser_figures.py``.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.site_checks import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    SiteServer,
    html_pages,
    page_url,
    serving,
)

LIVE_PAGE = "/flask-webserver/"
WATCH_LONG_TASKS = """
window.longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.longTasks.push(entry.duration);
}).observe({ type: "longtask", buffered: true });
"""
RUN_TO_FIRST_RESPONSE = """async () => {
  const exchange = document.querySelector(".exchange");
  const started = performance.now();
  exchange.querySelector(".live-run").click();
  const panel = await new Promise((resolve) => {
    const poll = () => {
      const found = exchange.querySelector(".live-panel");
      if (found && found.dataset.state === "ready") resolve(found);
      else setTimeout(poll, 5);
    };
    poll();
  });
  const ready = performance.now();
  const response = panel.querySelector(".live-response");
  panel.querySelector("button[type=submit]").click();
  await new Promise((resolve) => {
    const poll = () => (response.dataset.status ? resolve() : setTimeout(poll, 1));
    poll();
  });
  return { ready: ready - started, first: performance.now() - started };
}"""
RESEND = """async () => {
  const panel = document.querySelector(".live-panel");
  const response = panel.querySelector(".live-response");
  const times = [];
  for (let i = 0; i < 20; i++) {
    delete response.dataset.status;
    const started = performance.now();
    panel.querySelector("button[type=submit]").click();
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


def live_run(context, server: SiteServer) -> dict[str, float]:
    page = context.new_page()
    page.add_init_script(WATCH_LONG_TASKS)
    page.goto(server.origin + LIVE_PAGE, wait_until="networkidle")
    before = server.bytes_sent
    timings = page.evaluate(RUN_TO_FIRST_RESPONSE)
    sent = server.bytes_sent - before
    resend = page.evaluate(RESEND)
    long_tasks = page.evaluate("window.longTasks")
    page.close()
    return {
        "first": timings["first"],
        "ready": timings["ready"],
        "bytes": sent,
        "longest": max(long_tasks, default=0.0),
        "resend": statistics.median(resend),
    }


def live_timings(playwright, server: SiteServer, runs: int) -> None:
    # A browser profile of its own for each pair of runs: unlike a bare context,
    # it has a disk cache big enough for the WebAssembly, as a reader's has.
    cold, warm = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as profile:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            cold.append(live_run(context, server))
            warm.append(live_run(context, server))
            context.close()
    print(f"\nLive panel on {LIVE_PAGE}, {runs} cold and {runs} warm runs (medians):")
    for name, results in (("cold", cold), ("warm", warm)):
        median = {key: statistics.median(r[key] for r in results) for key in results[0]}
        print(
            f"  {name}: click to first response {median['first'] / 1000:.2f} s "
            f"(ready {median['ready'] / 1000:.2f} s), "
            f"sent by the server {median['bytes'] / 1_000_000:.2f} MB, "
            f"longest main-thread task {median['longest']:.0f} ms "
            f"(0 = none over 50 ms), re-send {median['resend']:.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "output")
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    with serving(arguments.site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page_weights(browser, server.origin, arguments.site)
        browser.close()
        live_timings(playwright, server, arguments.runs)


if __name__ == "__main__":
    main()
