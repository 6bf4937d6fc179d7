"""The reference follows the notes: a build adds a header a new exchange shows, and drops it after.

Each test builds a small site (``tests.support.broken_builds.make_site``)
whose example answers with a header of its own making.
"""

from __future__ import annotations

import logging
from pathlib import Path

from site_build.build import build_site
from tests.support.broken_builds import make_site
from tests.support.notes import ROOT

APP = """\
from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    return "home"


@app.get("/lesson")
def lesson():
    return "a lesson", {"Made-Up-Lesson": "one"}
"""
MEANINGS = (ROOT / "plugins" / "http_reference" / "meanings.toml").read_text()
NEW = 'Made-Up-Lesson = { meaning = "A header only this test sends.", spec = "", mdn = false }\n'


def build(tmp_path: Path, path: str, meanings: str = MEANINGS + NEW) -> tuple[int, Path]:
    note = tmp_path / "content" / "note.md"
    block = f"```exchange example=shop\nGET {path}\n```"
    if note.exists():
        note.write_text(f"Title: A note\n\n{block}\n")
        override = _override(tmp_path)
    else:
        override = make_site(tmp_path, block, APP)
    (tmp_path / "meanings.toml").write_text(meanings)
    override["HTTP_REFERENCE_MEANINGS"] = str(tmp_path / "meanings.toml")
    output = tmp_path / "output"
    return build_site(ROOT / "pelicanconf.py", output, override), output


def _override(root: Path) -> dict:
    return {
        "PATH": str(root / "content"),
        "EXAMPLES_PATH": str(root / "examples"),
        "EXCHANGE_TIMEOUT": 2,
        "CACHE_PATH": str(root / "cache"),
    }


def test_a_new_header_appears_with_a_link_to_its_exchange_and_goes_with_it(tmp_path):
    errors, output = build(tmp_path, "/lesson")
    assert errors == 0
    page = (output / "reference" / "headers" / "made-up-lesson" / "index.html").read_text()
    assert "A header only this test sends." in page
    assert 'href="/a-note/#ex-shop-get-lesson"' in page
    index = (output / "reference" / "index.html").read_text()
    assert 'href="/reference/headers/made-up-lesson/"' in index

    errors, output = build(tmp_path, "/")
    assert errors == 0
    assert not (output / "reference" / "headers" / "made-up-lesson").exists()
    assert "made-up-lesson" not in (output / "reference" / "index.html").read_text()


def test_an_item_without_a_meaning_fails_the_build_naming_it(tmp_path, caplog):
    with caplog.at_level(logging.ERROR):
        errors, _ = build(tmp_path, "/lesson", MEANINGS)
    assert errors == 1
    message = caplog.records[0].getMessage()
    assert "the header 'Made-Up-Lesson' has no one-line meaning" in message
    assert "exchange #ex-shop-get-lesson" in message and "meanings.toml" in message
