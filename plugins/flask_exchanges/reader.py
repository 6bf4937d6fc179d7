"""Pelican's Markdown reader, with our extension told which note it is reading."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from .errors import BlockError
from .markdown_extension import ExchangeExtension
from .pinning import source_date_epoch
from .run import RunSettings

logger = logging.getLogger(__name__)
DEFAULT_TIMEOUT = 5.0
# Where the plugin keeps its run settings for one build, in Pelican's settings.
RUN_SETTINGS = "FLASK_EXCHANGES_RUN_SETTINGS"


def run_settings(settings: dict) -> RunSettings:
    """Read our settings from Pelican's.

    ``EXAMPLES_PATH`` (default: ``examples`` beside the content folder),
    ``EXCHANGE_TIMEOUT`` (seconds a request may take), and ``EXCHANGE_CACHE``
    (whether to keep results in ``CACHE_PATH``; on by default).
    """
    examples = Path(settings.get("EXAMPLES_PATH") or Path(settings["PATH"]).parent / "examples")
    use_cache = settings.get("EXCHANGE_CACHE", True)
    return RunSettings(
        examples=examples.resolve(),
        timeout=float(settings.get("EXCHANGE_TIMEOUT", DEFAULT_TIMEOUT)),
        epoch=source_date_epoch(examples),
        cache=Path(settings["CACHE_PATH"]).resolve() / "exchanges" if use_cache else None,
        site_url=settings.get("SITEURL", ""),
    )


class ExchangeMarkdownReader(MarkdownReader):
    """Reads a note like Pelican does, running its exchange and include blocks."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._run_settings = self.settings.get(RUN_SETTINGS) or run_settings(self.settings)

    def read(self, source_path: str) -> tuple[str, dict]:
        """Return the note's HTML and metadata; log and re-raise a ``BlockError``."""
        self._source_path = source_path
        # Named from the project's root, the way an author sees it: content/note.md
        note = os.path.relpath(source_path, Path(self.settings["PATH"]).parent)
        config = dict(self.settings["MARKDOWN"])
        config["extensions"] = [
            *config["extensions"],
            ExchangeExtension(note, self._run_settings),
        ]
        self._md = Markdown(**config)
        with pelican_open(source_path) as text:
            try:
                content = self._md.convert(text)
            except BlockError as error:
                logger.error("%s", error)
                raise
        metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        return content, metadata
