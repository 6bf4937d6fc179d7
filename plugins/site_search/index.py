"""Run Pagefind over a built site, leaving in ``pagefind/`` only what the site's search loads.

Pagefind's output is the same bytes for the same pages (checked by
``tests/site/test_gate_reproducible.py``): its index and fragment files are
named by a hash of their content, so a browser may keep them; the few files
with fixed names (``pagefind.js``, its worker, its WebAssembly, the entry
JSON) are checked on every use (see ``content/extra/_headers``).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

PAGEFIND = Path(__file__).resolve().parents[2] / "node_modules" / ".bin" / "pagefind"
BUNDLE = "pagefind"
# Pagefind's own interfaces: the site has its own (theme/static/js/page.js, search-ui.js).
UNUSED = ("pagefind-*ui.*", "pagefind-highlight.js")


class SearchIndexError(Exception):
    """Pagefind is missing, or failed; the message says which and why."""


def index_site(output: Path) -> Path:
    """Index the pages of ``output`` into ``output/pagefind/``; return that folder."""
    if not PAGEFIND.is_file():
        raise SearchIndexError(f"{PAGEFIND} is missing, and builds the search index: run npm ci")
    bundle = output / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    command = [
        str(PAGEFIND),
        f"--site={output}",
        f"--output-subdir={BUNDLE}",
        "--silent",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexError(f"pagefind exited with {done.returncode}: {done.stderr.strip()}")
    for pattern in UNUSED:
        for path in bundle.glob(pattern):
            path.unlink()
    return bundle
