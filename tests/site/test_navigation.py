"""Each note says where it stands in the reading order, beside its previous and next links."""

from __future__ import annotations

import re


def test_each_note_says_its_place_in_the_reading_order(site):
    contents = (site / "index.html").read_text().split('class="contents"')[1].split("</ol>")[0]
    reading = re.findall(r'href="/([^"#]+)/"', contents)
    assert len(reading) > 10
    for place, slug in enumerate(reading, start=1):
        pager = (site / slug / "index.html").read_text().split('class="note-pager"')[1]
        assert f"Note {place} of {len(reading)}" in pager, slug
