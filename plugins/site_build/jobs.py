"""Exchange blocks on their way: from the cache or a forked child, checked, ready to render.

This is where a runner failure becomes a ``BlockError`` that names the note,
the line, the example and the request; the build and the tests both use it.
The build starts every block of every note before Pelican reads the first
one (``StartedJobs``), so examples run on other cores while notes render.
"""

from __future__ import annotations

from example_core.errors import BlockError
from example_core.exercise_blocks import ExerciseBlock
from example_core.model import Exchange
from example_core.parse import Block, ExchangeBlock, PredictBlock
from example_core.settings import RunSettings
from live_examples.bundle import block_bytes, block_path, bundle_file, bundle_path

from .block_job import BlockJob
from .exercise_job import ExerciseJob


class StartedJobs:
    """Exchange blocks already running, ahead of the notes that show them.

    It also keeps, for the end of the build, the file each rendered block
    gives the live panels (``live_files``: path in the output, bytes), and
    each block's answers, for the downloads' self-check (``answers``).
    """

    def __init__(self, settings: RunSettings) -> None:
        self._settings = settings
        self._jobs: dict[ExchangeBlock, list[BlockJob]] = {}
        self._bundle_urls: dict[str, str] = {}
        self.live_files: dict[str, bytes] = {}
        self._answered: dict[ExchangeBlock, list[Exchange]] = {}
        self._exercises: dict[ExerciseBlock, list[ExerciseJob]] = {}
        # Each exercise id, with the places (note, line) that use it: one place only.
        self._ids: dict[str, set[tuple[str, int]]] = {}

    def refuse_duplicate(self, block: ExerciseBlock | PredictBlock) -> None:
        """Raise ``BlockError`` if another exercise of the site has ``block``'s id."""
        places = self._ids.setdefault(block.id, set()) | {(block.note, block.line)}
        self._ids[block.id] = places
        others = sorted(f"{note}:{line}" for note, line in places - {(block.note, block.line)})
        if others:
            raise block.error(
                f"the exercise id {block.id!r} is used at {', '.join(others)} too: "
                "each exercise needs an id of its own (its link and its solution's folder)"
            )

    def answers(self, block: ExchangeBlock) -> list[Exchange]:
        """The checked answers of ``block``: those its note rendered, or run now.

        A note Pelican took from its content cache was never rendered: its
        block runs here (or comes from the build's cache). Raises ``BlockError``.
        """
        if block not in self._answered:
            job = self.take(block)
            try:
                self._keep_live_file(block, job.exchanges())
            finally:
                job.close()
        return self._answered[block]

    def _keep_live_file(self, block: ExchangeBlock, exchanges: list[Exchange]) -> None:
        """Keep the live file of a block its (cached) note names but did not render."""
        bundle = self.bundle_url(block.example)
        path, data = live_block(block, exchanges, self._settings, bundle)
        self.live_files[path] = data

    def bundle_url(self, example: str) -> str:
        """The URL of an example's bundle, worked out once per build; its file is kept too.

        So every block of the build names the very bundle the build writes,
        even if the example is saved while the build runs.
        """
        if example not in self._bundle_urls:
            path, data = bundle_file(self._settings.examples / example, self._settings.epoch)
            self.live_files[path] = data
            self._bundle_urls[example] = f"{self._settings.site_root}/{path}"
        return self._bundle_urls[example]

    def start(self, blocks: list[Block]) -> None:
        """Start each exchange block among ``blocks``."""
        for block in blocks:
            if isinstance(block, ExerciseBlock | PredictBlock):
                self._ids.setdefault(block.id, set()).add((block.note, block.line))
            if isinstance(block, ExerciseBlock):
                self._exercises.setdefault(block, []).append(ExerciseJob(block, self._settings))
            exchange = block.exchange if isinstance(block, PredictBlock) else block
            if isinstance(exchange, ExchangeBlock):
                job = BlockJob(exchange, self._settings, self._answered)
                self._jobs.setdefault(exchange, []).append(job)

    def take_exercise(self, block: ExerciseBlock) -> ExerciseJob:
        """The runs started for ``block``, or new ones if the note changed since."""
        started = self._exercises.get(block)
        return started.pop() if started else ExerciseJob(block, self._settings)

    def take(self, block: ExchangeBlock) -> BlockJob:
        """The job started for ``block``, or a new one if the note changed since."""
        started = self._jobs.get(block)
        return started.pop() if started else BlockJob(block, self._settings, self._answered)

    def close(self) -> None:
        """Keep the live files of the blocks nobody took, and stop their jobs.

        Pelican shows a note from its content cache without reading it, so
        that note's blocks are started but never taken; its page names
        their live files all the same. A block that fails has no file: a
        note showing it is never cached.
        """
        for jobs in self._jobs.values():
            for job in jobs:
                try:
                    self._keep_live_file(job.block, job.exchanges())
                except BlockError:
                    pass
                finally:
                    job.close()
        self._jobs.clear()
        self._answered.clear()
        self._close_exercises()

    def _close_exercises(self) -> None:
        """Keep the files of the exercises nobody took (their notes came from the cache)."""
        for jobs in self._exercises.values():
            for job in jobs:
                try:
                    proven = job.proven()
                    self.live_files.update(job.files(proven, self.bundle_url(job.block.example))[1])
                except BlockError:
                    pass
                finally:
                    job.close()
        self._exercises.clear()


def run_exchange_block(block: ExchangeBlock, settings: RunSettings) -> list[Exchange]:
    """Run a block's requests and check each status against ``expect=``."""
    job = BlockJob(block, settings)
    try:
        return job.exchanges()
    finally:
        job.close()


def live_block(
    block: ExchangeBlock,
    exchanges: list[Exchange],
    settings: RunSettings,
    bundle: str | None = None,
) -> tuple[str, bytes]:
    """The block's file for the live panel: its path in the output, and its bytes.

    ``bundle`` is the URL of the example's bundle, when the build knows it already.
    """
    if bundle is None:
        example_dir = settings.examples / block.example
        bundle = f"{settings.site_root}/{bundle_path(example_dir, settings.epoch)}"
    data = block_bytes(block, exchanges, bundle)
    return block_path(data), data
