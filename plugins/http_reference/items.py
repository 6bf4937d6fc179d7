"""The reference's items: each status code, method and header, with every exchange showing it."""

from __future__ import annotations

from dataclasses import dataclass

from .meanings import Meaning, meaning_of
from .shown import HEADER, METHOD, STATUS, Sighting

# The reference's sections, in the order a request and its answer are read.
KINDS = (METHOD, STATUS, HEADER)
FOLDERS = {METHOD: "methods", STATUS: "status", HEADER: "headers"}


@dataclass(frozen=True)
class NotePage:
    """A note as the reference links it: its title, its URL, and its source file (for errors)."""

    title: str
    url: str
    source: str


@dataclass(frozen=True)
class Shown:
    """One exchange block that shows an item: a link to it, and the line that shows it."""

    note: str
    url: str
    request: str
    line: str


@dataclass(frozen=True)
class Item:
    """A status code, method or header, what it means, and where the notes show it."""

    kind: str
    meaning: Meaning
    path: str  # its page, such as "reference/headers/if-none-match/"
    shown: tuple[Shown, ...]


def reference_items(
    notes: list[tuple[NotePage, list[Sighting]]], meanings: dict[tuple[str, str], Meaning]
) -> dict[str, list[Item]]:
    """The items of each kind, sorted, each with its exchanges in note order.

    Raises ``MissingMeaningError`` naming the item, and the note and block showing it.
    """
    found: dict[tuple[str, str], list[Shown]] = {}
    for note, seen in notes:
        for sighting in seen:
            try:
                meaning = meaning_of(meanings, sighting.kind, sighting.name)
            except LookupError as error:
                raise type(error)(f"{error} ({note.source}, exchange #{sighting.anchor})") from None
            shown = Shown(
                note.title, f"{note.url}#{sighting.anchor}", sighting.request, sighting.line
            )
            found.setdefault((sighting.kind, meaning.name), []).append(shown)
    items: dict[str, list[Item]] = {kind: [] for kind in KINDS}
    for (kind, name), shown in found.items():
        meaning = meanings[(kind, name.lower())]
        path = f"reference/{FOLDERS[kind]}/{name.lower()}/"
        items[kind].append(Item(kind, meaning, path, tuple(shown)))
    for kind, listed in items.items():
        listed.sort(key=lambda item: _order(kind, item.meaning.name))
    return items


def _order(kind: str, name: str) -> tuple[int, str]:
    return (int(name), "") if kind == STATUS else (0, name.lower())
