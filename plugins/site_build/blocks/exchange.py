"""The exchange block: the requests it names, sent to its example, shown with their answers."""

from __future__ import annotations

from example_core.model import Exchange
from example_core.parse import ExchangeBlock

from ..html.messages import render_exchanges
from ..jobs import BlockJob, live_block
from .context import BlockContext


def render(block: ExchangeBlock, context: BlockContext, job: BlockJob, anchor: str = "") -> str:
    """The block's HTML, with the id ``anchor``, from the exchanges ``job`` gives.

    Keeps the block's live file.

    Raises the ``BlockError`` of a request that failed or got an unexpected status.
    """
    return render_answers(block, context, job.exchanges(), anchor)


def render_answers(
    block: ExchangeBlock, context: BlockContext, exchanges: list[Exchange], anchor: str = ""
) -> str:
    """The block's HTML from its checked ``exchanges``; keeps the block's live file."""
    started, settings = context.started, context.settings
    path, data = live_block(block, exchanges, settings, started.bundle_url(block.example))
    started.live_files[path] = data
    download = context.download_url(block.example)
    live = f"{settings.site_url}/{path}"
    return render_exchanges(block, exchanges, live, download, anchor)
