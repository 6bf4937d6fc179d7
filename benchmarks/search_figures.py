"""Benchmark: what the site's search costs, to build and to a reader, measured.

On a built site (default: ``output/``), prints:

- the time Pagefind takes to index it (median of several runs, each on a
  fresh copy of the site) and the size of the index folder it writes;
- in Chromium, from a page as it loaded (nothing of the search fetched yet):
  the bytes a reader's first search costs (the search code, Pagefind's code,
  its WebAssembly, the index chunks and the fragments of the results shown),
  and the time from typing a query to its results shown, warm (code and
  index already loaded), for a few queries (goal: 100 ms at most).

Run it with ``invoke bench`` or ``python benchmarks/search_figures.py``.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

from site_search.index import BUNDLE, index_site  # noqa: E402
from tests.support.site_checks import CHROMIUM, CHROMIUM_ARGS, serving  # noqa: E402

QUERIES = ("304", "If-None-Match", "session", "waitress", "405")
SHOW_RESULTS = """async (query) => {
  const box = document.getElementById("search-box");
  const status = () => document.querySelector(".search-status")?.textContent ?? "";
  const until = (done) => new Promise((resolve) => {
    const poll = () => (done() ? resolve() : requestAnimationFrame(poll));
    poll();
  });
  box.value = "";
  box.dispatchEvent(new Event("input"));
  await until(() => status() === "");
  const started = performance.now();
  box.value = query;
  box.dispatchEvent(new Event("input"));
  await until(() => status().includes(`“${query}”`));
  return performance.now() - started;
}"""


def index_figures(site: Path, runs: int) -> None:
    """Print Pagefind's indexing time over ``site`` and the size of what it writes."""
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch) / "site"
            shutil.copytree(site, copy)
            started = time.perf_counter()
            bundle = index_site(copy)
            times.append(time.perf_counter() - started)
            files = [p for p in bundle.rglob("*") if p.is_file()]
            size = sum(p.stat().st_size for p in files)
    print(f"search index: built in {statistics.median(times):.2f} s (median of {runs})")
    print(f"search index: {size / 1000:.0f} KB in {len(files)} files ({BUNDLE}/)")


def reader_figures(site: Path, runs: int) -> None:
    """Print the bytes of a first search and the warm time from typing to results."""
    with serving(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context().new_page()
        page.goto(server.origin + "/routes/", wait_until="networkidle")
        fetched: list[int] = []
        page.on("requestfinished", lambda r: fetched.append(r.sizes()["responseBodySize"]))
        page.locator("#search-box").focus()
        page.evaluate(SHOW_RESULTS, "304")
        page.wait_for_load_state("networkidle")
        print(
            f"search: a first search ('304') downloads {sum(fetched) / 1000:.0f} KB "
            f"in {len(fetched)} files (bodies, uncompressed)"
        )
        for query in QUERIES:
            page.evaluate(SHOW_RESULTS, query)  # the query's chunks and fragments, once
            times = [page.evaluate(SHOW_RESULTS, query) for _ in range(runs)]
            print(
                f"search: '{query}' typed to results shown, warm: "
                f"{statistics.median(times):.0f} ms (median of {runs}; goal: at most 100 ms)"
            )
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "output")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    index_figures(args.site, args.runs)
    reader_figures(args.site, args.runs)


if __name__ == "__main__":
    main()
