"""The one-line meanings of the reference, from ``meanings.toml``, with links to their sources."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .shown import HEADER, METHOD, STATUS

MEANINGS = Path(__file__).with_name("meanings.toml")
RFC = "https://www.rfc-editor.org/rfc/rfc{number}#section-{section}"
FETCH = "https://fetch.spec.whatwg.org/#{anchor}"
MDN = "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/{folder}/{name}"
MDN_FOLDERS = {STATUS: "Status", METHOD: "Methods", HEADER: "Headers"}


@dataclass(frozen=True)
class Meaning:
    """An item's name as the reference writes it, its meaning, and where to read more."""

    name: str
    meaning: str
    spec: str  # "RFC 9110 §15.4.5", "Fetch Standard", or ""
    spec_url: str
    mdn_url: str


class MissingMeaningError(LookupError):
    """An exchange shows an item that ``meanings.toml`` does not explain."""


def load_meanings(path: Path = MEANINGS) -> dict[tuple[str, str], Meaning]:
    """Every meaning in ``path``, by (kind, lower-case name)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {
        (kind, name.lower()): _meaning(kind, name, entry)
        for kind, entries in data.items()
        for name, entry in entries.items()
    }


def meaning_of(meanings: dict[tuple[str, str], Meaning], kind: str, name: str) -> Meaning:
    """The meaning of the item; raises ``MissingMeaningError`` naming it if there is none."""
    try:
        return meanings[(kind, name.lower())]
    except KeyError:
        raise MissingMeaningError(f"the {kind} {name!r} has no one-line meaning") from None


def _meaning(kind: str, name: str, entry: dict) -> Meaning:
    spec, spec_url = _source(entry.get("spec", ""))
    mdn = MDN.format(folder=MDN_FOLDERS[kind], name=name) if entry.get("mdn", True) else ""
    return Meaning(name, entry["meaning"], spec, spec_url, mdn)


def _source(spec: str) -> tuple[str, str]:
    """The label and address of ``RFC 9110 15.4.5`` or ``Fetch <anchor>``."""
    if not spec:
        return "", ""
    kind, _, rest = spec.partition(" ")
    if kind == "Fetch":
        return "Fetch Standard", FETCH.format(anchor=rest)
    number, _, section = rest.partition(" ")
    return f"RFC {number} §{section}", RFC.format(number=number, section=section)
