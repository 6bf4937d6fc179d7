"""Pelican's Markdown reader, with our extension told which note it is reading."""

from __future__ import annotations

import logging
from pathlib import Path

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from example_core.errors import BlockError
from example_core.notes import note_lines, note_name
from example_core.parse import find_blocks
from example_core.settings import RunSettings, build_run_settings

from .jobs import StartedJobs
from .markdown_extension import ExchangeExtension

logger = logging.getLogger(__name__)
# Where the plugin keeps, for one build, the blocks it has started and the
# notes' stamps, in Pelican's settings.
STARTED_JOBS = "FLASK_EXCHANGES_STARTED_JOBS"
NOTE_STAMPS = "FLASK_EXCHANGES_NOTE_STAMPS"


def note_paths(settings: dict) -> list[Path]:
    """Every note Pelican may read with our reader, sorted."""
    extensions = tuple(f".{name}" for name in ExchangeMarkdownReader.file_extensions)
    content = Path(settings["PATH"])
    return sorted(p for p in content.rglob("*") if p.suffix in extensions and p.is_file())


def start_every_block(settings: dict, run: RunSettings, notes: list[Path]) -> StartedJobs:
    """Start the exchange blocks of every note Pelican may read.

    A note that does not parse is left for its reader to report.
    """
    started = StartedJobs(run)
    for path in notes:
        lines = note_lines(path)
        try:
            started.start(find_blocks(lines, note_name(str(path), settings)))
        except BlockError:
            continue
    return started


class ExchangeMarkdownReader(MarkdownReader):
    """Reads a note like Pelican does, running its exchange and include blocks."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._run_settings = build_run_settings(self.settings)
        self._started = self.settings.get(STARTED_JOBS)

    def read(self, source_path: str) -> tuple[str, dict]:
        """Return the note's HTML and metadata; log and re-raise a ``BlockError``."""
        self._source_path = source_path
        note = note_name(source_path, self.settings)
        config = dict(self.settings["MARKDOWN"])
        config["extensions"] = [
            *config["extensions"],
            ExchangeExtension(note, self._run_settings, self._started),
        ]
        self._md = Markdown(**config)
        with pelican_open(source_path) as text:
            try:
                content = self._md.convert(text)
            except BlockError as error:
                logger.error("%s", error)
                raise
        sections = getattr(self._md, "toc_tokens", [])  # toc's, before the summary resets it
        metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        metadata["toc_tokens"] = sections
        return content, metadata
