"""Each panel's logging is its own, as each app's is in its own process (``panel_logging``).

The page's Python runs every panel's app; these run the module in CPython,
in a fresh interpreter each, so the test process's own logging is left alone.
"""

from __future__ import annotations

import subprocess
import sys

from tests.support.notes import ROOT

TWO_PANELS = """
import io, logging, sys
import flask.logging
from flask import Flask
from panel_logging import PanelLogging

printed = io.StringIO()
sys.stderr = printed
reader, other = PanelLogging(), PanelLogging()

def app_in_debug():
    app = Flask("club")
    app.debug = True
    return app

with reader.in_place():
    logging.basicConfig(level=logging.DEBUG, format="root: %(message)s")
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    logging.getLogger("werkzeug").addFilter(lambda record: False)
    flask.logging.default_handler.setFormatter(logging.Formatter("reader's format: %(message)s"))
    logging.disable(logging.WARNING)

with other.in_place():
    club = app_in_debug()
    club.logger.info("an INFO line in debug mode")
    werkzeug = logging.getLogger("werkzeug")
    print("other:", logging.root.handlers, werkzeug.level, werkzeug.filters, file=sys.__stdout__)

with reader.in_place():
    logging.getLogger("club").info("hidden by logging.disable")
    werkzeug = logging.getLogger("werkzeug")
    print("reader:", len(logging.root.handlers), werkzeug.level, len(werkzeug.filters),
          file=sys.__stdout__)

with other.in_place():
    club.logger.info("still in debug mode after the reader's panel worked")

print(printed.getvalue(), end="", file=sys.__stdout__)
"""


def test_a_panels_logging_set_up_neither_reaches_nor_is_lost_by_another_panel():
    result = subprocess.run(
        [sys.executable, "-c", TWO_PANELS],
        cwd=ROOT / "plugins" / "live_examples",
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    other, reader, *printed = result.stdout.splitlines()
    # The other panel's app sees logging as a fresh process has it...
    assert other == "other: [] 0 []"
    # ...and the reader's panel gets its own set-up back: a handler, ERROR (40), a filter.
    assert reader == "reader: 1 40 1"
    # Flask's handler keeps its own format for the other app, in debug mode, each time.
    assert len(printed) == 2, printed
    assert printed[0].endswith("INFO in <string>: an INFO line in debug mode"), printed
    still = "INFO in <string>: still in debug mode after the reader's panel worked"
    assert printed[1].endswith(still), printed
