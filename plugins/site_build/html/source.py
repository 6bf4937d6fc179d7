"""Turn source included from an example into HTML for the page."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import PurePosixPath

from pygments.lexer import Lexer
from pygments.lexers import TextLexer, find_lexer_class_for_filename

from .highlight import download_link, highlight


@dataclass(frozen=True)
class IncludedSource:
    """Source text cut from an example file, with where it came from."""

    path: str
    text: str
    first_line: int
    last_line: int
    whole_file: bool


def render_source(source: IncludedSource, download: str = "") -> str:
    """HTML for included source: a caption naming the file and lines, then the code.

    ``download`` is the URL of the example's zip.
    """
    where = "" if source.whole_file else f", lines {source.first_line} to {source.last_line}"
    lexer = _lexer_class_for(PurePosixPath(source.path).suffix or source.path)()
    return (
        '<div class="source">\n'
        f'<p class="source-caption"><code>{escape(source.path)}</code>{where}'
        f"{download_link(download)}</p>\n"
        f"{highlight(lexer.get_tokens(source.text))}</div>"
    )


@cache
def _lexer_class_for(suffix: str) -> type[Lexer]:
    # Each lookup scans every installed package for Pygments plugins, which
    # costs more than highlighting the file: look each suffix up once. A file
    # type Pygments does not know is shown as plain text.
    name = f"example{suffix}" if suffix.startswith(".") else suffix
    return find_lexer_class_for_filename(name) or TextLexer
