"""Pelican plugin: every HTTP exchange on a page comes from running an example app.

Markdown notes hold ``exchange`` blocks (requests in the ``.http`` file
format) and ``include`` blocks (source from an example). The pipeline is one
module per step: ``parse`` finds blocks, ``run`` sends requests with Flask's
test client, ``render`` makes HTML, ``blocks`` ties them together for one
block, and ``reader`` plugs that into Pelican.
"""

from __future__ import annotations

from pelican import Pelican, signals
from pelican.readers import Readers

from .reader import RUN_SETTINGS, ExchangeMarkdownReader, run_settings


def prepare_runs(pelican: Pelican) -> None:
    """Work out the run settings once per build."""
    pelican.settings[RUN_SETTINGS] = run_settings(pelican.settings)


def use_exchange_reader(readers: Readers) -> None:
    """Read Markdown with our reader instead of Pelican's."""
    for extension in ExchangeMarkdownReader.file_extensions:
        readers.reader_classes[extension] = ExchangeMarkdownReader


def register() -> None:
    """Pelican's entry point for the plugin."""
    signals.initialized.connect(prepare_runs)
    signals.readers_init.connect(use_exchange_reader)
