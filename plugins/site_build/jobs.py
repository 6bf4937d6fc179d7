"""Exchange blocks on their way: from the cache or a forked child, checked, ready to render.

This is where a runner failure becomes a ``BlockError`` that names the note,
the line, the example and the request; the build and the tests both use it.
The build starts every block of every note before Pelican reads the first
one (``StartedJobs``), so examples run on other cores while notes render.
"""

from __future__ import annotations

from dataclasses import replace

from example_core.errors import BlockError, RunError
from example_core.model import Exchange
from example_core.parse import Block, ExchangeBlock
from example_core.settings import RunSettings
from live_examples.bundle import block_bytes, block_path, bundle_file, bundle_path

from . import cache
from .checks import block_error, check_exchanges
from .run import BlockRun


class BlockJob:
    """One exchange block on its way: from the cache, running in a child, or failed to start."""

    def __init__(
        self,
        block: ExchangeBlock,
        settings: RunSettings,
        answered: dict[ExchangeBlock, list[Exchange]] | None = None,
    ) -> None:
        self.block = block
        self.answered = answered
        self.settings = settings
        self.cache = settings.cache
        self.key: str | None = None
        self.outcome: list[Exchange] | BlockRun | RunError | None = None
        self.socket_run: BlockRun | None = None
        try:
            self.key = cache.cache_key(block, settings) if settings.cache else None
            if self.cache and self.key:
                self.outcome = cache.load(self.cache, self.key)
            if self.outcome is None:
                self.outcome = BlockRun(settings, block.example, block.requests, debug=block.debug)
                if block.over_socket:  # the same requests through a real server, on a fresh app
                    self.socket_run = BlockRun(
                        settings, block.example, block.requests, debug=block.debug, over_socket=True
                    )
        except RunError as error:  # a link out of the repository, a dead runner
            self.outcome = error

    def exchanges(self) -> list[Exchange]:
        """The block's exchanges, checked (see ``checks``); raises ``BlockError``."""
        try:
            if isinstance(self.outcome, RunError):
                raise self.outcome
            fresh = isinstance(self.outcome, BlockRun)
            exchanges = self.outcome.exchanges() if fresh else self.outcome
            if self.socket_run is not None:
                over_socket = self.socket_run.exchanges()
                exchanges = [
                    replace(exchange, over_socket=real.response)
                    for exchange, real in zip(exchanges, over_socket, strict=True)
                ]
        except RunError as error:
            raise block_error(self.block, error) from None
        check_exchanges(self.block, exchanges, self.settings)
        if self.answered is not None:
            self.answered[self.block] = exchanges
        # An example saved while its block ran may have answered with its new
        # code: keep the answers only if the files are still those of the key.
        if fresh and self.cache and self.key == _key_now(self.block, self.settings):
            cache.store(self.cache, self.key, exchanges)
        return exchanges

    def close(self) -> None:
        """Stop the child process, if one is still running."""
        if isinstance(self.outcome, BlockRun):
            self.outcome.close()
        if self.socket_run is not None:
            self.socket_run.close()


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
            if isinstance(block, ExchangeBlock):
                job = BlockJob(block, self._settings, self._answered)
                self._jobs.setdefault(block, []).append(job)

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


def _key_now(block: ExchangeBlock, settings: RunSettings) -> str | None:
    try:
        return cache.cache_key(block, settings)
    except RunError:
        return None
