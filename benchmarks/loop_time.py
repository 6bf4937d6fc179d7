"""Benchmark: from saving an example to the rebuilt page in the browser, with ``invoke livereload``.

Runs ``invoke livereload`` on a copy of the site, opens its start page in
Chromium, then saves ``examples/hello-flask/app.py`` with a new answer, again
and again. For each save it prints, measured:

- the build time the loop reports (only the edited example's blocks run;
  the other notes come from Pelican's content cache);
- the time from the save to the reloaded page, with the new answer, having
  fired ``DOMContentLoaded``: the wait an author sees.

Run it with ``invoke bench`` or ``python benchmarks/loop_time.py``.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.loop_driver import Loop, copy_site, edit  # noqa: E402
from tests.support.servers import free_port  # noqa: E402
from tests.support.site_checks import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

ANSWER = "Hello from Flask!"
# When the page now shown finished loading, in milliseconds since the Unix epoch.
PAGE_READY = """() => performance.timeOrigin
    + performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd"""


def measure(runs: int) -> tuple[list[float], list[float]]:
    """Build times and save-to-page times, in seconds, of ``runs`` saves."""
    builds, waits = [], []
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        site = copy_site(Path(scratch) / "site")
        loop = Loop(site, "livereload", free_port())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            loop.wait_for(r"^Serving at", timeout=120)
            page = browser.new_page()
            page.goto(loop.url("/"))
            loop.wait_for("Browser Connected")
            response = page.locator(".exchange[data-example=hello-flask] .exchange-response")
            app = site / "examples" / "hello-flask" / "app.py"
            answer = ANSWER
            for run in range(runs):
                new_answer = f"Hello, save number {run + 1}!"
                saved = time.time()
                edit(app, answer, new_answer)
                answer = new_answer
                expect(response.first).to_contain_text(answer, timeout=10_000)
                waits.append(page.evaluate(PAGE_READY) / 1000 - saved)
                rebuilt = loop.wait_for(r"^Rebuilt in ")
                builds.append(float(re.search(r"Rebuilt in ([\d.]+) s", rebuilt)[1]))
                time.sleep(0.5)  # let the loop settle, as an author reading the page would
        finally:
            browser.close()
            loop.stop()
    return builds, waits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    builds, waits = measure(runs)
    print(f"Author's loop, {runs} saves of examples/hello-flask/app.py (medians, then worst):")
    print(f"  rebuild:                     {statistics.median(builds):.2f} s, {max(builds):.2f} s")
    print(f"  save to the page in Chromium: {statistics.median(waits):.2f} s, {max(waits):.2f} s")


if __name__ == "__main__":
    main()
