"""One exchange block's run: from the cache or a forked child, its answers checked.

This is where a runner failure becomes a ``BlockError`` that names the note,
the line, the example and the request (see ``checks``); the build and the
tests both use it, through ``jobs``.
"""

from __future__ import annotations

from example_core.errors import RunError
from example_core.model import Exchange
from example_core.parse import ExchangeBlock
from example_core.settings import RunSettings

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
        try:
            self.key = cache.cache_key(block, settings) if settings.cache else None
            if self.cache and self.key:
                self.outcome = cache.load(self.cache, self.key)
            if self.outcome is None:
                self.outcome = BlockRun(settings, block.example, block.requests, debug=block.debug)
        except RunError as error:  # a link out of the repository, a dead runner
            self.outcome = error

    def exchanges(self) -> list[Exchange]:
        """The block's exchanges, checked (see ``checks``); raises ``BlockError``."""
        try:
            if isinstance(self.outcome, RunError):
                raise self.outcome
            fresh = isinstance(self.outcome, BlockRun)
            exchanges = self.outcome.exchanges() if fresh else self.outcome
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


def _key_now(block: ExchangeBlock, settings: RunSettings) -> str | None:
    try:
        return cache.cache_key(block, settings)
    except RunError:
        return None
