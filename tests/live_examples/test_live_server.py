"""The panel's Server tab: the console the page shows, printed again by the app in the browser."""

from __future__ import annotations

from playwright.sync_api import expect

from example_core.console import without_whole_line_carets
from tests.support.browser import visit_offline
from tests.support.live import block_with, open_panel, replace_file, send

PRINTING = """
from flask import Flask

app = Flask(__name__)


@app.get("/share/<int:people>")
def share(people: int):
    print("sharing between", people)
    return "shared"
"""


def test_the_server_tab_prints_what_the_page_console_shows_then_each_request(browser, origin):
    page, problems = visit_offline(browser, origin, "/errors/")
    exchange = block_with(page, "crash", "GET /share/12")
    built = exchange.locator(".exchange-console pre").inner_text()
    panel = open_panel(page, exchange)
    tab = panel.get_by_role("tab", name="Server")
    tab.focus()
    page.keyboard.press("Enter")
    console = panel.get_by_role("log", name="What the server printed")
    expect(console).to_be_visible()
    # One console, two places: the browser's Python printed what the build's did
    # (apart from the carets under a traceback's steps, which Pythons draw differently).
    assert without_whole_line_carets(console.inner_text()) == without_whole_line_carets(built)
    assert "ERROR in app: Exception on /share/0 [GET]" in built
    assert 'File "crash/app.py", line 22, in share' in built

    replace_file(page, panel, PRINTING)
    panel.locator(".live-request input[type=text]").fill("/share/3")
    assert send(page, panel)[0] == "200"
    lines = console.inner_text().splitlines()
    assert lines[-2] == "sharing between 3"
    assert lines[-1].endswith('"GET /share/3 HTTP/1.1" 200 -')

    panel.get_by_role("button", name="Clear the console").click()
    expect(console).to_be_hidden()
    expect(panel.get_by_text("Nothing yet: send a request.")).to_be_visible()
    page.context.close()
    assert problems == []


def test_a_block_without_debug_drops_info_lines_after_one_in_debug_mode_ran(browser, origin):
    """One Python runs every panel of a page, as ``flask run`` runs one app: no level carried over.

    Flask sets the ``app`` logger to ``DEBUG`` for an app in debug mode; the
    block without debug, run after it, still shows only its warning.
    """
    page, problems = visit_offline(browser, origin, "/errors/")
    crash = page.locator(".exchange[data-example=crash]")
    open_panel(page, crash.filter(has_text="INFO in app: Sharing").first)
    built = run_and_compare_consoles(page, block_with(page, "crash", "GET /share/12"))
    assert "WARNING in app: 12 people" in built and "INFO in app" not in built
    page.context.close()
    assert problems == []


def run_and_compare_consoles(page, exchange) -> str:
    """Run ``exchange``'s block; its Server tab must print what the build did. Returns that."""
    built = exchange.locator(".exchange-console pre").inner_text()
    panel = open_panel(page, exchange)
    panel.get_by_role("tab", name="Server").click()
    console = panel.get_by_role("log", name="What the server printed")
    expect(console).to_be_visible()
    assert without_whole_line_carets(console.inner_text()) == without_whole_line_carets(built)
    return built


SETS_UP_LOGGING = """
import logging

from flask import Flask

logging.basicConfig(level=logging.DEBUG, format="root: %(message)s")
logging.getLogger("werkzeug").setLevel(logging.ERROR)
app = Flask(__name__)


@app.get("/share/<int:people>")
def share(people: int):
    app.logger.warning("set up by the reader")
    return "shared"
"""


def test_a_readers_logging_set_up_does_not_reach_the_next_app_loaded(browser, origin):
    """As in a fresh process: an earlier app's ``basicConfig`` and levels are gone.

    Without that, the next app's warning would print twice (the root logger's
    handler too) and its access line not at all (Werkzeug's logger at ``ERROR``).
    """
    page, problems = visit_offline(browser, origin, "/errors/")
    crash = page.locator(".exchange[data-example=crash]")
    first = open_panel(page, crash.filter(has_text="INFO in app: Sharing").first)
    replace_file(page, first, SETS_UP_LOGGING)
    first.locator(".live-request input[type=text]").fill("/share/3")
    assert send(page, first)[0] == "200"
    first.get_by_role("tab", name="Server").click()
    printed = first.get_by_role("log", name="What the server printed").inner_text()
    assert "root: set up by the reader" in printed, printed
    assert "GET /share/3" not in printed, "Werkzeug's logger was set to ERROR by the reader"

    run_and_compare_consoles(page, block_with(page, "crash", "GET /share/12"))
    page.context.close()
    assert problems == []
