"""Every page stays within its weight budget before the reader presses Run, measured in Chromium.

Each page is loaded, as ``benchmarks/browser_figures.py`` loads it, from a
static server that compresses nothing, in a fresh browser context (empty
cache); everything it downloads counts, headers included (but for those the
site's ``_headers`` adds: a plain static server's), until the network is
idle. New notes are held to the same budget, which the build checks too
(``site_build.weight``, without the response headers). The load is the light
theme's visit of the browser gates (``gate_visits``), with the outside world
blocked, which a page that passes the offline gate never asks for.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from site_build.weight import PAGE_BUDGET as BUDGET
from site_build.weight import page_weight
from tests.support.browser import gate_visit, html_file
from tests.support.site_checks import plant, static_server

pytestmark = pytest.mark.xdist_group("site_gates")
THEME = Path(__file__).resolve().parents[2] / "theme"
# What every page fetches besides itself before the reader shows interest in
# anything: each file costs a response's head too (about 200 bytes).
EVERY_PAGE = {"/theme/style.css", "/theme/js/page.js"}
# /exercises/ reads what this browser solved as it loads.
OWN_FILES = {"/exercises/": {"/theme/js/exercise-list.js", "/theme/js/storage.js"}}


def test_every_page_loads_within_the_budget_before_run(site, gate_visits):
    weights = {}
    for visit in gate_visits("light"):
        urls = visit.urls
        assert not [url for url in urls if "/live/" in url], f"{visit.path}: weight: no runtime"
        weights[visit.path] = visit.weight
    print({page: f"{weight / 1000:.1f} KB" for page, weight in weights.items()})
    assert {page: w for page, w in weights.items() if w > BUDGET} == {}, "over the weight budget"


def test_a_page_fetches_one_stylesheet_and_one_script_before_interest(site, gate_visits):
    """The search box and the Run buttons share one script; the icon is in the page itself."""
    fetched = {}
    for visit in gate_visits("light"):
        files = {_unhashed(urlsplit(url).path) for url in visit.urls} - {visit.path}
        if files != EVERY_PAGE | OWN_FILES.get(visit.path, set()):
            fetched[visit.path] = sorted(files)
    assert fetched == {}, "a page fetches other files than the stylesheet and its script"


def test_the_icon_is_the_themes_svg_and_shows(site, visit):
    page = visit("/")
    icon = page.locator("link[rel=icon]").get_attribute("href")
    kind, _, text = icon.partition(",")
    assert kind == "data:image/svg+xml"
    assert unquote(text) == (THEME / "favicon.svg").read_text().strip()
    width = page.evaluate(
        "async (url) => { const image = new Image(); image.src = url;"
        " await image.decode(); return image.naturalWidth; }",
        icon,
    )
    assert width > 0


def _unhashed(path: str) -> str:
    """``/theme/style.<hash>.css`` as ``/theme/style.css``."""
    return re.sub(r"\.[0-9a-f]{10}(?=\.\w+$)", "", path)


def test_the_build_counts_a_page_as_chromium_does(site, gate_visits):
    """The build's count is never under Chromium's, and over it by a few bytes a response."""
    apart = {}
    for visit in gate_visits("light"):
        counted = page_weight(site, html_file(site, visit))
        if not 0 <= counted - visit.weight <= 20 * len(visit.fetched):
            apart[visit.path] = (counted, visit.weight, visit.urls)
    assert apart == {}, "the build and Chromium count a page differently"


def test_the_weight_check_counts_what_a_page_loads(site, browser, tmp_path):
    """A page that grows by 50 KB of text is caught."""
    planted = plant(site, tmp_path, "index.html", "</main>", "<p>" + "x" * 50_000 + "</p>")
    with static_server(planted) as served:
        visit = gate_visit(browser, served, "/")
    assert visit.weight > BUDGET
