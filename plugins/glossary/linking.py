"""Links to the glossary in a note's HTML: the terms an author marks, and each term's first use.

An author marks a term with a Markdown link to ``{glossary}slug``, as
Pelican's ``{filename}`` links: ``[proxies]({glossary}reverse-proxy)``.
Every other term is found by itself: its first use in the note's prose
(paragraphs, lists, quotes, emphasis) becomes a link, never one inside
code, a heading, a link, a table or a block the build made. A form written
in lower case also matches with a capital first letter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser

from .terms import Term

MARKED = re.compile(r"""href=(["'])\{glossary\}([^"'#]*)\1""")
# Where a term may be linked: every element around the text must be one of these.
PROSE = {"p", "li", "ul", "ol", "blockquote", "em", "strong", "dl", "dt", "dd"}
VOID = {"br", "hr", "img", "input", "wbr", "source", "meta", "link", "col", "area"}


def resolve_marked(html: str, terms: dict[str, Term], url: str) -> tuple[str, list[str]]:
    """``html`` with each ``{glossary}slug`` link made ``url#slug``; and the unknown slugs."""
    unknown: list[str] = []

    def replace(match: re.Match[str]) -> str:
        slug = match.group(2)
        if slug not in terms:
            unknown.append(slug)
        return f'href="{url}#{slug}"'

    return MARKED.sub(replace, html), unknown


def link_first_uses(html: str, terms: Iterable[Term], url: str, skip: set[str]) -> str:
    """``html`` with each term's first use in prose linked to ``url#slug``, but for ``skip``."""
    by_form = {
        variant: term.slug
        for term in terms
        if term.slug not in skip
        for form in term.forms
        for variant in _variants(form)
    }
    if not by_form:
        return html
    alternatives = "|".join(re.escape(form) for form in sorted(by_form, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
    linked: set[str] = set()
    insertions: list[tuple[int, int, str]] = []
    for offset, text in _prose_text(html):
        for match in pattern.finditer(text):
            slug = by_form[match.group(0)]
            if slug not in linked:
                linked.add(slug)
                insertions.append((offset + match.start(), offset + match.end(), slug))
    for start, end, slug in reversed(insertions):
        html = f'{html[:start]}<a href="{url}#{slug}">{html[start:end]}</a>{html[end:]}'
    return html


def _variants(form: str) -> set[str]:
    return {form, form[0].upper() + form[1:]} if form[:1].islower() else {form}


def _prose_text(html: str) -> list[tuple[int, str]]:
    """(offset, text) of each run of text in ``html`` that sits in prose only."""
    parser = _ProseText(html)
    parser.feed(html)
    parser.close()
    return parser.found


class _ProseText(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.starts = [0] + [match.end() for match in re.finditer("\n", html)]
        self.open: list[str] = []
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        """A self-closed tag (``<br />``) holds no text."""

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if self.open and all(tag in PROSE for tag in self.open):
            line, column = self.getpos()
            self.found.append((self.starts[line - 1] + column, data))
