"""A Python-Markdown extension that replaces exchange and include blocks with HTML."""

from __future__ import annotations

import re
from html import escape, unescape

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from example_core.parse import find_blocks
from example_core.settings import RunSettings

from .blocks import render_blocks
from .jobs import StartedJobs

# Above "meta" (27), which removes the metadata lines: line numbers still
# match the file, so messages can point at the right line.
PRIORITY = 29
# Below "raw_html" (30), so the blocks' own HTML is in place.
POSTPROCESSOR_PRIORITY = 5


class ExchangeExtension(Extension):
    """Configured per note: which note it is, how to run examples, and what already runs."""

    def __init__(
        self, note: str, settings: RunSettings, started: StartedJobs | None = None
    ) -> None:
        super().__init__()
        self.note = note
        self.settings = settings
        self.started = started

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802  (Markdown's API name)
        md.preprocessors.register(
            BlockPreprocessor(md, self),
            "exchange_blocks",
            PRIORITY,
        )
        md.postprocessors.register(FocusableCode(md), "focusable_code", POSTPROCESSOR_PRIORITY)
        md.postprocessors.register(
            ScrollableTables(md), "scrollable_tables", POSTPROCESSOR_PRIORITY
        )


class BlockPreprocessor(Preprocessor):
    """Swaps each block's lines for a placeholder of its rendered HTML."""

    def __init__(self, md: Markdown, extension: ExchangeExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        """Return the lines with every block replaced; raises ``BlockError``."""
        extension = self.extension
        blocks = find_blocks(lines, extension.note)
        rendered = render_blocks(blocks, extension.settings, extension.started)
        for block, html in reversed(list(zip(blocks, rendered, strict=True))):
            lines[block.start : block.end + 1] = ["", self.md.htmlStash.store(html), ""]
        return lines


class FocusableCode(Postprocessor):
    """Lets keyboard users reach, and so scroll, every code block wider than the page."""

    def run(self, text: str) -> str:
        """Return the HTML with ``tabindex="0"`` on every ``<pre>``."""
        return text.replace("<pre>", '<pre tabindex="0">')


TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)
HEADER_CELL = re.compile(r"<th[^>]*>(.*?)</th>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")


class ScrollableTables(Postprocessor):
    """Puts every table in a region of its own that scrolls, and that the keyboard can reach.

    A table wider than a phone scrolls sideways inside the region, not the
    page; the region is named after the table's column headings.
    """

    def run(self, text: str) -> str:
        """Return the HTML with every ``<table>`` wrapped in a focusable, named region."""
        return TABLE.sub(self.wrap, text)

    @staticmethod
    def wrap(match: re.Match[str]) -> str:
        table = match.group(0)
        headings = [unescape(TAG.sub("", cell)).strip() for cell in HEADER_CELL.findall(table)]
        label = "Table: " + ", ".join(h for h in headings if h) if any(headings) else "Table"
        return (
            f'<div class="table-scroll" tabindex="0" role="region"'
            f' aria-label="{escape(label)}">{table}</div>'
        )
