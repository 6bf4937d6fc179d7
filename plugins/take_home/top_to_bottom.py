"""Where ``requests.http``, run top to bottom without a fresh start, answers otherwise than a page.

The file marks each block where the page started a fresh app, but a
student may click on through it (REST Client), or send it all at once
(httpyac's "send all"). The build then sends every request of the
example, in the file's order, to one app in the README's mode (the
``STRAIGHT_THROUGH`` setting, which ``site_build`` fills), and each answer
that differs from its page's, apart from the known differences, gets a
comment line before its request saying why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from example_core.differences import as_a_student_sees_it
from example_core.model import Exchange
from example_core.parse import ExchangeBlock

from .requests_file import ShownBlock

# The Pelican setting: a function of an ``ExchangeBlock`` holding every
# request of an example, returning the answers (None where the app raised).
STRAIGHT_THROUGH = "TAKE_HOME_STRAIGHT_THROUGH"
RAISED = (
    "in debug mode, as README.txt starts the server, this request raises: you get "
    "the debugger's page, where the page, without debug mode, shows Flask's 500."
)
WITHOUT_DEBUG = (
    "the page ran this without debug mode; the server still runs with --debug, "
    "so this answers otherwise."
)
CARRIED_OVER = (
    "the app and your cookies still hold what the requests above changed, so "
    "this answers otherwise than the page."
)


def surprises(
    example: str,
    shown: Sequence[ShownBlock],
    answers: Sequence[list[Exchange]],
    debug: bool,
    run: Callable[[ExchangeBlock], list[Exchange | None]],
) -> dict[tuple[int, int], str]:
    """For each (block, request) that answers otherwise when run on, the comment that says why."""
    if not shown:
        return {}
    requests = tuple(request for item in shown for request in item.block.requests)
    first = shown[0].block
    everything = ExchangeBlock(
        note=f"{example}.zip: requests.http",
        line=1,
        start=0,
        end=0,
        example=example,
        requests=requests,
        expect=(),
        headers=None,
        body_lines=0,
        preview=False,
        debug=debug,
        request_headers=first.request_headers,
    )
    straight = iter(run(everything))
    found = {}
    for number, (item, exchanges) in enumerate(zip(shown, answers, strict=True)):
        for index, exchange in enumerate(exchanges):
            got = next(straight)
            target = exchange.request.target
            page = as_a_student_sees_it(exchange.response, example, target)
            if got is None:
                found[number, index] = RAISED
            elif as_a_student_sees_it(got.response, example, target) != page:
                found[number, index] = WITHOUT_DEBUG if debug != item.block.debug else CARRIED_OVER
    return found
