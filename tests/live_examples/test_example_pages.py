"""The examples' HTML pages are whole documents: a language and a title, as students should copy.

Every HTML answer of the build with markup in it, whether from a template,
from a view or from Werkzeug, says its language (``<html lang>``, WCAG
3.1.1) and has a ``<title>`` (WCAG 2.4.2); so does each page the Browser
tab draws. A plain string that Flask sends as HTML ("Hello, Ada!") has no
markup to copy, and is left as the notes teach it.
"""

from __future__ import annotations

import base64
import json
import re

from tests.support.live import block_with, go_to, open_browser

MARKUP = re.compile(r"<[a-z!]", re.IGNORECASE)


def html_answers(site) -> list[tuple[str, str, str]]:
    """Each HTML answer with markup in the build's block files: example, request line, body."""
    answers = []
    for path in sorted((site / "live" / "blocks").glob("*.json")):
        block = json.loads(path.read_text())
        for request, response in zip(block["requests"], block["responses"], strict=False):
            headers = {name.lower(): value for name, value in response["headers"]}
            body = base64.b64decode(response.get("body") or "").decode("utf-8", "replace")
            if headers.get("content-type", "").startswith("text/html") and MARKUP.search(body):
                line = f"{request['method']} {request['target']}"
                answers.append((block["example"], line, body))
    return answers


def test_every_html_page_of_the_examples_has_a_language_and_a_title(site):
    answers = html_answers(site)
    assert len(answers) > 20
    lacking = [
        f"{example}: {line}"
        for example, line, body in answers
        if not re.search(r"<html[^>]*\slang=", body) or "<title>" not in body
    ]
    assert lacking == []


def test_the_pages_the_browser_tab_draws_have_a_language_and_a_title(visit):
    page = visit("/methods/")
    panel = open_browser(page, block_with(page, "methods", "POST /signup"))
    frame = panel.frame_locator("iframe.live-page")
    pages = [("/signup", "Sign up"), ("/welcome", "Welcome"), ("/missing", "404 Not Found")]
    for path, title in pages:
        go_to(page, panel, path)
        assert frame.locator("html").get_attribute("lang") == "en", path
        assert frame.locator("title").inner_text() == title, path
