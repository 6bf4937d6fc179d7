"""Pelican plugin: full-text search of the notes, with Pagefind, served by the site itself.

Once Pelican has written every page (the ``finalized`` signal), ``index``
runs Pagefind (pinned in package.json) over them into ``pagefind/``. Only
what a template marks ``data-pagefind-body`` (a note's article) is indexed,
less what it marks ``data-pagefind-ignore``; the page ``/search/`` and the
box in every page's header (``theme/static/js/page.js``) read that index.
Pelican is imported only inside ``register()``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from .index import SearchIndexError, index_site

if TYPE_CHECKING:
    from pelican import Pelican

logger = logging.getLogger(__name__)


def index_output(pelican: Pelican) -> None:
    """Index the pages Pelican wrote; log an error, failing the build, if Pagefind fails."""
    try:
        index_site(Path(pelican.settings["OUTPUT_PATH"]))
    except SearchIndexError as error:
        logger.error("search index: %s", error)


def register() -> None:
    """Pelican's entry point for the plugin."""
    from pelican import signals

    signals.finalized.connect(index_output)
