"""Pygments' HTML with one class per colour the theme gives code.

Pygments wraps every token, down to each space and comma, in an element
with a class of its own, though the theme colours only a few kinds of token.
Here tokens share the class of the colour they get, and tokens the theme
leaves plain get no element at all: a page of code weighs about half as
much and looks the same. Exchanges, included source and Markdown's own code
blocks all use it.
"""

from __future__ import annotations

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


def role_class(token: TokenType) -> str:
    """The class of the colour the theme gives ``token``, or "" if it stays plain."""
    return next((css_class for role, css_class in ROLES if token in role), "")


class RoleFormatter(HtmlFormatter):
    """Pygments' ``HtmlFormatter``, writing role classes only (Markdown's codehilite takes it)."""

    def _get_css_classes(self, ttype: TokenType) -> str:
        # Pygments asks this once per token type and caches the element it makes.
        return role_class(ttype)
