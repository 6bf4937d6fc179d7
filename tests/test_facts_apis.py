"""What the notes on JSON APIs, sessions and errors say without an exchange to show it.

Each test pins one sentence of a note to the pinned Flask and Werkzeug, or
to what Chromium really does, so the sentence cannot quietly go wrong.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask import Flask
from flask_exchanges.loading import load_app
from playwright.sync_api import sync_playwright

from tests.conftest import EXAMPLES
from tests.site_checks import CHROMIUM, CHROMIUM_ARGS
from tests.test_real_server import development_server


@pytest.fixture
def fresh_app(monkeypatch):
    """Load an example in this process, in its folder as a build child does; cwd comes back."""
    monkeypatch.chdir(Path.cwd())

    def load(example: str, *, debug: bool) -> Flask:
        app = load_app(EXAMPLES / example)
        app.debug = debug
        return app

    return load


@pytest.mark.parametrize("debug", [True, False])
def test_json_api_broken_json_says_where_only_in_debug_mode(fresh_app, debug):
    """11-json-api.md: the message saying where the JSON broke is there only in debug mode."""
    client = fresh_app("json-api", debug=debug).test_client()
    response = client.post(
        "/api/books", data='{"title": "Mort"', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    message = response.get_json()["message"]
    if debug:
        assert message.startswith("Failed to decode JSON object:")
    else:
        assert message == (
            "The browser (or proxy) sent a request that this server could not understand."
        )


def test_json_api_sends_json_without_spaces_outside_debug_mode(fresh_app):
    """11-json-api.md: without debug mode, the same JSON with no spaces between its parts."""
    client = fresh_app("json-api", debug=False).test_client()
    assert client.get("/api/books/2").get_data(as_text=True) == (
        '{"author":"Ursula K. Le Guin","id":2,"title":"The Dispossessed"}\n'
    )


def test_json_api_get_json_accepts_a_type_ending_in_plus_json(fresh_app):
    """11-json-api.md: get_json() reads application/json or a type ending in +json."""
    client = fresh_app("json-api", debug=True).test_client()
    book = {"title": "Mort", "author": "Terry Pratchett"}
    response = client.post(
        "/api/books", data=json.dumps(book), headers={"Content-Type": "application/ld+json"}
    )
    assert response.status_code == 201


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_json_api_page_lists_and_adds_books_with_fetch(browser, project_settings):
    """11-json-api.md: the page's script fills the list and sends the form as JSON."""
    with development_server("json-api", project_settings.epoch) as (port, _):
        page = browser.new_page()
        sent = []
        page.on("request", lambda request: sent.append((request.method, request.url)))
        page.goto(f"http://127.0.0.1:{port}/")
        page.wait_for_selector("#books li")
        assert page.locator("#books li").all_text_contents() == [
            "Kindred, by Octavia E. Butler",
            "The Dispossessed, by Ursula K. Le Guin",
        ]
        page.fill("input[name=title]", "<b>Mort</b>")
        page.fill("input[name=author]", "Terry Pratchett")
        page.click("button")
        page.wait_for_selector("#books li:nth-child(3)")
        assert page.locator("#message").text_content() == "Added, at /api/books/3."
        assert page.locator("#books li").nth(2).text_content() == "<b>Mort</b>, by Terry Pratchett"
        page.fill("input[name=title]", "")
        page.click("button")
        page.wait_for_function("document.querySelector('#message').textContent.startsWith('400')")
        page.close()
    assert ("POST", f"http://127.0.0.1:{port}/api/books") in sent


def test_json_api_fetch_with_a_string_body_and_no_type_gets_415(browser, project_settings):
    """11-json-api.md: fetch() labels a string body text/plain;charset=UTF-8: a 415."""
    with development_server("json-api", project_settings.epoch) as (port, _):
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/")
        with page.expect_request("**/api/books") as caught:
            status = page.evaluate(
                """fetch("/api/books", {method: "POST", body: '{"title": "Mort"}'})
                     .then((response) => response.status)"""
            )
        page.close()
    assert caught.value.headers["content-type"] == "text/plain;charset=UTF-8"
    assert status == 415
