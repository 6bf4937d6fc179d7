"""A block's server console on the page: what the example printed, as a terminal shows it.

The text is the build's run's own (``Exchange.console``), never typed: each
request's output, then the access line the development server writes for
it. A terminal colours some access lines; the page shows the text alone.
"""

from __future__ import annotations

from html import escape

from example_core.console import without_colours
from example_core.model import Exchange

from .highlight import pre


def console_text(exchanges: list[Exchange]) -> str:
    """Everything the server printed while answering ``exchanges``, in order."""
    return "".join(without_colours(exchange.console) for exchange in exchanges)


def render_console(exchanges: list[Exchange], command: str) -> str:
    """The console as a figure: the command that started the server, then its lines."""
    return (
        '<figure class="exchange-console">\n'
        "<figcaption>What the server printed meanwhile, in the terminal where "
        f"<code>{escape(command)}</code> runs (the lines it prints as it starts are left out)"
        "</figcaption>\n"
        f"{pre(escape(console_text(exchanges)))}\n"
        "</figure>"
    )
