"""Draw a block's exchanges as a sequence diagram, in inline SVG.

Two lanes, the client's and the server's; an arrow per request, labelled with
its method and path, and one per response, labelled with its status. Under a
label stand the headers that tie one exchange to a later one: the
``Location`` the next request follows, an ``ETag`` or ``Last-Modified`` sent
back as ``If-None-Match`` or ``If-Modified-Since``, a ``Set-Cookie`` that
returns as ``Cookie``, the ``href`` or ``src`` of a page that the next
request fetches. A dashed line on the client's side joins each such pair.

Everything comes from the exchanges the build ran. The SVG needs no script;
its colours are classes that ``style.css`` sets from the theme's custom
properties, and its ``<title>`` says in words what it draws.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

from example_core.model import Exchange, HttpResponse

WIDTH = 360
CLIENT_X = 44
SERVER_X = 336
TOP = 40
LINE = 15
FONT = 12
# A monospace character is about 0.6 em wide: what fits between the lanes.
MAX_CHARS = int((SERVER_X - CLIENT_X - 16) / (0.6 * FONT))
TIE_GAP = 9
MAX_TIE_COLUMNS = 3
LEGEND = (
    "<figcaption>A dashed line joins an answer to the later request"
    " that uses what it gave.</figcaption>"
)
LINKS = re.compile(r"""\b(href|src)\s*=\s*["']([^"']+)["']""")


@dataclass(frozen=True)
class Message:
    """One arrow: a request (client to server) or the response to it."""

    exchange: int
    is_request: bool
    label: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Tie:
    """Something a response gave that a later request carries back or follows.

    ``note`` is the response's note that the request answers to; ``phrase``
    says in words what the client does with it.
    """

    response: int
    request: int
    note: str
    phrase: str


def conversation(exchanges: list[Exchange]) -> tuple[list[Message], list[Tie]]:
    """The arrows of a diagram, in order, and the ties between them."""
    ties = [tie for index in range(len(exchanges)) for tie in _ties_into(exchanges, index)]
    messages: list[Message] = []
    for index, exchange in enumerate(exchanges):
        request, response = exchange.request, exchange.response
        sent = [f"{name}: {value}" for name, value in exchange.sent_headers if _carries(name)]
        messages.append(Message(index, True, request.summary, tuple(sent)))
        shown = [
            f"{name}: {_set_cookie(value) if name.lower() == 'set-cookie' else value}"
            for name, value in response.headers
            if name.lower() in ("location", "set-cookie")
        ]
        tied = [t.note for t in ties if t.response == index and t.note not in shown]
        messages.append(Message(index, False, response.status, tuple(shown + tied)))
    return messages, ties


def _carries(name: str) -> bool:
    return name.lower() in ("cookie", "if-none-match", "if-modified-since")


def _set_cookie(value: str) -> str:
    """A ``Set-Cookie`` without its attributes, unless it deletes the cookie."""
    deletes = "max-age=0" in value.lower().replace(" ", "")
    return f"{_cookie_pair(value)}; Max-Age=0" if deletes else _cookie_pair(value)


def _cookie_pair(set_cookie: str) -> str:
    """``name=value`` of a ``Set-Cookie``, without its attributes."""
    return set_cookie.split(";", 1)[0].strip()


def _ties_into(exchanges: list[Exchange], index: int) -> list[Tie]:
    """What request ``index`` takes from earlier responses: from the latest one giving each."""
    ties: list[Tie] = []
    found: set[str] = set()
    for earlier in range(index - 1, -1, -1):
        for key, note, phrase in _given(exchanges[earlier], exchanges[index]):
            if key not in found:
                found.add(key)
                ties.append(Tie(earlier, index, note, phrase))
    return sorted(ties, key=lambda tie: tie.response)


def _given(earlier: Exchange, later: Exchange) -> Iterator[tuple[str, str, str]]:
    """What ``earlier``'s response gave that ``later``'s request uses: (key, note, phrase)."""
    response, target = earlier.response, later.request.target
    sent = {name.lower(): value for name, value in later.sent_headers}
    location = response.header("Location")
    if _same_target(location, target):
        redirect = 300 <= response.status_code < 400
        phrase = "follows the Location" if redirect else "asks for what the Location names"
        yield "location", f"Location: {location}", phrase
    etag = response.header("ETag")
    if etag and etag in sent.get("if-none-match", ""):
        yield "etag", f"ETag: {etag}", "sends the ETag back as If-None-Match"
    modified = response.header("Last-Modified")
    if modified and modified == sent.get("if-modified-since"):
        phrase = "sends the Last-Modified date back as If-Modified-Since"
        yield "last-modified", f"Last-Modified: {modified}", phrase
    cookies = {part.strip() for part in sent.get("cookie", "").split(";") if part.strip()}
    for name, value in response.headers:
        pair = _cookie_pair(value)
        if name.lower() == "set-cookie" and pair in cookies:
            yield f"cookie {pair}", f"Set-Cookie: {pair}", "sends the cookie back as Cookie"
    link = _link(response, target)
    if link:
        yield f"link {link}", link, "loads what the page links to"


def _same_target(location: str | None, target: str) -> bool:
    """Whether a ``Location`` points at ``target`` on the same server."""
    if not location:
        return False
    parts = urlsplit(location)
    if parts.netloc and parts.hostname != "localhost":
        return False
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return path == target


def _link(response: HttpResponse, target: str) -> str | None:
    """The ``href="..."`` or ``src="..."`` of a page that names ``target``, if any."""
    is_page = (response.header("Content-Type") or "").startswith("text/html")
    if response.status_code != 200 or not is_page:
        return None
    body = response.body.decode("utf-8", errors="replace")
    return next(
        (
            f'{attribute}="{link}"'
            for attribute, link in LINKS.findall(body)
            if _same_target(link, target)
        ),
        None,
    )


def render_diagram(exchanges: list[Exchange], name: str) -> str:
    """The diagram as a ``<figure>`` holding an inline SVG; ``name`` makes its ids unique."""
    messages, ties = conversation(exchanges)
    rows, height = _layout(messages)
    tied_notes = {(tie.response, tie.note) for tie in ties} | {
        (tie.request, note)
        for tie in ties
        for note in messages[2 * tie.request].notes
        if _answers(note, tie.note)
    }
    parts = [
        '<text class="lane" x="2" y="16">Client</text>',
        f'<text class="lane server" x="{WIDTH - 2}" y="16">Server</text>',
        f'<path class="lifeline" d="M{CLIENT_X} 24V{height - 6}M{SERVER_X} 24V{height - 6}"/>',
    ]
    for message, (label_y, arrow_y) in zip(messages, rows, strict=True):
        parts += _arrow(message, label_y, arrow_y, tied_notes)
    parts += _tie_lines(ties, rows)
    title = escape(_describe(messages, ties))
    return (
        f'<figure class="exchange-diagram">'
        f'<svg role="img" aria-labelledby="{name}" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}">'
        f'<title id="{name}">{title}</title>{"".join(parts)}</svg>{LEGEND if ties else ""}'
        "</figure>"
    )


def _answers(request_note: str, response_note: str) -> bool:
    """Whether a request's header line carries what a response's note gave."""
    name, _, value = response_note.partition(": ")
    if name == "Set-Cookie":
        return request_note.startswith("Cookie: ") and value in request_note
    if name in ("ETag", "Last-Modified"):
        return request_note.startswith("If-") and value in request_note
    return False


def _layout(messages: list[Message]) -> tuple[list[tuple[int, int]], int]:
    """Each message's label baseline and arrow height, and the drawing's height."""
    rows = []
    y = TOP
    for message in messages:
        label_y = y + FONT
        arrow_y = label_y + LINE * len(message.notes) + 8
        rows.append((label_y, arrow_y))
        y = arrow_y + 14
    return rows, y


def _arrow(message: Message, label_y: int, arrow_y: int, tied: set[tuple[int, str]]) -> list[str]:
    kind = "request" if message.is_request else "response"
    middle = (CLIENT_X + SERVER_X) // 2
    texts = [f'<text class="label" x="{middle}" y="{label_y}">{escape(_fit(message.label))}</text>']
    for number, note in enumerate(message.notes, start=1):
        css = "tied" if (message.exchange, note) in tied else "note"
        texts.append(
            f'<text class="{css}" x="{middle}" y="{label_y + LINE * number}">'
            f"{escape(_fit(note))}</text>"
        )
    if message.is_request:
        line, head = f"M{CLIENT_X} {arrow_y}H{SERVER_X - 2}", _head(SERVER_X, arrow_y, -1)
    else:
        line, head = f"M{SERVER_X} {arrow_y}H{CLIENT_X + 2}", _head(CLIENT_X, arrow_y, 1)
    # One path: the line, and the head as a closed shape, which alone takes the fill.
    return [*texts, f'<path class="{kind}" d="{line}{head}"/>']


def _head(x: int, y: int, direction: int) -> str:
    """A filled arrowhead with its tip at (x, y), pointing left (1) or right (-1)."""
    back = x + 8 * direction
    return f"M{x} {y}L{back} {y - 4}L{back} {y + 4}Z"


def _fit(text: str) -> str:
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1] + "…"


def _tie_lines(ties: list[Tie], rows: list[tuple[int, int]]) -> list[str]:
    """A dashed line left of the client's lane from each response to the request it feeds."""
    ends: list[int] = []  # how far down each column is taken
    lines = []
    # One line per pair of exchanges, however many headers tie them.
    for response, request in sorted({(tie.response, tie.request) for tie in ties}):
        top, bottom = rows[2 * response + 1][1], rows[2 * request][1]
        free = [column for column, end in enumerate(ends) if end < top]
        if free:
            column = free[0]
        elif len(ends) < MAX_TIE_COLUMNS:
            column = len(ends)
            ends.append(bottom)
        else:  # more ties at once than columns: share the one free soonest
            column = min(range(len(ends)), key=ends.__getitem__)
        ends[column] = max(ends[column], bottom)
        x = CLIENT_X - TIE_GAP * (column + 1)
        lines.append(
            f'<path class="tie" d="M{CLIENT_X} {top}H{x}V{bottom}H{CLIENT_X - 4}"/>'
            f'<path class="tie-head" d="{_head(CLIENT_X - 1, bottom, -1)}"/>'
        )
    return lines


def _describe(messages: list[Message], ties: list[Tie]) -> str:
    """The diagram in words, for readers who cannot see it.

    A long header value is cut as the drawing cuts it: the rest of a signed
    cookie is noise read aloud, and the block's exchanges show it whole.
    """
    sentences = ["A sequence diagram of the conversation."]
    for message in messages:
        notes = f", with {'; '.join(map(_fit, message.notes))}" if message.notes else ""
        if message.is_request:
            taken = [
                f"{tie.phrase} from answer {tie.response + 1}"
                for tie in ties
                if tie.request == message.exchange
            ]
            how = f" (it {' and '.join(taken)})" if taken else ""
            sentences.append(
                f"Request {message.exchange + 1}: the client sends {message.label}{notes}{how}."
            )
        else:
            sentences.append(
                f"Answer {message.exchange + 1}: the server answers {message.label}{notes}."
            )
    return " ".join(sentences)
