"""Pelican plugin: a glossary for beginners at ``/glossary/``, linked from the notes.

The terms and their definitions are in a TOML file (``terms``; setting
``GLOSSARY_TERMS``, by default ``glossary.toml`` in the content folder; a
site without one has no glossary). As each page is made (Pelican's
``content_object_init``), ``linking`` points the links an author marked
``{glossary}slug`` at the term, and links each other term's first use in a
note; ``generator`` writes the page, listing where each term is used. The
build fails, naming the file and line, on a marked term the glossary lacks
and on a term no note uses. Pelican is imported only inside functions.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from .linking import link_first_uses, resolve_marked
from .terms import GLOSSARY_URL, GlossaryError, load_terms, shown_path, terms_file

if TYPE_CHECKING:
    from pelican import Pelican
    from pelican.contents import Content

logger = logging.getLogger(__name__)


def link_terms(content: Content) -> None:
    """Link the glossary's terms in ``content`` (a note's first uses, and marked links)."""
    settings = content.settings
    path = terms_file(settings)
    html = getattr(content, "_content", None)
    if not isinstance(html, str) or not path.is_file():
        return
    try:
        terms = load_terms(path)
    except GlossaryError as error:
        logger.error("glossary: %s", error)
        return
    url = f"{settings.get('SITE_ROOT', '')}/{GLOSSARY_URL}"
    html, unknown = resolve_marked(html, terms, url)
    for slug in unknown:
        logger.error(
            "%s:%d: the glossary has no term %r ({glossary}%s): add it to %s, or mend the link",
            shown_path(content.source_path, settings),
            _line_of(Path(content.source_path), "{glossary}" + slug),
            slug,
            slug,
            shown_path(path, settings),
        )
    if _is_note(content):
        marked = {slug for slug in terms if f'href="{url}#{slug}"' in html}
        html = link_first_uses(html, terms.values(), url, marked)
    content._content = html


def _is_note(content: Content) -> bool:
    """A published page other than the start page: where first uses are linked."""
    from pelican.contents import Page

    return (
        isinstance(content, Page)
        and content.status == "published"
        and content.save_as != "index.html"
    )


def _line_of(path: Path, text: str) -> int:
    """The first line (from 1) of ``path`` that holds ``text`` as a whole link target."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if f"{text})" in line or f"{text}#" in line or f"{text}>" in line:
            return number
    return 1


def glossary_generator(pelican: Pelican) -> type:
    """The generator that writes ``/glossary/``."""
    from .generator import GlossaryGenerator

    return GlossaryGenerator


def register() -> None:
    """Pelican's entry point for the plugin."""
    from pelican import signals

    signals.content_object_init.connect(link_terms)
    signals.get_generators.connect(glossary_generator)
