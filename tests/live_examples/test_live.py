"""The live panels: every example runs in the reader's browser and answers as the build did.

The built site is served by a plain static file server and every request
outside it is blocked. Pyodide runs the same example files the build ran; a
click on Run sends every request of a block, and the panel compares each
answer (status line, every header, body) with what CPython gave at build time.
"""

from __future__ import annotations

import base64
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from playwright.sync_api import expect

from site_build.jobs import live_block, run_exchange_block
from tests.support.browser import visit_offline
from tests.support.live import (
    PANEL_TIMEOUT,
    READY,
    open_panel,
    replace_file,
    run_again,
    send,
    until,
    verdicts,
)
from tests.support.notes import ROOT, exchange_blocks, page_file

# The one difference the panel may explain on the project's pages (see differences.json).
SET_ORDER = "The methods in Allow come in another order."


def blocks_by_page() -> dict[str, list]:
    pages = defaultdict(list)
    for block in exchange_blocks():
        page = page_file(ROOT / block.note)
        pages["/" + page.removesuffix("index.html")].append(block)
    return dict(pages)


PAGES = blocks_by_page()


def test_a_block_file_holds_the_authored_requests_and_every_header_the_build_got(
    site, project_settings
):
    block = next(b for b in PAGES["/caching/"] if any("{{" in str(r) for r in b.requests))
    exchanges = run_exchange_block(block, project_settings)
    path, data = live_block(block, exchanges, project_settings)
    saved = json.loads((site / path).read_bytes())
    assert saved == json.loads(data)
    assert [r["name"] for r in saved["requests"]] == [r.name for r in block.requests]
    assert any("{{" in value for r in saved["requests"] for _, value in r["headers"])
    for answer, exchange in zip(saved["responses"], exchanges, strict=True):
        assert answer["status"] == exchange.response.status
        assert [tuple(h) for h in answer["headers"]] == list(exchange.response.headers)
        assert base64.b64decode(answer["body"]) == exchange.response.body


@pytest.mark.parametrize("path", PAGES)
def test_run_alone_answers_every_request_as_at_build_time(path, origin, browser):
    page, problems = visit_offline(browser, origin, path)
    exchanges = page.locator(".exchange")
    assert exchanges.count() == len(PAGES[path])
    for index, block in enumerate(PAGES[path]):
        panel = open_panel(page, exchanges.nth(index))
        got = verdicts(panel)
        where = f"{block.note}:{block.line}"
        assert len(got) == len(block.requests), where
        for verdict, why in got:
            # Same status line, every header and body (logging in too: see
            # kdf.js); or the same apart from the order of a set, for the
            # reason the panel gives.
            assert verdict == "same" or (verdict == "explained" and SET_ORDER in why), (
                f"{where}: {verdict}\n{panel.inner_text()}"
            )
    page.context.close()
    assert problems == []


@pytest.fixture
def hello_panel(origin, browser):
    page, problems = visit_offline(browser, origin, "/flask-webserver/")
    panel = open_panel(page, page.locator(".exchange").first)
    yield page, panel, problems
    page.context.close()
    assert problems == []


CLOCK_AND_HASHES = """
import datetime
import os
import sys
import time

from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    return {
        "time": time.time(),
        "now": datetime.datetime.now(datetime.timezone.utc).timestamp(),
        "hash_randomization": sys.flags.hash_randomization,
        "seed": os.environ.get("PYTHONHASHSEED"),
    }

"""
PASSWORD = """
from flask import Flask
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)


@app.get("/")
def home():
    methods = ("scrypt", "pbkdf2:sha256:1000")
    hashes = [generate_password_hash("secret", method) for method in methods]
    right = [check_password_hash(hashed, "secret") for hashed in hashes]
    wrong = [check_password_hash(hashed, "guess") for hashed in hashes]
    return f"{right} {wrong}"
"""

TIME_ZONE = """
from zoneinfo import ZoneInfo
from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    return str(ZoneInfo("Europe/Paris"))
"""


