"""What an exchange block's answers must be before a page may show them.

Each check raises ``BlockError`` naming the note, the line, the example and
the request: a status ``expect=`` did not ask for, a response HTTP/1.1
cannot carry as it stands (a real server would answer otherwise), or
anything over the limits a page and the live panel's file are held to.
"""

from __future__ import annotations

import re

from example_core.console import printed_by_app
from example_core.errors import BlockError, RunError
from example_core.model import Exchange, Headers
from example_core.parse import ExchangeBlock
from example_core.settings import RunSettings

STATUS = re.compile(r"[1-5]\d\d(?: .*)?")


def check_exchanges(block: ExchangeBlock, exchanges: list[Exchange], settings: RunSettings) -> None:
    """Raise ``BlockError`` for the first exchange a page must not show."""
    for index, exchange in enumerate(exchanges):
        problem = (
            _wire_problem(exchange)
            or _status_problem(block, index, exchange)
            or _headers_problem(exchange, settings.max_headers)
            or _body_problem(exchange, settings)
        )
        if problem:
            raise block_error(block, RunError(problem, index))
    if block.console and not any(printed_by_app(exchange.console) for exchange in exchanges):
        raise block_error(block, RunError(SILENT_CONSOLE, None))


SILENT_CONSOLE = (
    "the block asks for the server's console, but the app printed nothing while "
    "answering (only the access lines): drop the console option, or print or log something"
)


def block_error(block: ExchangeBlock, error: RunError) -> BlockError:
    """The author's message for ``error``, at the request it names or the block's line."""
    request = block.requests[error.index] if error.index is not None else None
    if request is None:
        return block.error(str(error))
    return block.error(str(error), line=request.line, request=request.summary)


def _wire_problem(exchange: Exchange) -> str | None:
    """What HTTP/1.1 cannot carry: Flask's test client passes it, a real server does not."""
    status = exchange.response.status
    if not STATUS.fullmatch(status):
        return (
            f"the status line {status!r} is invalid: a status is three digits, 100 to 599 "
            f"(Werkzeug's development server would send 'HTTP/1.1 {status}', which no "
            "client can read)"
        )
    for name, value in exchange.response.headers:
        if "\r" in value or "\n" in value:
            return (
                f"the response header {name} holds a line break: a real server would end "
                "the header there and read the rest as a header of its own"
            )
        try:
            f"{name}: {value}".encode("latin-1")
        except UnicodeEncodeError:
            return (
                f"the response header {name}: {value!r} is not Latin-1, which HTTP/1.1 "
                "cannot carry: Werkzeug's development server (flask run) logs "
                "UnicodeEncodeError and sends no answer at all, leaving the client "
                "waiting; encode the value (RFC 8187, or percent-encoding)"
            )
    return None


def _status_problem(block: ExchangeBlock, index: int, exchange: Exchange) -> str | None:
    expected = block.expected_status(index)
    got = exchange.response.status_code
    if expected is not None and got != expected:
        return f"expected {expected}, got {got}"
    return None


def _headers_problem(exchange: Exchange, limit: int) -> str | None:
    for which, headers in (
        ("request", exchange.sent_headers),
        ("response", exchange.response.headers),
    ):
        size = _header_bytes(headers)
        if size > limit:
            return (
                f"the {which}'s headers are {size:,} bytes, over the {limit:,} a message may "
                "carry (EXCHANGE_MAX_HEADERS): send or set smaller headers, or raise the setting"
            )
    return None


def _header_bytes(headers: Headers) -> int:
    return sum(len(f"{name}: {value}\r\n".encode()) for name, value in headers)


def _body_problem(exchange: Exchange, settings: RunSettings) -> str | None:
    """A text body goes into the page whole (folded or not); a binary one into the panel's file.

    The page only describes a binary body, but the block's file for the live
    panel carries it whole, in base64, and a reader downloads that on Run.
    """
    body = exchange.response.body
    if _is_text(body):
        if len(body) > settings.max_body:
            return (
                f"the response body is {len(body):,} bytes, over the {settings.max_body:,} a "
                "page may show (EXCHANGE_MAX_BODY): ask for something smaller, or raise the setting"
            )
    elif len(body) > settings.max_binary_body:
        return (
            f"the response body is {len(body):,} bytes of binary data, over the "
            f"{settings.max_binary_body:,} the live panel's file may carry "
            "(EXCHANGE_MAX_BINARY_BODY): ask for something smaller, or raise the setting"
        )
    return None


def _is_text(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
