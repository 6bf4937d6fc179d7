"""Every page weighs at most 40 KB before the reader presses Run, measured in Chromium.

Each page is loaded, as ``benchmarks/browser_figures.py`` loads it, from a
plain static server that compresses nothing, in a fresh browser context
(empty cache); everything it downloads counts, headers included, until the
network is idle. New notes are held to the same budget, which the build
checks too (``site_build.weight``, without the response headers).
"""

from __future__ import annotations

import pytest

from site_build.weight import PAGE_BUDGET as BUDGET
from tests.site_checks import html_pages, page_url, plant, static_server


def weight_before_run(browser, url: str) -> tuple[int, list[str]]:
    """Bytes downloaded (bodies and headers) when ``url`` loads, and the URLs fetched."""
    context = browser.new_context()
    fetched: list[tuple[str, int]] = []

    def count(request) -> None:
        sizes = request.sizes()
        fetched.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

    context.on("requestfinished", count)
    context.new_page().goto(url, wait_until="networkidle")
    context.close()
    return sum(size for _, size in fetched), [url for url, _ in fetched]


@pytest.fixture(scope="module")
def origin(site):
    with static_server(site) as served:
        yield served


def test_every_page_loads_at_most_40_kb_before_run(site, origin, browser):
    weights = {}
    for html in html_pages(site):
        weight, urls = weight_before_run(browser, origin + page_url(site, html))
        assert not [url for url in urls if "/live/" in url], "no runtime before Run"
        assert any(url.endswith(".css") for url in urls), "the stylesheet counts"
        if "data-live=" in html.read_text():
            assert any("/theme/js/live." in url for url in urls), "so do the Run buttons"
        weights[page_url(site, html)] = weight
    print({page: f"{weight / 1000:.1f} KB" for page, weight in weights.items()})
    assert {page: w for page, w in weights.items() if w > BUDGET} == {}


def test_the_weight_check_counts_what_a_page_loads(site, browser, tmp_path):
    """A page that grows by 50 KB of text is caught."""
    planted = plant(site, tmp_path, "index.html", "</main>", "<p>" + "x" * 50_000 + "</p>")
    with static_server(planted) as served:
        weight, _ = weight_before_run(browser, served + "/")
    assert weight > BUDGET
