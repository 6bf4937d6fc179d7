"""Pelican plugin: every HTTP exchange on a page comes from running an example app.

Markdown notes hold ``exchange`` blocks (requests in the ``.http`` file
format) and ``include`` blocks (source from an example). The pipeline is one
module per step: ``parse`` finds blocks, ``run`` sends requests with Flask's
test client (in children of the ``forker``), ``render`` makes HTML, ``blocks``
ties them together, and ``reader`` plugs that into Pelican.

Pelican is imported only inside ``register()``, so the fork server, which
imports this package, starts without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pelican import Pelican
    from pelican.readers import Readers


def prepare_runs(pelican: Pelican) -> None:
    """Work out the run settings once per build, and start the fork server early."""
    from .forker import shared_forker
    from .reader import RUN_SETTINGS, run_settings

    pelican.settings[RUN_SETTINGS] = run_settings(pelican.settings)
    shared_forker()


def use_exchange_reader(readers: Readers) -> None:
    """Read Markdown with our reader instead of Pelican's."""
    from .reader import ExchangeMarkdownReader

    for extension in ExchangeMarkdownReader.file_extensions:
        readers.reader_classes[extension] = ExchangeMarkdownReader


def write_example_bundles(pelican: Pelican) -> None:
    """Write every example's files into the output, for the live panels."""
    from pathlib import Path

    from .bundle import write_bundles
    from .reader import RUN_SETTINGS

    settings = pelican.settings[RUN_SETTINGS]
    write_bundles(settings.examples, settings.epoch, Path(pelican.settings["OUTPUT_PATH"]))


def register() -> None:
    """Pelican's entry point for the plugin."""
    from pelican import signals

    signals.initialized.connect(prepare_runs)
    signals.readers_init.connect(use_exchange_reader)
    signals.finalized.connect(write_example_bundles)
