"""The project's notes and their blocks, read with the same parser the build uses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from flask_exchanges.parse import ExchangeBlock, find_blocks

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"


def notes() -> list[Path]:
    """Every Markdown note, in reading order."""
    return sorted(CONTENT.glob("*.md"))


def exchange_blocks() -> Iterator[ExchangeBlock]:
    """Every exchange block of every note."""
    for note in notes():
        lines = note.read_text(encoding="utf-8").split("\n")
        for block in find_blocks(lines, str(note.relative_to(ROOT))):
            if isinstance(block, ExchangeBlock):
                yield block


def exchange_cases() -> list[tuple[ExchangeBlock, int]]:
    """One (block, request index) per exchange shown on the site."""
    return [(b, i) for b in exchange_blocks() for i in range(len(b.requests))]


def case_id(case: tuple[ExchangeBlock, int]) -> str:
    """A readable test id such as ``03-flask-webserver.md:57 GET /goodbye``."""
    block, index = case
    request = block.requests[index]
    return f"{Path(block.note).name}:{request.line} {request.summary}"
