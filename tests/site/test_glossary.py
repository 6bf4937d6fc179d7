"""The real site's glossary and "On this page" lists: every link lands, by mouse or keyboard alone.

The glossary's terms are in ``content/glossary.toml``; each note links a
term's first use (``plugins/glossary``). A long note lists its sections
(``plugins/on_this_page``): folded at its top on a phone, beside the text on
a wide screen.
"""

from __future__ import annotations

import re

import pytest

from tests.support.browser import axe_violations
from tests.support.notes import ROOT

TERM_LINK = re.compile(r'href="/glossary/#([\w-]+)"')
USE_LINK = re.compile(r'<a href="/([^"#]+)/(?:#([^"]+))?">')
TERMS = re.compile(r"^\[([\w-]+)\]$", re.MULTILINE)


def notes(site) -> dict[str, str]:
    contents = (site / "index.html").read_text().split('class="contents"')[1].split("</nav>")[0]
    slugs = re.findall(r'href="/([^"#]+)/"', contents)
    return {slug: (site / slug / "index.html").read_text() for slug in slugs}


def test_every_term_is_defined_once_and_used_and_every_link_lands(site):
    glossary = (site / "glossary" / "index.html").read_text()
    defined = re.findall(r'<dt id="([\w-]+)">', glossary)
    assert sorted(defined) == sorted(TERMS.findall((ROOT / "content/glossary.toml").read_text()))
    assert len(defined) > 30
    linked = set()
    for slug, page in notes(site).items():
        article = page.split("<article", 1)[1].split("</article>")[0]
        found = TERM_LINK.findall(article)
        assert len(found) == len(set(found)), f"{slug} links a term twice"
        linked |= set(found)
    assert linked == set(defined)
    for entry in glossary.split("<dt ")[1:]:
        uses = USE_LINK.findall(entry.split('class="reference-count"')[1])
        assert uses, entry[:40]
        for note, section in uses:
            page = (site / note / "index.html").read_text()
            assert not section or f'id="{section}"' in page, f"{note}#{section}"


def test_a_term_links_where_it_is_first_used_and_not_in_code(site):
    caching = (site / "caching" / "index.html").read_text()
    assert '<a href="/glossary/#etag"><code>ETag</code></a>' in caching
    assert '<pre tabindex="0"><a' not in caching
    routes = (site / "flask-webserver" / "index.html").read_text()
    assert '<strong><a href="/glossary/#route">route</a></strong>' in routes
    glossary = (site / "glossary" / "index.html").read_text()
    assert '<a href="/caching/#validators-and-conditional-requests">' in glossary


def test_short_notes_have_no_list_and_long_ones_list_every_section(site):
    for slug, page in notes(site).items():
        article = page.split("<article", 1)[1].split("</article>")[0]
        sections = re.findall(r'<h2 id="([^"]+)"', article)
        if 'class="toc"' in article:
            toc = article.split('class="toc"')[1].split("</nav>")[0]
            assert re.findall(r'<li><a href="#([^"]+)">', toc) == sections, slug
    assert 'class="toc"' in (site / "run-locally" / "index.html").read_text()
    assert 'class="toc"' not in (site / "webserver" / "index.html").read_text()


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_on_a_phone_the_list_is_folded_and_opens_from_the_keyboard(browser, origin, color_scheme):
    context = browser.new_context(viewport={"width": 320, "height": 640}, color_scheme=color_scheme)
    page = context.new_page()
    page.goto(origin + "/run-locally/")
    toc = page.locator("nav.toc")
    first = toc.get_by_role("link", name="What is in the download")
    assert not first.is_visible()
    page.locator("nav.toc summary").focus()
    page.keyboard.press("Enter")
    assert first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "What is in the download"
    page.keyboard.press("Enter")
    page.wait_for_url("**#what-is-in-the-download")
    assert page.locator("#what-is-in-the-download").is_visible()
    context.close()


def test_on_a_wide_screen_the_list_stands_beside_the_text_and_stays(browser, origin):
    context = browser.new_context(viewport={"width": 1400, "height": 800})
    page = context.new_page()
    page.goto(origin + "/run-locally/")
    link = page.locator("nav.toc").get_by_role("link", name="When it does not work")
    assert link.is_visible(), "open without a click"
    assert not page.locator("nav.toc summary").is_visible()
    text = page.locator("article.note > div").bounding_box()
    assert link.bounding_box()["x"] > text["x"] + text["width"]
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(200)
    assert link.is_visible() and link.bounding_box()["y"] < 800
    assert axe_violations(page) == []
    context.close()


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_the_glossary_page_passes_axe(visit, color_scheme):
    page = visit("/glossary/", color_scheme)
    page.locator("dd a").first.focus()
    assert axe_violations(page) == []
