"""Long notes list their sections ("On this page"); short ones, and those saying no, do not."""

from __future__ import annotations

from pathlib import Path

from on_this_page import ON_THIS_PAGE_WORDS, prose_words
from site_build.build import build_site
from tests.support.broken_builds import make_site
from tests.support.notes import ROOT

SENTENCE = "A server reads the request line and answers with a status. "


def section(title: str, words: int) -> str:
    return f"## {title}\n\n" + SENTENCE * (words // len(SENTENCE.split()) + 1) + "\n\n"


def test_code_and_diagrams_are_not_counted_as_prose():
    html = "<p>Three small words</p><pre><code>one two</code></pre><svg><text>x y</text></svg>"
    assert prose_words(html) == 3


def test_a_long_note_lists_its_sections_and_a_short_one_does_not(tmp_path):
    third = ON_THIS_PAGE_WORDS // 3
    long_note = section("First & part", third) + section("Second", third) + section("Third", third)
    override = make_site(tmp_path, long_note)
    short = section("Only", 200) + section("Two", 200) + section("Three", 200)
    Path(override["PATH"], "short.md").write_text(f"Title: Short\n\n{short}")
    Path(override["PATH"], "plain.md").write_text(f"Title: Plain\nOn_this_page: no\n\n{long_note}")
    output = tmp_path / "output"
    assert build_site(ROOT / "pelicanconf.py", output, override) == 0
    page = (output / "a-note" / "index.html").read_text()
    toc = page.split('<nav class="toc" aria-label="On this page"', 1)[1].split("</nav>")[0]
    assert '<li><a href="#first-part">First &amp; part</a>' in toc
    assert toc.index("#first-part") < toc.index("#second") < toc.index("#third")
    assert '<h2 id="second">' in page
    assert page.index('class="toc"') < page.index('<h2 id="first-part">')
    assert 'class="toc"' not in (output / "short" / "index.html").read_text()
    assert 'class="toc"' not in (output / "plain" / "index.html").read_text(), "opted out"
