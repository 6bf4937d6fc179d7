"""An example's requests sent top to bottom to one app, as a student runs ``requests.http``.

A student who clicks through the download's ``requests.http`` without a
fresh start where it says so sends every request to one server: what an
earlier request changed (the app's data, the client's cookies) is still
there, and the server stays in one mode. The take-home plugin asks for
these answers (``take_home.top_to_bottom``) to say, before each request
that then answers otherwise than its page, why. A request the app raises
at is ``None``, and the ones after it go to a fresh app: the debugger's
page ends nothing for a student, but a run here stops at an exception.
"""

from __future__ import annotations

from dataclasses import replace

from example_core.errors import RunError
from example_core.model import Exchange
from example_core.parse import ExchangeBlock
from example_core.settings import RunSettings

from . import cache
from .run import BlockRun


def straight_through(block: ExchangeBlock, settings: RunSettings) -> list[Exchange | None]:
    """The answers to ``block``'s requests sent in one go; None where the app raised.

    ``block`` holds every request of the example, in the file's order, and
    the mode the README starts the server in. Raises ``RunError`` if the app
    does not load.
    """
    answers: list[Exchange | None] = []
    while block.requests:
        try:
            answers += _answers(block, settings)
            break
        except RunError as error:
            if error.index is None:
                raise
            answers += _answers(replace(block, requests=block.requests[: error.index]), settings)
            answers.append(None)
            block = replace(block, requests=block.requests[error.index + 1 :])
    return answers


def _answers(block: ExchangeBlock, settings: RunSettings) -> list[Exchange]:
    """One run of ``block``'s requests, from the build's cache when it holds them."""
    if not block.requests:
        return []
    key = cache.cache_key(block, settings) if settings.cache else None
    if key and settings.cache and (stored := cache.load(settings.cache, key)) is not None:
        return stored
    exchanges = BlockRun(settings, block.example, block.requests, debug=block.debug).exchanges()
    if key and settings.cache:
        cache.store(settings.cache, key, exchanges)
    return exchanges
