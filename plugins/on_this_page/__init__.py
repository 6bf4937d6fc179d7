"""Pelican plugin: an "On this page" list of a long note's sections.

Python-Markdown's ``toc`` extension gives each heading its id and lists
them (``toc_tokens``, which our reader keeps in a note's metadata). When a
note's prose runs past ``ON_THIS_PAGE_WORDS`` words (a screen or two, code
and diagrams not counted) and it has at least ``ON_THIS_PAGE_SECTIONS``
sections, this sets ``page.on_this_page`` to its sections' (id, name), and
the page template shows the list: folded at the top on a narrow screen,
beside the text on a wide one. A note whose metadata says ``On_this_page:
no`` gets none (a page at its weight budget). Pelican is imported only
inside functions.
"""

from __future__ import annotations

import re
from html import unescape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pelican.contents import Content

# A note longer than this many words of prose gets the list (settings of the same names).
ON_THIS_PAGE_WORDS = 1000
ON_THIS_PAGE_SECTIONS = 3
NOT_PROSE = re.compile(r"<(pre|svg|script|style)\b.*?</\1>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def prose_words(html: str) -> int:
    """How many words of prose ``html`` holds: code, diagrams and scripts not counted."""
    return len(unescape(TAG.sub(" ", NOT_PROSE.sub(" ", html))).split())


def sections(tokens: list[dict]) -> list[tuple[str, str]]:
    """(id, name) of each top-level heading the ``toc`` extension listed."""
    return [(token["id"], unescape(token["name"])) for token in tokens]


def add_sections(content: Content) -> None:
    """Give a long note the list of its sections (``on_this_page``); others get none."""
    settings = content.settings
    listed = sections(getattr(content, "toc_tokens", None) or [])
    html = getattr(content, "_content", None) or ""
    long_enough = prose_words(html) > settings.get("ON_THIS_PAGE_WORDS", ON_THIS_PAGE_WORDS)
    enough = len(listed) >= settings.get("ON_THIS_PAGE_SECTIONS", ON_THIS_PAGE_SECTIONS)
    wanted = str(content.metadata.get("on_this_page", "yes")).lower() not in {"no", "false", "off"}
    content.on_this_page = listed if wanted and long_enough and enough else []


def register() -> None:
    """Pelican's entry point for the plugin."""
    from pelican import signals

    signals.content_object_init.connect(add_sections)
