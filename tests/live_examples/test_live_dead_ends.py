"""No dead ends in the live panel: whatever a student breaks, it says what happened and goes on.

A malformed header line in the request form is named, at the field, and
nothing is sent. In the Browser tab, a view that raises shows its traceback
as the page, line by line, and Reload after a fix shows the fixed page; the
tab starts at a page that answered 200, and every block of an example that
served an HTML page in the build offers it. A view that never answers is
stopped at the request's time limit, in words that name the limit, and
Python starts afresh: then Send and Run again work in that panel and in
every other panel of the page.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.support.live import (
    act,
    block_with,
    go_to,
    open_browser,
    open_panel,
    replace_file,
    run_again,
    send,
    shown,
)
from tests.support.notes import ROOT

HELLO = (ROOT / "examples" / "hello-flask" / "app.py").read_text()
BROKEN_HELLO = HELLO.replace('return f"Hello, {escape(name)}!"', 'return f"Hello, {escape(nme)}!"')
ENDLESS_VIEW = HELLO.replace('    return "Hello from Flask!"', "    while True:\n        pass")


def test_a_view_that_never_answers_is_stopped_at_the_limit_and_every_panel_goes_on(visit):
    assert ENDLESS_VIEW != HELLO
    page = visit("/flask-webserver/")
    blocks = page.locator(".exchange[data-example=hello-flask]")
    first = open_panel(page, blocks.nth(0))
    second = open_panel(page, blocks.nth(1))

    replace_file(page, first, ENDLESS_VIEW)
    status, _, shown = send(page, first)
    assert status == "stopped", shown
    said = first.locator(".live-stop-status").inner_text()
    assert re.search(r"\b\d+ seconds\b", said), said
    assert "raised an exception" not in first.inner_text()
    # Run again stops at the same limit, and says so in place of the answers.
    run_again(page, first)
    said = first.locator(".live-step").inner_text()
    assert re.search(r"\b\d+ seconds\b", said), said
    assert "raised an exception" not in said

    # The other panel's app lived in the Python that was stopped: it is loaded again, unasked.
    assert send(page, second)[:2] == ("200", "Hello, Ada!")
    replace_file(page, first, HELLO)
    assert send(page, first)[:2] == ("200", "Hello from Flask!")
    assert send(page, second)[:2] == ("200", "Hello, Ada!")
    for panel in (first, second):
        assert [verdict for verdict, _ in run_again(page, panel)] == ["same"]
        assert "postMessage" not in panel.inner_text()
        assert "KeyError" not in panel.inner_text()


def test_a_malformed_header_line_is_named_at_the_field_and_nothing_is_sent(visit):
    page = visit("/flask-webserver/")
    panel = open_panel(page, page.locator(".exchange[data-example=hello-flask]").first)
    headers = panel.get_by_label("Headers (one per line)")
    headers.fill("Accept: text/html\nX-Token abc")
    panel.get_by_role("button", name="Send").click()
    problem = panel.locator(".live-field-problem")
    expect(problem).to_contain_text("Header line 2 (X-Token abc) has no colon")
    assert headers.get_attribute("aria-invalid") == "true"
    assert headers.evaluate("h => document.activeElement === h")
    assert panel.locator(".live-response").get_attribute("data-status") is None
    assert "raised an exception" not in panel.inner_text()

    headers.fill("X Token: abc")
    headers.press("Control+Enter")
    expect(problem).to_contain_text("has a name HTTP does not allow")

    headers.fill("Accept: text/html")
    assert send(page, panel)[:2] == ("200", "Hello from Flask!")
    assert problem.inner_text() == ""
    assert headers.get_attribute("aria-invalid") is None


def test_the_browser_shows_a_traceback_page_and_reload_after_a_fix_shows_the_fixed_page(visit):
    assert BROKEN_HELLO != HELLO
    page = visit("/flask-webserver/")
    panel = open_browser(page, page.locator(".exchange[data-example=hello-flask]").first)
    replace_file(page, panel, BROKEN_HELLO)
    go_to(page, panel, "/hello/Ada")
    address, text = shown(panel)
    assert address == "/hello/Ada"
    lines = text.splitlines()
    assert "Traceback (most recent call last):" in lines, text
    assert any(line.startswith("NameError: name 'nme' is not defined") for line in lines), text
    frame = panel.frame_locator("iframe.live-page")
    assert frame.locator("html").get_attribute("lang") == "en"
    assert frame.locator("title").inner_text() == "The app raised an exception"
    assert "Fix the app, then Reload." in lines

    replace_file(page, panel, HELLO)
    act(page, panel, lambda: panel.get_by_role("button", name="Reload").click())
    assert shown(panel) == ("/hello/Ada", "Hello, Ada!")
    assert panel.locator(".live-browser-note").inner_text() == ""


def test_the_browser_starts_at_a_page_that_answered_200_not_at_an_error_page(visit):
    page = visit("/bigger-app/")
    panel = open_browser(page, block_with(page, "club", "POST /events/1/join"))
    address, text = shown(panel)
    assert address == "/events/1"
    assert "Method Not Allowed" not in text


def test_every_block_of_an_example_that_serves_html_offers_the_browser_tab(visit):
    # json-api and methods serve a page some of their blocks show; errors serves its own 404 page.
    examples = [("/json-api/", "json-api"), ("/methods/", "methods"), ("/errors/", "errors")]
    for path, example in examples:
        page = visit(path)
        blocks = page.locator(f".exchange[data-example={example}]")
        assert blocks.count() >= 3
        for index in range(blocks.count()):
            panel = open_panel(page, blocks.nth(index))
            expect(panel.get_by_role("tab", name="Browser")).to_have_count(1)


def test_a_block_with_no_page_of_its_own_opens_the_browser_at_a_page_of_its_example(visit):
    page = visit("/methods/")
    panel = open_browser(page, block_with(page, "methods", "DELETE /tasks"))
    assert shown(panel) == ("/welcome", "Welcome")
