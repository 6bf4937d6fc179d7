"""Pelican plugin: the build, where every HTTP exchange on a page comes from running an example.

Notes hold ``exchange`` and ``include`` blocks (parsed by ``example_core``).
``reader`` plugs a Markdown extension (``markdown_extension``) into Pelican;
``jobs`` starts every exchange block at once, from the ``cache`` or in a
child of the ``forker`` (``run``; ``processes`` and ``guard`` keep it
contained), and checks the answers; ``blocks`` has
one module per kind of block, each rendering itself with ``html``
(messages, included source, highlighting, sequence diagrams);
``dependencies`` makes Pelican's content cache of a note depend on its
examples' files; ``build`` runs Pelican into a scratch folder and swaps it
in only when nothing failed. At the end, the block files and the examples'
bundles for the reader's browser are written (see ``live_examples.bundle``).

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
    from functools import partial

    from example_core.settings import RUN_SETTINGS, run_settings
    from take_home.self_check import ANSWERS
    from take_home.top_to_bottom import STRAIGHT_THROUGH

    from .dependencies import NoteStamps
    from .html.highlight import RoleFormatter
    from .reader import NOTE_STAMPS, STARTED_JOBS, note_paths, start_every_block
    from .straight import straight_through

    configs = pelican.settings["MARKDOWN"].setdefault("extension_configs", {})
    codehilite = configs.get("markdown.extensions.codehilite")
    if codehilite is not None:
        codehilite.setdefault("pygments_formatter", RoleFormatter)
    settings = pelican.settings[RUN_SETTINGS] = run_settings(pelican.settings)
    notes = note_paths(pelican.settings)
    stamps = pelican.settings[NOTE_STAMPS] = NoteStamps(pelican.settings, settings)
    stamps.prepare(notes)  # before any block runs: see NoteStamps
    pelican.settings[STARTED_JOBS] = start_every_block(pelican.settings, settings, notes)
    # The downloads' self-check carries each block's answers: the ones the pages show.
    pelican.settings[ANSWERS] = pelican.settings[STARTED_JOBS].answers
    # And its requests.http says where running it top to bottom answers otherwise.
    pelican.settings[STRAIGHT_THROUGH] = partial(straight_through, settings=settings)


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
    from example_core.settings import build_run_settings

    from .dependencies import NoteStamps
    from .reader import NOTE_STAMPS

    settings = readers.settings
    stamps = settings.get(NOTE_STAMPS)
    if stamps is None:
        stamps = NoteStamps(settings, build_run_settings(settings))
    stamps.install(readers)


def finish_runs(pelican: Pelican) -> None:
    """Stop the blocks no note showed; write the live panels' files of examples and blocks."""
    from pathlib import Path

    from example_core.settings import build_run_settings
    from live_examples.bundle import write_bundles

    from .reader import STARTED_JOBS

    started = pelican.settings[STARTED_JOBS]
    started.close()
    settings = build_run_settings(pelican.settings)
    output = Path(pelican.settings["OUTPUT_PATH"])
    write_bundles(settings.examples, settings.epoch, output)
    for path, data in sorted(started.live_files.items()):
        (output / path).parent.mkdir(parents=True, exist_ok=True)
        (output / path).write_bytes(data)
    started.live_files.clear()


def register() -> None:
    """Pelican's entry point for the plugin."""
    from pelican import signals

    signals.initialized.connect(start_runs)
    signals.readers_init.connect(use_exchange_reader)
    signals.finalized.connect(finish_runs)
