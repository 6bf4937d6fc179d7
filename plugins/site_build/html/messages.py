"""Turn a block's exchanges into HTML for the page.

Requests and responses are shown as HTTP messages, highlighted by Pygments'
``http`` lexer, which also escapes them: a body holding ``<script>`` is shown
as text. HTML bodies can also be previewed in an iframe that is sandboxed
with no permissions at all (no scripts, no same origin).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from html import escape

from pygments import format as format_tokens
from pygments.lexer import Lexer
from pygments.lexers import (
    HttpLexer,
    TextLexer,
    get_lexer_for_mimetype,
)
from pygments.token import Token
from pygments.token import _TokenType as TokenType
from pygments.util import ClassNotFound

from example_core.model import Exchange, Headers, HttpRequest, HttpResponse
from example_core.parse import ExchangeBlock
from example_core.rules import PREVIEW_PREFIX

from .console import render_console
from .diagram import render_diagram
from .highlight import RoleFormatter, download_link, pre
from .over_socket import render_over_socket

NEWLINE = "\n"
# Request headers request-headers= cannot hide.
ALWAYS_SHOWN = {"host", "cookie"}
# Inside an exchange, whose element carries the "highlight" class once, a
# message is a bare <pre>: one wrapper less for each of the many on a page.
BARE = RoleFormatter(nowrap=True)


def render_exchanges(
    block: ExchangeBlock,
    exchanges: list[Exchange],
    live: str,
    download: str = "",
    anchor: str = "",
) -> str:
    """HTML for a whole exchange block: each request beside the response it got.

    ``live`` is the URL of the block's file for the live panel (see ``bundle``),
    ``download`` that of the example's zip; ``anchor``, if any, is the block's
    id (see ``blocks.anchors``).
    """
    steps = "\n".join(_render_step(block, exchange) for exchange in exchanges)
    # The live panel runs the app as the build did: with or without debug mode.
    debug = "" if block.debug else ' data-debug="off"'
    diagram = render_diagram(exchanges, f"diagram-{block.line}") + "\n" if block.diagram else ""
    command = "flask run --debug" if block.debug else "flask run"
    console = "\n" + render_console(exchanges, command) if block.console else ""
    if block.over_socket:
        console += "\n" + render_over_socket(exchanges)
    # No permalink drawn beside it: a page holds a dozen blocks, and its weight budget is tight.
    ident = f' id="{escape(anchor)}"' if anchor else ""
    return (
        f'<div class="exchange highlight"{ident} data-example="{escape(block.example)}" '
        f'data-live="{escape(live)}"{debug}>\n'
        f'<p class="exchange-caption">Example <code>{escape(block.example)}</code>'
        f"{download_link(download)}</p>\n"
        f"{diagram}{steps}{console}\n</div>"
    )


def render_requests(requests: Iterable[HttpRequest]) -> str:
    """Requests as the author wrote them, as a ``.http`` file does: ``###`` between them.

    One highlighted ``<pre>``, with no answers: what an exercise sends.
    """
    tokens: list[tuple[TokenType, str]] = []
    for index, request in enumerate(requests):
        if index:
            tokens.append((Token.Comment, f"{NEWLINE}###{NEWLINE}{NEWLINE}"))
        head = [f"{request.method} {request.target} HTTP/1.1"]
        head += [f"{name}: {value}" for name, value in request.headers]
        tokens += _lean_head(HttpLexer(stripnl=False).get_tokens(NEWLINE.join(head) + NEWLINE))
        if request.body:
            content_type = next((v for k, v in request.headers if k.lower() == "content-type"), "")
            tokens += [(Token.Text, NEWLINE), *_body_tokens(request.shown_body, content_type)]
    return _bare(tokens)


def _render_step(block: ExchangeBlock, exchange: Exchange) -> str:
    response = exchange.response
    body = _body_text(response)
    content_type = response.header("Content-Type") or ""
    lines = body.rstrip("\n").split("\n")
    # One line past the limit is shown, not folded behind "Show the other 1 lines".
    cut = block.body_lines if len(lines) > block.body_lines + 1 else len(lines)
    shown_body = "\n".join(lines[:cut]) if cut < len(lines) else body
    preview = ""
    if block.preview and content_type.startswith("text/html"):
        preview = (
            f'<iframe class="exchange-preview" sandbox="" '
            f'title="The HTML of the response to {escape(exchange.request.summary)}, rendered" '
            f'srcdoc="{escape(PREVIEW_PREFIX + body)}"></iframe>'
        )
    request = exchange.request
    request_type = next((v for k, v in request.headers if k.lower() == "content-type"), "")
    shown = _shown_request_headers(block, exchange)
    return (
        '<div class="exchange-step">\n'
        '<div class="exchange-request"><p>Request</p>\n'
        f"{_highlight_message(_request_head(request, shown), request.shown_body, request_type)}"
        "</div>\n"
        '<div class="exchange-response"><p>Response</p>\n'
        f"{_highlight_message(_response_head(block, response), shown_body, content_type)}"
        f"{_fold(lines[cut:])}{preview}</div>\n"
        "</div>"
    )


def _fold(rest: list[str]) -> str:
    """The lines of a body past the block's limit, behind a summary that opens them.

    They are plain text, not coloured: a folded body is most often a
    framework's boilerplate (a redirect's HTML), and colours would double its
    bytes on a page within its weight budget.
    """
    if not rest:
        return ""
    return (
        f'<details class="exchange-fold"><summary>Show the other {len(rest)} '
        f"lines of the body</summary>\n{pre(escape(NEWLINE.join(rest), quote=False))}</details>"
    )


def _shown_request_headers(block: ExchangeBlock, exchange: Exchange) -> Headers:
    """The headers sent, less those the client added that ``request-headers=`` leaves out.

    Headers the block writes are always shown (the live panel reads them from
    the page), and so are ``Host``, which HTTP/1.1 requires, and a ``Cookie``:
    a request is never drawn without what tells the server who is asking.
    """
    if block.request_headers is None:
        return exchange.sent_headers
    wanted = {name.lower() for name in block.request_headers} | ALWAYS_SHOWN
    added = set(exchange.added_headers)
    return tuple(
        (name, value)
        for name, value in exchange.sent_headers
        if name not in added or name.lower() in wanted
    )


def _request_head(request: HttpRequest, headers: Headers) -> list[str]:
    """The request line and headers, the way a ``.http`` file writes them."""
    lines = [f"{request.method} {request.target} HTTP/1.1"]
    return lines + [f"{name}: {value}" for name, value in headers]


def _response_head(block: ExchangeBlock, response: HttpResponse) -> list[str]:
    wanted = {name.lower() for name in block.headers} if block.headers is not None else None
    lines = [f"HTTP/1.1 {response.status}"]
    return lines + [
        f"{name}: {value}"
        for name, value in response.headers
        if wanted is None or name.lower() in wanted
    ]


def _body_text(response: HttpResponse) -> str:
    try:
        return response.body.decode("utf-8")
    except UnicodeDecodeError:
        return f"[{len(response.body):,} bytes of binary data]"


def _highlight_message(head: list[str], body: str, content_type: str) -> str:
    """An HTTP message: its head by Pygments' ``http`` lexer, its body by its type's lexer.

    (The ``http`` lexer could do both, but it looks the body's lexer up anew
    for every message, which costs more than the rest of the highlighting.)
    """
    tokens = list(_lean_head(HttpLexer(stripnl=False).get_tokens(NEWLINE.join(head) + NEWLINE)))
    body = body.rstrip(NEWLINE)
    if body:
        tokens.append((Token.Text, NEWLINE))
        tokens += _body_tokens(body, content_type)
    return _bare(tokens)


def _bare(tokens: Iterable[tuple[TokenType, str]]) -> str:
    return pre(format_tokens(tokens, BARE))


def _lean_head(tokens: Iterable[tuple[TokenType, str]]) -> Iterator[tuple[TokenType, str]]:
    """Colour what a reader looks for in a head: the method and path, the status, the names.

    The protocol version and the header values stay plain, which makes every
    page lighter by an element or two per line.
    """
    version_left = 0  # "HTTP", "/", "1.1"
    for ttype, value in tokens:
        if ttype in Token.Keyword.Reserved:
            version_left = 3
        if version_left or ttype is Token.Literal:
            version_left = max(version_left - 1, 0)
            yield Token.Text, value
        elif ttype in Token.Number:  # the status code, coloured with its reason phrase
            yield Token.Name.Exception, value
        else:
            yield ttype, value


def _highlight_body(body: str, content_type: str) -> str:
    return _bare(_body_tokens(body, content_type))


def _body_tokens(body: str, content_type: str) -> list[tuple[TokenType, str]]:
    lexer = _lexer_class_for_type(content_type.split(";")[0].strip().lower())
    return list(lexer(stripnl=False).get_tokens(body))


@cache
def _lexer_class_for_type(media_type: str) -> type[Lexer]:
    # The lexer the http lexer itself picks for a body of this type.
    try:
        return type(get_lexer_for_mimetype(media_type))
    except ClassNotFound:
        return TextLexer
