"""The glossary's terms, read from its TOML file (``content/glossary.toml`` on this site).

Each table is one term: its key is the term's anchor on ``/glossary/``
(``[reverse-proxy]``), ``term`` its name, ``forms`` the other ways a note
may write it (plurals), and ``definition`` one or two short sentences in
Markdown. ``line`` is where the term's table starts, for messages.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

GLOSSARY_URL = "glossary/"


def terms_file(settings: dict) -> Path:
    """Where the site's glossary is, whether or not there is one."""
    return Path(settings.get("GLOSSARY_TERMS") or Path(settings["PATH"]) / "glossary.toml")


def shown_path(path: Path | str, settings: dict) -> str:
    """A file named as an author sees it, from the project's root: content/note.md."""
    return os.path.relpath(path, Path(settings["PATH"]).parent)


TABLE = re.compile(r"^\[\s*\"?([\w-]+)\"?\s*\]\s*(?:#.*)?$")


@dataclass(frozen=True)
class Term:
    """One glossary entry, with every written form a note may use."""

    slug: str
    name: str
    forms: tuple[str, ...]
    definition: str
    line: int


class GlossaryError(ValueError):
    """The glossary file is not as this module expects; the message says where and why."""


def load_terms(path: Path) -> dict[str, Term]:
    """Every term in ``path``, by slug, in the file's order."""
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise GlossaryError(f"{path}: {error}") from None
    lines = _table_lines(text)
    terms = {}
    for slug, entry in data.items():
        where = f"{path}:{lines.get(slug, 1)}"
        if not isinstance(entry, dict) or not {"term", "definition"} <= entry.keys():
            raise GlossaryError(f"{where}: the term [{slug}] needs a term and a definition")
        forms = (entry["term"], *entry.get("forms", ()))
        terms[slug] = Term(slug, entry["term"], forms, entry["definition"], lines.get(slug, 1))
    return terms


def _table_lines(text: str) -> dict[str, int]:
    """The line (from 1) of each ``[slug]`` table header in the TOML text."""
    found = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = TABLE.match(line.strip())
        if match:
            found.setdefault(match.group(1), number)
    return found
