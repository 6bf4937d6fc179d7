"""Honour one block: run or read what it names, check it, and return its HTML.

This is where a runner failure becomes a ``BlockError`` that names the note,
the line, the example and the request; the build and the tests both call it.
"""

from __future__ import annotations

from .errors import BlockError
from .include import read_include
from .parse import Block, ExchangeBlock
from .render import render_exchanges, render_source
from .run import Exchange, RunError, RunSettings, run_requests


def run_exchange_block(block: ExchangeBlock, settings: RunSettings) -> list[Exchange]:
    """Run a block's requests and check each status against ``expect=``."""
    try:
        exchanges = run_requests(settings, block.example, block.requests)
    except RunError as error:
        request = block.requests[error.index] if error.index is not None else None
        raise BlockError(
            block.note,
            request.line if request else block.line,
            str(error),
            example=block.example,
            request=request.summary if request else None,
        ) from None
    for index, exchange in enumerate(exchanges):
        expected = block.expected_status(index)
        got = exchange.response.status_code
        if expected is not None and got != expected:
            request = block.requests[index]
            raise BlockError(
                block.note,
                request.line,
                f"expected {expected}, got {got}",
                example=block.example,
                request=request.summary,
            )
    return exchanges


def render_block(block: Block, settings: RunSettings) -> str:
    """The HTML that replaces a block in its note."""
    if isinstance(block, ExchangeBlock):
        return render_exchanges(block, run_exchange_block(block, settings))
    return render_source(read_include(block, settings.examples))
