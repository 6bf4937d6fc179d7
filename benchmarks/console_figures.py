"""Benchmark helpers for issue 24's goals, printed by ``browser_figures.py``.

- How long after its response a console line shows on the Server tab
  (goal: at most 50 ms), measured in Chromium over many sends.
- How much the panel's bundle grew since the Server tab came (goal: at most
  15 KB gzip-compressed): the panel bundled from ``theme/live/`` as it is
  now and as it was before that commit, both by esbuild with the build's
  options, then gzip-compressed.
"""

from __future__ import annotations

import gzip
import subprocess
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The commit before the one that added the Server tab (theme/live/server.js).
BEFORE_CONSOLE = "95ca833^"
# Sends the panel's request 20 times; for each, the time from its response shown
# to its console line shown, each noted by a MutationObserver as the DOM changes.
CONSOLE_AFTER_RESPONSE = """async () => {
  const panel = document.querySelector(".live-panel");
  const response = panel.querySelector(".live-response");
  const console = panel.querySelector(".live-console");
  const gaps = [];
  for (let i = 0; i < 20; i++) {
    delete response.dataset.status;
    const seen = {};
    const note = (what) => (seen[what] ??= performance.now());
    const watch = [
      new MutationObserver(() => response.dataset.status && note("response")),
      new MutationObserver(() => note("line")),
    ];
    watch[0].observe(response, { attributes: true, attributeFilter: ["data-status"] });
    watch[1].observe(console, { childList: true });
    [...panel.querySelectorAll("button")].find((button) => button.textContent === "Send").click();
    await new Promise((resolve) => {
      const poll = () => (seen.response && seen.line ? resolve() : setTimeout(poll, 0));
      poll();
    });
    watch.forEach((observer) => observer.disconnect());
    gaps.push(seen.line - seen.response);
  }
  return gaps;
}"""


def panel_bundle_gzip(tree: Path) -> int:
    """Bytes of the panel's bundle (``theme/live/main.js`` bundled as the build does), gzipped."""
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "live-panel.js"
        subprocess.run(
            [
                str(ROOT / "node_modules" / ".bin" / "esbuild"),
                str(tree / "theme" / "live" / "main.js"),
                "--bundle",
                "--format=esm",
                "--minify",
                "--legal-comments=none",
                f"--outfile={target}",
                "--log-level=error",
            ],
            check=True,
            cwd=ROOT,
        )
        return len(gzip.compress(target.read_bytes(), mtime=0))


def bundle_growth(before: str = BEFORE_CONSOLE) -> tuple[int, int]:
    """The panel bundle's gzip bytes at commit ``before`` and in the work tree now."""
    archive = subprocess.run(
        ["git", "archive", before, "theme/live", "plugins/example_core"],
        check=True,
        capture_output=True,
        cwd=ROOT,
    ).stdout
    with tempfile.TemporaryDirectory() as old:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(old, filter="data")
        then = panel_bundle_gzip(Path(old))
    return then, panel_bundle_gzip(ROOT)


def print_bundle_growth() -> None:
    then, now = bundle_growth()
    print(
        f"\nThe panel's bundle, gzip: {now / 1000:.1f} KB, {(now - then) / 1000:+.1f} KB since "
        f"before the Server tab ({BEFORE_CONSOLE}; goal: at most +15 KB)"
    )


if __name__ == "__main__":
    print_bundle_growth()
