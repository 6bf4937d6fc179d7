"""Pelican plugin: every HTTP exchange on a page comes from running an example app.

Markdown notes hold ``exchange`` blocks (requests in the ``.http`` file
format) and ``include`` blocks (source from an example). The pipeline is one
module per step: ``parse`` finds blocks, ``run`` sends requests with Flask's
test client (in children of the ``forker``; ``sent`` reads the headers it
really sent), ``render`` makes HTML (with ``highlight``'s elements and
``diagram``'s sequence diagrams), ``blocks`` starts every block at once and
ties the steps together, ``reader`` plugs that into Pelican, and
``dependencies`` makes Pelican's content cache of a note depend on its
examples' files. ``download`` packs each example as a zip for students, and
``downloads_page`` writes those and the page listing them.

Pelican is imported only inside ``register()``, so the fork server, which
imports this package, starts without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pelican import Pelican
    from pelican.readers import Readers


def start_runs(pelican: Pelican) -> None:
    """Work out the run settings, and start every block right away.

    Pelican sends this once per process: when it rebuilds on changes, the
    later builds start each note's blocks as they read it. Markdown's own
    code blocks get the same compact highlighting as the blocks, unless
    ``MARKDOWN`` names a formatter for codehilite already.
    """
    from .dependencies import NoteStamps
    from .highlight import RoleFormatter
    from .reader import (
        NOTE_STAMPS,
        RUN_SETTINGS,
        STARTED_JOBS,
        note_paths,
        run_settings,
        start_every_block,
    )

    configs = pelican.settings["MARKDOWN"].setdefault("extension_configs", {})
    codehilite = configs.get("markdown.extensions.codehilite")
    if codehilite is not None:
        codehilite.setdefault("pygments_formatter", RoleFormatter)
    settings = pelican.settings[RUN_SETTINGS] = run_settings(pelican.settings)
    notes = note_paths(pelican.settings)
    stamps = pelican.settings[NOTE_STAMPS] = NoteStamps(pelican.settings, settings)
    stamps.prepare(notes)  # before any block runs: see NoteStamps
    pelican.settings[STARTED_JOBS] = start_every_block(pelican.settings, settings, notes)


def use_exchange_reader(readers: Readers) -> None:
    """Read Markdown with our reader instead of Pelican's, and cache what it reads soundly."""
    from .reader import ExchangeMarkdownReader

    for extension in ExchangeMarkdownReader.file_extensions:
        readers.reader_classes[extension] = ExchangeMarkdownReader
    stamp_notes_with_examples(readers)


def stamp_notes_with_examples(readers: Readers) -> None:
    """Make Pelican's content cache of a note depend on the examples it uses too.

    Pelican compares a file's stamp (``_get_file_stamp``) before reusing what
    its readers cached; ``dependencies`` explains what the wider stamp holds.
    (The other caching layer, ``CONTENT_CACHING_LAYER = "generator"``, keeps
    Pelican's own stamp; the author's loop uses the readers' layer.)
    """
    from .dependencies import NoteStamps
    from .reader import NOTE_STAMPS, RUN_SETTINGS, run_settings

    settings = readers.settings
    stamps = settings.get(NOTE_STAMPS)
    if stamps is None:
        stamps = NoteStamps(settings, settings.get(RUN_SETTINGS) or run_settings(settings))
    stamps.install(readers)


def finish_runs(pelican: Pelican) -> None:
    """Stop the blocks no note showed; write the live panels' files of examples and blocks."""
    from pathlib import Path

    from .bundle import write_bundles
    from .reader import RUN_SETTINGS, STARTED_JOBS

    started = pelican.settings[STARTED_JOBS]
    started.close()
    settings = pelican.settings[RUN_SETTINGS]
    output = Path(pelican.settings["OUTPUT_PATH"])
    write_bundles(settings.examples, settings.epoch, output)
    for path, data in sorted(started.live_files.items()):
        (output / path).parent.mkdir(parents=True, exist_ok=True)
        (output / path).write_bytes(data)
    started.live_files.clear()


def downloads_generator(pelican: Pelican) -> type:
    """The generator that writes every example's zip and the page listing them."""
    from .downloads_page import DownloadsGenerator

    return DownloadsGenerator


def register() -> None:
    """Pelican's entry point for the plugin."""
    from pelican import signals

    signals.initialized.connect(start_runs)
    signals.get_generators.connect(downloads_generator)
    signals.readers_init.connect(use_exchange_reader)
    signals.finalized.connect(finish_runs)
