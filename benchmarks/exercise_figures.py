"""Benchmark: an exercise's Check, from the click to the verdict shown, measured in Chromium.

Serves a built site (default: ``output/``), opens the routes note's first
*write it* exercise and waits until its Python is ready (the runtime
loaded), checks once to warm up, then times each Check: the click to the
verdict drawn on the page (the page's Python loads the files afresh, sends
the exercise's requests and compares each check). Goal: at most 100 ms.

Beside it, on the same page and worker at the same moment, the floor: the
click on an exchange block's Run again to its answers shown (the same worker
loading the same kind of app afresh and sending its requests, with no
checks).

Run it with ``invoke bench`` or ``python benchmarks/exercise_figures.py``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.site_checks import CHROMIUM, CHROMIUM_ARGS, serving  # noqa: E402

PAGE = "/routes/"
GOAL_MS = 100
# Click ``button`` in ``panel`` ``times`` times; each time, the milliseconds until the panel
# is ready again with ``shown`` (a selector) in it, drawn.
TIME_CLICKS = """async ([panel, name, shown, times]) => {
  const button = [...panel.querySelectorAll("button")].find((b) => b.textContent === name);
  const found = [];
  for (let i = 0; i < times; i++) {
    panel.querySelector(".exercise-verdict, .live-steps").replaceChildren();
    const started = performance.now();
    button.click();
    await new Promise((resolve) => {
      const done = () => panel.dataset.state === "ready" && panel.querySelector(shown);
      const poll = () => (done() ? resolve() : setTimeout(poll, 0));
      poll();
    });
    await new Promise(requestAnimationFrame);
    found.push(performance.now() - started);
  }
  return found;
}"""
VERDICT_SHOWN = ".exercise-verdict-heading"
ANSWERS_SHOWN = ".live-step"


def ready(page, panel) -> None:
    page.wait_for_function(
        "p => p.dataset.state === 'ready'", arg=panel.element_handle(), timeout=120_000
    )


def timings(page, panel, name: str, shown: str, times: int) -> list[float]:
    return panel.evaluate(f"p => ({TIME_CLICKS})([p, {name!r}, {shown!r}, {times}])")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "output")
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    with serving(arguments.site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(server.origin + PAGE, wait_until="networkidle")
        section = page.locator("section.exercise:not(.predict)").first
        section.scroll_into_view_if_needed()  # its script comes once it is near the screen
        section.get_by_role("button", name="Do it in your browser").click()
        panel = section.locator(".exercise-panel")
        ready(page, panel)
        timings(page, panel, "Check", VERDICT_SHOWN, 1)  # the first loads the app's imports
        checks = timings(page, panel, "Check", VERDICT_SHOWN, arguments.runs * 4)
        exchange = page.locator(".exchange[data-live]").first
        exchange.locator(".live-run").click()
        floor_panel = exchange.locator(".live-panel")
        ready(page, floor_panel)
        floor = timings(page, floor_panel, "Run again", ANSWERS_SHOWN, arguments.runs * 4)
        browser.close()
    print(
        f"\nExercise on {PAGE}, runtime loaded, {len(checks)} Checks: click on Check to the "
        f"verdict shown, median {statistics.median(checks):.0f} ms, "
        f"slowest {max(checks):.0f} ms (goal: at most {GOAL_MS} ms); "
        f"the floor, Run again on an exchange block to its answers shown, "
        f"median {statistics.median(floor):.0f} ms"
    )


if __name__ == "__main__":
    main()
