"""What the notes say, read however their lines are wrapped."""

from __future__ import annotations

from tests.support.notes import CONTENT


def note_says(note: str, words: str) -> bool:
    """Whether ``words`` appear in the note, however its lines are wrapped."""
    text = " ".join((CONTENT / note).read_text(encoding="utf-8").split())
    return " ".join(words.split()) in text
