"""The panel cannot be locked: Stop ends Python's work at once, and a Python that dies is replaced.

Python runs in one worker; Stop ends that worker, and the next Run or Send
starts a new one. A worker that runs out of memory is ended the same way,
with a plain message. Either way the page is never reloaded.
"""

from __future__ import annotations

import time

import pytest

from tests.support.browser import visit_offline
from tests.support.live import READY, STEP_TIMEOUT, open_panel, replace_file, run_again
from tests.support.notes import ROOT
from tests.support.site_checks import static_server

ENDLESS_IMPORT = """
from flask import Flask

app = Flask(__name__)

while True:
    pass
"""

HOARDER = """
from flask import Flask

app = Flask(__name__)
hoard = []


@app.get("/")
def home():
    hoard.extend(b"x" * 1_100_000_000 for _ in range(2))
    return "held"
"""

HELLO = (ROOT / "examples" / "hello-flask" / "app.py").read_text()


@pytest.fixture(scope="module")
def origin(site):
    with static_server(site) as served:
        yield served


@pytest.fixture
def hello_panel(origin, browser):
    page, problems = visit_offline(browser, origin, "/flask-webserver/")
    panel = open_panel(page, page.locator(".exchange").first)
    yield page, panel
    page.context.close()
    assert problems == []


def test_stop_ends_an_endless_import_and_the_next_run_works(hello_panel):
    page, panel = hello_panel
    replace_file(page, panel, ENDLESS_IMPORT)
    panel.get_by_role("button", name="Run again").click()
    stop = panel.get_by_role("button", name="Stop Python")
    stop.wait_for(state="visible", timeout=20_000)
    page.wait_for_timeout(1_000)  # Python is now inside the endless import
    assert panel.get_attribute("data-state") == "running"
    stop.focus()
    started = time.monotonic()
    page.keyboard.press("Enter")
    page.wait_for_function(READY, arg=panel.element_handle(), timeout=5_000)
    assert time.monotonic() - started < 1.0
    assert stop.is_hidden()
    status = panel.get_by_role("status").filter(has_text="Python was stopped")
    assert status.count() == 1
    # The focus stays in the panel, on the control that runs the block again.
    assert panel.get_by_role("button", name="Run again").evaluate(
        "b => document.activeElement === b"
    )
    replace_file(page, panel, HELLO)
    assert [verdict for verdict, _ in run_again(page, panel)] == ["same"]
    assert status.count() == 0, "the message goes once Python works again"


def test_a_python_out_of_memory_says_so_and_the_next_send_works(hello_panel):
    page, panel = hello_panel
    replace_file(page, panel, HOARDER)
    response = panel.locator(".live-response")
    panel.get_by_role("button", name="Send").click()
    page.wait_for_function(
        "r => r.dataset.status", arg=response.element_handle(), timeout=STEP_TIMEOUT
    )
    assert response.get_attribute("data-status") == "stopped", response.inner_text()
    status = panel.locator(".live-stop-status")
    assert "Python ran out of memory" in status.inner_text()
    assert "Unexpected token" not in panel.inner_text()
    assert panel.get_by_role("button", name="Send").is_enabled()
    replace_file(page, panel, HELLO)
    response.evaluate("r => { delete r.dataset.status; delete r.dataset.body; }")
    panel.get_by_role("button", name="Send").click()
    page.wait_for_function(
        "r => r.dataset.status", arg=response.element_handle(), timeout=STEP_TIMEOUT
    )
    assert (response.get_attribute("data-status"), response.get_attribute("data-body")) == (
        "200",
        "Hello from Flask!",
    )
