"""A note's lines as the blocks see them, and how messages name a note.

Python-Markdown (not Pelican) is all this needs, so the build and the
take-home packer read notes the same way.
"""

from __future__ import annotations

import os
from pathlib import Path

from markdown import Markdown


def normalized_lines(text: str) -> list[str]:
    """Lines as Markdown's preprocessors see them: tabs expanded, blank lines emptied."""
    return Markdown().preprocessors["normalize_whitespace"].run(text.split("\n"))


def note_lines(path: Path) -> list[str]:
    """A note's lines as the block preprocessor sees them (a byte order mark dropped)."""
    return normalized_lines(path.read_text(encoding="utf-8-sig"))


def note_name(source_path: str, settings: dict) -> str:
    """A note named from the project's root, the way an author sees it: content/note.md."""
    return os.path.relpath(source_path, Path(settings["PATH"]).parent)
