"""axe-core in every state of a live panel, light and dark, on a wide screen and a phone.

Each state is left as a reader leaves it: the pointer resting on the last
control used, and the keyboard focus on it (a selected tab under the pointer
was unreadable once). Every state on one panel of one page, then the first
panel of every other page with its answers shown; axe runs over the panel
alone (the site's gate runs it over every page), so that it stays quick.
"""

from __future__ import annotations

import pytest

from tests.support.browser import axe_everywhere as axe_in_every_scheme
from tests.support.live import block_with, open_panel, replace_file, send, wait_for_page
from tests.support.notes import ROOT, exchange_blocks, page_file
from tests.support.site_checks import AXE

WIDTHS = (1280, 360)

BROKEN_SIGNUP = """from flask import Flask

app = Flask(__name__)


@app.post("/signup")
def signup():
    raise RuntimeError("broken on purpose")
"""
ENDLESS_SIGNUP = BROKEN_SIGNUP.replace(
    'raise RuntimeError("broken on purpose")', "while True:\n        pass"
)
# Each page with a live panel, by its path.
PAGES = sorted(
    {"/" + page_file(ROOT / block.note).removesuffix("index.html") for block in exchange_blocks()}
)


def axe_everywhere(page, region, control, state: str) -> list[str]:
    """Serious axe faults in ``region``, light and dark, at 1280 and 360 px."""
    return axe_in_every_scheme(page, region, control, state, WIDTHS)


def test_axe_finds_nothing_serious_in_any_state_of_the_panel(visit):
    page = visit("/methods/")
    panel = open_panel(page, block_with(page, "methods", "POST /signup"))
    page.add_script_tag(path=str(AXE))
    found = []

    run_again = panel.get_by_role("button", name="Run again")
    found += axe_everywhere(page, panel, run_again, "answers shown")

    editor = panel.locator(".live-file:not([hidden]) .cm-content")
    editor.click()
    found += axe_everywhere(page, panel, editor, "editor focused")

    browser_tab = panel.get_by_role("tab", name="Browser")
    browser_tab.click()
    wait_for_page(page, panel)
    found += axe_everywhere(page, panel, browser_tab, "browser with a page")

    row = panel.locator(".live-network tbody tr button").first
    row.click()
    assert row.get_attribute("aria-expanded") == "true"
    found += axe_everywhere(page, panel, row, "a network log row opened")

    panel.get_by_role("tab", name="Answers").click()
    replace_file(page, panel, BROKEN_SIGNUP)
    status, _, shown = send(page, panel)
    assert status == "error" and "broken on purpose" in shown, shown
    send_button = panel.get_by_role("button", name="Send")
    found += axe_everywhere(page, panel, send_button, "an error shown")

    panel.get_by_role("tab", name="Server").click()
    server_tab = panel.get_by_role("tab", name="Server")
    found += axe_everywhere(page, panel, server_tab, "the server's console with a traceback")

    panel.get_by_role("tab", name="Answers").click()
    replace_file(page, panel, ENDLESS_SIGNUP)
    status, _, shown = send(page, panel)
    assert status == "stopped", shown
    found += axe_everywhere(page, panel, send_button, "stopped at the time limit")

    assert found == []


@pytest.mark.parametrize("path", [path for path in PAGES if path != "/methods/"])
def test_axe_finds_nothing_serious_in_the_first_panel_of_every_page(visit, path):
    page = visit(path)
    panel = open_panel(page, page.locator(".exchange").first)
    page.add_script_tag(path=str(AXE))
    run_again = panel.get_by_role("button", name="Run again")
    assert axe_everywhere(page, panel, run_again, f"{path}, answers shown") == []