def test_the_clock_stands_at_the_builds_moment_and_hashing_is_pinned(hello_panel, project_settings):
    page, panel, _ = hello_panel
    replace_file(page, panel, CLOCK_AND_HASHES)
    status, body, shown = send(page, panel)
    assert status == "200", shown
    epoch = project_settings.epoch
    assert json.loads(body) == {
        "time": epoch,
        "now": epoch,
        "hash_randomization": 0,
        "seed": "0",
    }


def test_a_change_to_the_app_is_marked_line_by_line_when_run_again(hello_panel):
    page, panel, _ = hello_panel
    source = (ROOT / "examples" / "hello-flask" / "app.py").read_text()
    replace_file(page, panel, source.replace("Hello from Flask!", "Hello from your browser!"))
    assert [v for v, _ in run_again(page, panel)] == ["differs"]
    marked = panel.locator(".live-step .live-diff").all_text_contents()
    assert any("Hello from Flask!" in line and line.startswith("built:") for line in marked)
    assert any("Hello from your browser!" in line and line.startswith("here:") for line in marked)
    assert any(line.startswith("here: Content-Length: 24") for line in marked)
    panel.get_by_role("button", name="Start again").click()
    assert [v for v, _ in run_again(page, panel)] == ["same"]


def test_a_reference_takes_the_live_answer_not_the_builds(origin, browser):
    """Change the stylesheet: its ETag changes, and the If-None-Match sent after it follows."""
    page, problems = visit_offline(browser, origin, "/caching/")
    blocks = page.locator(".exchange[data-example=caching]")
    exchange = blocks.filter(has=page.locator(".exchange-request", has_text="If-None-Match")).first
    panel = open_panel(page, exchange)
    panel.get_by_role("tab", name="static/style.css").click()
    replace_file(page, panel, "body { color: teal; }\n")
    got = run_again(page, panel)
    assert [verdict for verdict, _ in got] == ["differs", "differs"]
    first, second = panel.locator(".live-step").all_text_contents()
    etag = re.search(r'here: ETag: ("[^"]+")', first)[1]
    panel.locator(".live-request select").first.select_option("1")
    assert f"If-None-Match: {etag}" in panel.locator(".live-request textarea").first.input_value()
    assert "HTTP/1.1 304 NOT MODIFIED" in second
    page.context.close()
    assert problems == []


def test_password_hashes_are_made_and_checked_in_the_browser(hello_panel):
    """Pyodide's hashlib lacks scrypt and pbkdf2_hmac: the page gives them (kdf.js)."""
    page, panel, _ = hello_panel
    replace_file(page, panel, PASSWORD)
    status, body, shown = send(page, panel)
    assert (status, body) == ("200", "[True, True] [False, False]"), shown


def test_a_difference_python_in_the_browser_cannot_avoid_says_why(hello_panel):
    page, panel, _ = hello_panel
    replace_file(page, panel, TIME_ZONE)
    status, _, shown = send(page, panel)
    assert status == "error"
    assert "ZoneInfoNotFoundError" in shown
    (verdict, why), *_ = run_again(page, panel)
    assert verdict == "error"
    assert "no time zone database" in why


def test_editing_app_py_changes_the_answer(hello_panel):
    page, panel, _ = hello_panel
    source = (ROOT / "examples" / "hello-flask" / "app.py").read_text()
    replace_file(page, panel, source.replace("Hello from Flask!", "Hello from your browser!"))
    status, body, shown = send(page, panel)
    assert (status, body) == ("200", "Hello from your browser!"), shown


def test_a_syntax_error_shows_a_traceback_and_the_panel_recovers(hello_panel):
    page, panel, _ = hello_panel
    replace_file(page, panel, "from flask import Flask\napp = Flask(__name__\n")
    status, _, shown = send(page, panel)
    assert status == "error"
    assert "SyntaxError" in shown
    panel.get_by_role("button", name="Start again").click()
    assert send(page, panel)[:2] == ("200", "Hello from Flask!")


