"""Pygments' HTML with one element per colour the theme gives code.

Pygments wraps every token, down to each space and comma, in an element
with a class of its own, though the theme colours only a few kinds of token.
Here tokens share the element of the colour they get (its "role", such as
``<t-k>`` for keywords), and tokens the theme leaves plain get no element at
all: a page of code weighs a third of what it did and looks the same.
Exchanges, included source and Markdown's own code blocks all use it.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Iterable, Iterator
from html import escape
from typing import TextIO

from pygments import format as format_tokens
from pygments.formatters import HtmlFormatter
from pygments.token import (
    Comment,
    Error,
    Generic,
    Keyword,
    Literal,
    Name,
    Number,
    Operator,
    String,
)
from pygments.token import _TokenType as TokenType

Token = tuple[TokenType, str]
Line = tuple[int, str]
# What text inside an element needs escaped; Pygments also escapes quotes.
TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
TOKEN = re.compile(r"<t-(\w+)>([^<]*)</span>")

# The first role whose token type contains the token's wins, so more specific
# types come first: a doc string is coloured as a comment, not as a string.
ROLES: tuple[tuple[TokenType, str], ...] = (
    (String.Doc, "c"),
    (Comment.Preproc, "k"),
    (Comment, "c"),
    (Keyword.Type, "m"),
    (Keyword, "k"),
    (Operator.Word, "k"),
    (Name.Entity, "m"),
    (Number, "m"),
    (Name.Tag, "nt"),
    (Name.Exception, "ne"),
    (Generic.Heading, "ne"),
    (Name.Attribute, "na"),
    (Name.Variable, "na"),
    (Name.Label, "na"),
    (Name.Function, "nf"),
    (Name.Class, "nf"),
    (Name.Decorator, "nf"),
    (Name.Namespace, "nf"),
    (Name.Builtin, "nf"),
    (String, "s"),
    (Literal, "s"),
    (Error, "err"),
)


@functools.cache
def role_class(token: TokenType) -> str:
    """The class of the colour the theme gives ``token``, or "" if it stays plain."""
    return next((css_class for role, css_class in ROLES if token in role), "")


class RoleFormatter(HtmlFormatter):
    """Pygments' ``HtmlFormatter``, writing role classes only (Markdown's codehilite takes it).

    It also writes less than Pygments would, for the same page: a coloured
    token is a short element named after its role (``<t-k>def</t-k>``, a
    custom element, which HTML allows, instead of
    ``<span class="k">def</span>``), spaces between two tokens of one colour
    join them in one element, quotes in text are not escaped (text needs
    only ``&``, ``<`` and ``>`` escaped), and the ``<pre>`` holds the code
    itself, with neither a ``<code>`` nor an empty element inside (see ``pre``).
    """

    def __init__(self, **options: object) -> None:
        super().__init__(**options)
        self.span_element_openers = _Openers()

    def format_unencoded(self, tokensource: Iterable[Token], outfile: TextIO) -> None:
        """Format the tokens, with same-coloured runs joined, each in its role's element."""
        spans = io.StringIO()
        super().format_unencoded(_joined(tokensource), spans)
        # Pygments closes every element with </span>; its elements never nest,
        # and escaped text holds no "<", so each closes the element just opened.
        outfile.write(TOKEN.sub(r"<t-\1>\2</t-\1>", spans.getvalue()))

    @functools.lru_cache(maxsize=100)  # noqa: B019  (as Pygments caches it; formatters live long)
    def _translate_parts(self, value: str) -> list[str]:
        return value.translate(TEXT_ESCAPES).split("\n")

    def _wrap_code(self, inner: Iterator[Line]) -> Iterator[Line]:
        # No <code> element, whatever Markdown's codehilite asks (see ``pre``).
        return inner

    def _wrap_pre(self, inner: Iterator[Line]) -> Iterator[Line]:
        lines = iter(inner)
        first = next(lines, None)
        yield 0, "<pre>\n" if first and first[1].startswith("\n") else "<pre>"
        if first:
            yield first
        yield from lines
        yield 0, "</pre>"


class _Openers(dict[TokenType, str]):
    """The element that opens each token type, for Pygments to look up."""

    def __missing__(self, ttype: TokenType) -> str:
        role = role_class(ttype)
        self[ttype] = opener = f"<t-{role}>" if role else ""
        return opener


def _joined(tokens: Iterable[Token]) -> Iterator[Token]:
    """The tokens, with the spaces between two of one colour given that colour."""
    waiting: list[Token] = []
    previous: Token | None = None
    for token in tokens:
        ttype, value = token
        if previous and value.isspace() and "\n" not in value and not role_class(ttype):
            waiting.append(token)
            continue
        same = previous and role_class(ttype) and role_class(ttype) == role_class(previous[0])
        for space in waiting:
            yield (previous[0], space[1]) if same else space
        waiting = []
        yield token
        previous = token
    yield from waiting


FORMATTER = RoleFormatter(cssclass="highlight")


def highlight(tokens: Iterable[tuple[TokenType, str]]) -> str:
    """Tokens as a focusable, highlighted code block."""
    # A code block wider than the page scrolls; keyboard users can only scroll
    # what they can focus.
    return format_tokens(tokens, FORMATTER).replace("<pre>", '<pre tabindex="0">', 1)


def pre(text: str) -> str:
    """Highlighted or escaped text as a focusable ``<pre>``, with no ``<code>`` inside.

    Pygments writes its ``<pre>`` so by default, and Sphinx as Pygments does: the
    ``<code>`` is 13 bytes a block that no reader sees, and the theme styles a
    ``<pre>`` as code. A browser drops a line feed right after ``<pre>``, so
    text that starts with a blank line gets one more.
    """
    return f'<pre tabindex="0">{chr(10) if text.startswith(chr(10)) else ""}{text}</pre>'


def download_link(download: str) -> str:
    """A link to the example's zip, if there is one: short, as it sits beside every block."""
    return f' · <a href="{escape(download)}">Download</a>' if download else ""
