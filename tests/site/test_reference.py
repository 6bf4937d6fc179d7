"""The real site's HTTP reference: every item has a page, and every link lands on an exchange."""

from __future__ import annotations

import re

REFERENCE_LINK = re.compile(r'href="(/reference/[^"#]+/)"')
EXCHANGE_LINK = re.compile(r'href="(/[^"#]+/)#(ex-[^"]+)"')


def test_every_item_links_to_exchanges_that_exist(site):
    index = (site / "reference" / "index.html").read_text()
    items = REFERENCE_LINK.findall(index)
    assert len(items) > 40
    for item in items:
        page = (site / item.lstrip("/") / "index.html").read_text()
        links = EXCHANGE_LINK.findall(page)
        assert links, f"{item} links to no exchange"
        for note, anchor in links:
            assert f'id="{anchor}"' in (site / note.lstrip("/") / "index.html").read_text(), (
                f"{item}: {note}#{anchor} is not an exchange"
            )


def test_the_headers_the_notes_teach_link_to_their_notes(site):
    if_none_match = (site / "reference/headers/if-none-match/index.html").read_text()
    assert 'href="/caching/#ex-caching-' in if_none_match
    not_allowed = (site / "reference/status/405/index.html").read_text()
    assert 'href="/methods/#ex-' in not_allowed


def test_exchanges_are_listed_in_reading_order(site):
    contents = (site / "index.html").read_text().split('class="contents"')[1].split("</nav>")[0]
    reading = re.findall(r'href="(/[^"#]+/)"', contents)
    host = (site / "reference/headers/host/index.html").read_text()
    notes = list(dict.fromkeys(note for note, _ in EXCHANGE_LINK.findall(host)))
    assert len(notes) > 5
    assert notes == sorted(notes, key=reading.index)