def test_an_exception_in_a_view_shows_its_traceback(hello_panel):
    page, panel, _ = hello_panel
    source = (ROOT / "examples" / "hello-flask" / "app.py").read_text()
    replace_file(page, panel, source.replace('return "Hello from Flask!"', "return 1 / 0"))
    status, _, shown = send(page, panel)
    assert status == "error"
    assert "ZeroDivisionError" in shown
    assert "in home" in shown


PROBE = """
from flask import Flask

app = Flask(__name__)


@app.get("/")
def probe():
    import js

    names = ["document", "localStorage", "indexedDB", "caches", "fetch", "XMLHttpRequest"]
    return {name: str(getattr(js, name, "absent")) for name in names}


@app.get("/attack")
def attack():
    return (
        "<script>parent.document.title = 'attacked'</script>"
        "<img src=x onerror=\\"parent.document.body.dataset.attacked = 'yes'\\">"
        "<p>Nothing to see</p>"
    )
"""


def test_reader_code_cannot_reach_the_page_storage_or_network(hello_panel):
    page, panel, _ = hello_panel
    replace_file(page, panel, PROBE)
    status, body, _ = send(page, panel)
    assert status == "200"
    reachable = {
        name: value
        for name, value in __import__("json").loads(body).items()
        if value not in ("absent", "None")
    }
    assert reachable == {}


def test_rendered_html_cannot_touch_the_page_around_it(hello_panel):
    page, panel, problems = hello_panel
    replace_file(page, panel, PROBE)
    panel.locator(".live-request input[type=text]").fill("/attack")
    title = page.title()
    status, _, _ = send(page, panel)
    assert status == "200"
    frame = panel.locator("iframe.exchange-preview")
    assert frame.get_attribute("sandbox") == ""
    # Chromium says when it refused the frame's scripts: by then they would have run.
    refused = "frame is sandboxed and the 'allow-scripts'"
    until(page, lambda: any(refused in p for p in problems), "Chromium to refuse the scripts")
    assert page.title() == title
    assert page.evaluate("document.body.dataset.attacked") is None
    blocked = [p for p in problems if refused in p]
    assert blocked, "Chromium reports the scripts it refused to run"
    problems[:] = [p for p in problems if p not in blocked]


def test_nothing_of_the_runtime_loads_before_the_reader_asks(origin, browser):
    page, problems = visit_offline(browser, origin, "/routes/")
    loaded = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert not [url for url in loaded if "/live/" in url]
    page.context.close()
    assert problems == []


def test_a_page_without_javascript_is_the_static_page(site, origin, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(origin + "/routes/")
    assert page.locator(".live-run").count() == 0
    assert page.locator(".exchange-step").count() > 0
    built = Path(site, "routes", "index.html").read_text()
    assert page.content().count("exchange-step") == built.count("exchange-step")
    context.close()


def test_run_takes_the_reader_and_the_keyboard_focus_to_the_panel(origin, browser):
    page, problems = visit_offline(browser, origin, "/templates/")
    request = page.locator(".exchange-request", has_text="GET /lucky")
    exchange = page.locator(".exchange", has=request).first
    button = exchange.locator(".live-run")
    button.focus()
    page.keyboard.press("Enter")
    panel = exchange.locator(".live-panel")
    panel.wait_for()
    # The panel comes after the block's answers, a screen or more below the button.
    assert panel.evaluate("p => document.activeElement === p")
    assert panel.evaluate("p => p.getBoundingClientRect().top") < page.viewport_size["height"]
    page.wait_for_function(READY, arg=panel.element_handle(), timeout=PANEL_TIMEOUT)
    expect(button).to_have_text("Go to the live panel")
    page.evaluate("scrollTo(0, 0)")
    button.click()
    assert panel.evaluate("p => document.activeElement === p")
    assert 0 <= panel.evaluate("p => p.getBoundingClientRect().top") < 100
    page.context.close()
    assert problems == []
