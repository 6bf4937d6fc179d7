"""Each note says where it stands in the reading order, beside its previous and next links."""

from __future__ import annotations

import re


def test_each_note_says_its_place_in_the_reading_order(site):
    contents = (site / "index.html").read_text().split('class="contents"')[1].split("</nav>")[0]
    reading = re.findall(r'href="/([^"#]+)/"', contents)
    assert len(reading) > 10
    for place, slug in enumerate(reading, start=1):
        pager = (site / slug / "index.html").read_text().split('class="note-pager"')[1]
        assert f"Note {place} of {len(reading)}" in pager, slug


def test_the_start_page_groups_the_notes_into_parts_numbered_on(site):
    contents = (site / "index.html").read_text().split('class="contents"')[1].split("</nav>")[0]
    assert re.findall(r"<h3>([^<]+)</h3>", contents) == [
        "The webserver",
        "Flask",
        "Beyond one file",
    ]
    starts = [int(n) for n in re.findall(r'<ol start="(\d+)">', contents)]
    sizes = [part.count("<li>") for part in contents.split("<h3>")[1:]]
    assert starts == [1, 1 + sizes[0], 1 + sizes[0] + sizes[1]], "numbers go on from part to part"
