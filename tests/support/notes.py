"""The project's notes and their blocks, read with the same parser the build uses."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from example_core.exercise_blocks import ExerciseBlock
from example_core.parse import ExchangeBlock, PredictBlock, find_blocks
from site_build.blocks.anchors import exchange_anchors
from take_home.downloads_page import shows_its_example

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
EXAMPLES = ROOT / "examples"


def notes() -> list[Path]:
    """Every Markdown note, in reading order."""
    return sorted(CONTENT.glob("*.md"))


def page_file(note: Path) -> str:
    """Where the build writes a note's page: ``routes/index.html``, or its ``Save_as``."""
    text = note.read_text(encoding="utf-8")
    save_as = re.search(r"^Save_as: (.+)$", text, re.MULTILINE)
    if save_as:
        return save_as[1]
    return f"{re.search(r'^Slug: (.+)$', text, re.MULTILINE)[1]}/index.html"


def exchange_blocks() -> Iterator[ExchangeBlock]:
    """Every exchange block of every note, a prediction's exchange included."""
    for note in notes():
        lines = note.read_text(encoding="utf-8").split("\n")
        for found in find_blocks(lines, str(note.relative_to(ROOT))):
            block = found.exchange if isinstance(found, PredictBlock) else found
            if isinstance(block, ExchangeBlock):
                yield block


def exercise_blocks() -> Iterator[ExerciseBlock]:
    """Every *write it* exercise of every note."""
    for note in notes():
        lines = note.read_text(encoding="utf-8").split("\n")
        for block in find_blocks(lines, str(note.relative_to(ROOT))):
            if isinstance(block, ExerciseBlock):
                yield block


def shown_examples() -> list[str]:
    """The sorted names of the examples the notes show: each has a zip and a place on /examples/.

    An example only *write it* exercises use is a starting app: it has neither.
    """
    shown = set()
    for note in notes():
        lines = note.read_text(encoding="utf-8").split("\n")
        for block in find_blocks(lines, str(note.relative_to(ROOT))):
            if shows_its_example(block):
                shown.add(block.example)
    return sorted(shown)


def exchange_anchor(block: ExchangeBlock) -> str:
    """The id the build gives ``block`` on its note's page."""
    lines = (ROOT / block.note).read_text(encoding="utf-8").split("\n")
    return exchange_anchors(find_blocks(lines, block.note))[block.line]


def exchange_cases() -> list[tuple[ExchangeBlock, int]]:
    """One (block, request index) per exchange shown on the site."""
    return [(b, i) for b in exchange_blocks() for i in range(len(b.requests))]


def case_id(case: tuple[ExchangeBlock, int]) -> str:
    """A readable test id such as ``03-flask-webserver.md:57 GET /goodbye``."""
    block, index = case
    request = block.requests[index]
    return f"{Path(block.note).name}:{request.line} {request.summary}"
