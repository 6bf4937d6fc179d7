"""The glossary in a small site: its page, a note's links, and the two mistakes that stop a build.

Each test builds a site of one note (``tests.support.broken_builds.make_site``)
with a glossary file of its own in the content folder.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from site_build.build import build_site
from tests.support.broken_builds import make_site, previous_output
from tests.support.notes import ROOT

NOTE = """\
```exchange example=shop
GET /
```

## Routes

A route ties a path to a function; every route here is tiny. The
`route` in code stays as it is. The server sets a [small value]({glossary}cookie).

## Another section

Routes again, unlinked: only the first use is.
"""
TERMS = """\
# A test's glossary.

[route]
term = "route"
forms = ["routes"]
definition = "A rule that ties a *path* to a function."

[cookie]
term = "cookie"
definition = "A small value the browser keeps."
"""
UNUSED = """
[wsgi]
term = "WSGI"
definition = "How a server calls a Python app."
"""


def site(tmp_path: Path, note: str = NOTE, terms: str | None = TERMS) -> dict:
    override = make_site(tmp_path, note)
    if terms is not None:
        (tmp_path / "content" / "glossary.toml").write_text(terms)
    return override


def failed_build(tmp_path: Path, caplog, override: dict) -> list[str]:
    """The errors of a build that must fail, leaving the previous output as it was."""
    output = previous_output(tmp_path)
    with caplog.at_level(logging.ERROR):
        errors = build_site(ROOT / "pelicanconf.py", output, override)
    assert errors > 0
    assert (output / "index.html").read_text() == "the previous build"
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]


def test_the_glossary_page_defines_each_term_and_links_where_it_is_used(tmp_path):
    output = tmp_path / "output"
    assert build_site(ROOT / "pelicanconf.py", output, site(tmp_path)) == 0
    note = (output / "a-note" / "index.html").read_text()
    assert note.count('href="/glossary/#route"') == 1
    assert 'A <a href="/glossary/#route">route</a> ties a path' in note
    assert "<code>route</code>" in note
    assert '<a href="/glossary/#cookie">small value</a>' in note
    glossary = (output / "glossary" / "index.html").read_text()
    assert re.search(r'<dt id="cookie">.*?</dt>\s*<dd>A small value the browser keeps', glossary)
    assert "A rule that ties a <em>path</em> to a function." in glossary
    assert glossary.index('id="cookie"') < glossary.index('id="route"'), "sorted by name"
    assert glossary.count('<a href="/a-note/#routes">A note</a>') == 2
    assert '<a href="/glossary/">Glossary</a>' in note, "the footer links the glossary"


def test_a_site_without_a_glossary_file_has_no_glossary(tmp_path):
    output = tmp_path / "output"
    plain = NOTE.replace("[small value]({glossary}cookie)", "small value")
    assert build_site(ROOT / "pelicanconf.py", output, site(tmp_path, plain, None)) == 0
    assert not (output / "glossary").exists()
    note = (output / "a-note" / "index.html").read_text()
    assert "/glossary/" not in note


def test_a_term_no_note_uses_fails_the_build_naming_its_line(tmp_path, caplog):
    messages = failed_build(tmp_path, caplog, site(tmp_path, terms=TERMS + UNUSED))
    line = (TERMS + UNUSED).splitlines().index("[wsgi]") + 1
    assert messages == [
        f"content/glossary.toml:{line}: the glossary term 'WSGI' is defined but no note "
        "uses it: use it in a note, or remove it"
    ]


def test_a_link_to_a_term_the_glossary_lacks_fails_the_build_naming_its_line(tmp_path, caplog):
    note = NOTE + "\nA [proxy]({glossary}reverse-proxy) in front.\n"
    messages = failed_build(tmp_path, caplog, site(tmp_path, note))
    line = f"Title: A note\n\n{note}".splitlines().index(
        "A [proxy]({glossary}reverse-proxy) in front."
    )
    assert messages[0].startswith(
        f"content/note.md:{line + 1}: the glossary has no term 'reverse-proxy' "
        "({glossary}reverse-proxy): add it to content/glossary.toml"
    )
