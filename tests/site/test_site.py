"""A full build of the real site into a temporary folder, checked page by page."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from site_build.blocks.context import download_url
from site_build.html.messages import render_exchanges
from site_build.jobs import live_block, run_exchange_block
from tests.support.notes import ROOT, exchange_anchor, exchange_blocks, notes, page_file
from tests.support.site import build_real_site
from tests.support.site_checks import tree_digest


def page_of(site: Path, note: Path) -> str:
    return (site / page_file(note)).read_text()


def test_every_note_has_a_page(site):
    for note in notes():
        assert "<h1>" in page_of(site, note)


def test_each_page_shows_exactly_what_the_runner_gives(site, project_settings):
    for block in exchange_blocks():
        page = page_of(site, ROOT / block.note)
        exchanges = run_exchange_block(block, project_settings)
        path, data = live_block(block, exchanges, project_settings)
        download = download_url(block.example, project_settings)
        expected = render_exchanges(block, exchanges, f"/{path}", download, exchange_anchor(block))
        assert expected in page, f"{block.note}:{block.line} is not shown as the runner ran it"
        assert (site / path).read_bytes() == data, f"{block.note}:{block.line}: its live file"


def test_the_start_page_lists_the_notes_in_reading_order(site):
    index = (site / "index.html").read_text()
    links = re.findall(r'<li><a href="/([^"]+)">', index)
    slugs = [re.search(r"^Slug: (.+)$", n.read_text(), re.MULTILINE) for n in notes()]
    assert not [link for link in links if "404" in link], "the not-found page is not a note"
    assert links == [f"{slug[1]}/" for slug in slugs if slug]
    assert links[:2] == ["webserver/", "static-content/"]


def test_notes_link_to_their_neighbours(site):
    page = (site / "webserver" / "index.html").read_text()
    assert 'rel="next" href="/static-content/"' in page
    assert 'rel="prev"' not in page


def test_headings_link_to_themselves(site):
    page = (site / "webserver" / "index.html").read_text()
    assert '<h2 id="status-codes"><a class="toclink" href="#status-codes">' in page


def test_all_code_on_the_site_uses_only_the_classes_the_theme_colours(site):
    from site_build.html.highlight import ROLES

    css = next((site / "theme").glob("style.*.css")).read_text()
    roles = {css_class for _, css_class in ROLES}
    colored = [role for role in roles if re.search(rf"(^|[}},]) *t-{role}[ ,{{]", css)]
    assert sorted(colored) == sorted(roles), "each role has a colour"
    used = {}
    for note in notes():
        page = (site / page_file(note)).read_text()
        for block in re.findall(r'class="[^"]*highlight.*?</pre>', page, re.DOTALL):
            for css_class in re.findall(r"<t-(\w+)>", block):
                used.setdefault(css_class, note.name)
    assert "k" in used and "s" in used, "the notes' code is highlighted"
    assert {c: n for c, n in used.items() if c not in roles} == {}


def test_the_stylesheet_url_holds_its_content_hash(site):
    page = (site / "index.html").read_text()
    href = re.search(r'<link rel="stylesheet" href="/(theme/style\.([0-9a-f]{10})\.css)">', page)
    css = (site / href[1]).read_bytes()
    assert hashlib.sha256(css).hexdigest().startswith(href[2])
    assert not (site / "theme" / "style.css").exists()


def test_internal_note_links_resolve(site):
    page = (site / "flask-webserver" / "index.html").read_text()
    assert 'href="/webserver/"' in page


def test_a_build_from_the_cache_gives_identical_bytes(site, tmp_path):
    """A second build, from the cache the session's build left, writes the same bytes.

    Every block's answers then come from the cache, not from running it: what
    the cache keeps is all a page needs. The second build runs in this test's
    process, which may be the one that built first. (A cold build at another
    time and place is the reproducibility gate's: ``test_gate_reproducible``.)
    """
    cache = shutil.copytree(site.parent / "cache", tmp_path / "cache") / "exchanges"
    entries = sorted(cache.iterdir())
    again = build_real_site(tmp_path / "output")
    assert sorted(cache.iterdir()) == entries, "every block was answered from the cache"
    assert tree_digest(again) == tree_digest(site)
