"""Search, as a reader uses it: from the keyboard, offline, in either theme, and without JavaScript.

The built site is served by a plain static file server with the outside
world blocked (the ``visit`` fixture): the search code and index come from
the site itself.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import axe_violations
from tests.support.hosting import hosted

# What a reader types, the note that must come first, and the heading it must open at.
SEARCHES = [
    ("304", "/caching/", "validators-and-conditional-requests"),
    ("If-None-Match", "/caching/", "validators-and-conditional-requests"),
    ("session", "/sessions/", "the-session-a-dict-that-travels-in-a-cookie"),
    ("waitress", "/production/", "not-the-development-server"),
    ("405", "/methods/", "405-method-not-allowed"),
    ("sesion", "/sessions/", "the-session-a-dict-that-travels-in-a-cookie"),  # spelt wrong
]


def search(page, query: str):
    """Press "/", type ``query``; wait for the count to be announced; return the results."""
    page.keyboard.press("/")
    expect(page.locator("#search-box")).to_be_focused()
    page.keyboard.type(query)
    expect(page.get_by_role("status")).to_contain_text(f"for “{query}”")
    return page.locator(".search-list > li")


@pytest.mark.parametrize(("query", "note", "heading"), SEARCHES)
def test_the_right_note_comes_first_and_opens_at_the_right_heading(visit, query, note, heading):
    page = visit("/")
    first = search(page, query).first.get_by_role("link")
    expect(first).to_have_attribute("href", f"{note}#{heading}")
    page.keyboard.press("Tab")  # past the Search button
    page.keyboard.press("Tab")
    expect(first).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{note}#{heading}")
    expect(page.locator(f"[id='{heading}']")).to_be_in_viewport()


def test_a_result_names_the_note_and_the_heading_with_an_excerpt(visit):
    page = visit("/routes/")
    first = search(page, "304").first
    expect(first.locator(".search-note")).to_have_text("Cache busting")
    expect(first.locator(".search-heading")).to_have_text("Validators and conditional requests")
    expect(first.locator(".search-excerpt mark").first).to_have_text("304")


def test_the_count_is_announced_once_the_results_are_in(visit):
    page = visit("/")
    results = search(page, "waitress")
    count = results.count()
    expect(page.get_by_role("status")).to_have_text(f"{count} notes found for “waitress”.")
    page.keyboard.press("Control+a")
    page.keyboard.type("qqqqjjjj")
    expect(page.get_by_role("status")).to_have_text("No notes found for “qqqqjjjj”.")
    expect(results).to_have_count(0)


def test_nothing_of_the_search_loads_before_the_box_is_focused(origin, browser):
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(origin + "/sessions/", wait_until="networkidle")
    assert not [url for url in fetched if "/pagefind/" in url or "search-ui" in url]
    with page.expect_request("**/pagefind/pagefind.js"):
        page.locator("#search-box").focus()
    context.close()


def test_the_search_page_searches_for_what_the_box_sent(visit):
    page = visit("/search/?q=If-None-Match")
    expect(page.locator("#search-box")).to_have_value("If-None-Match")
    first = page.locator("main .search-list > li").first.get_by_role("link")
    expect(first).to_have_attribute("href", "/caching/#validators-and-conditional-requests")


def test_a_box_without_its_script_sends_the_reader_to_the_search_page(browser, origin):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(origin + "/routes/")
    page.locator("#search-box").fill("session")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=session")
    # Playwright's locators skip <noscript>; the text a reader sees does not.
    assert "Search needs JavaScript, and it is off" in page.locator("main").inner_text()
    context.close()


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_results_pass_axe(visit, color_scheme):
    for path in ("/", "/search/?q=304"):
        page = visit(path, color_scheme)
        search(page, "session")
        page.locator(".search-list a").first.hover()
        page.locator(".search-list a").first.focus()
        assert axe_violations(page) == [], f"{path} in the {color_scheme} theme"


def test_search_works_under_the_hosts_headers(site, browser):
    with hosted(site) as served:
        context = browser.new_context()
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
        page.goto(served + "/caching/")
        with page.expect_response("**/pagefind/pagefind.js") as script:
            expect(search(page, "304").first).to_be_visible()
        assert script.value.headers["cache-control"] == "no-cache", "checked on every use"
        assert problems == [], "the policy refuses nothing the search needs"
        context.close()
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(served + "/routes/")
        page.locator("#search-box").fill("session")
        page.keyboard.press("Enter")
        page.wait_for_url("**/search/?q=session")
        context.close()
