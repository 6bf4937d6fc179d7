"""The request headers a client really sent, read from the request it built.

Werkzeug's test client adds headers of its own to those a block writes:
``Host``, ``User-Agent: Werkzeug/<version>``, ``Content-Length`` for a body,
and ``Cookie`` from its cookie jar. The page shows them all, so a request is
drawn as it was sent. Names the author wrote keep the author's spelling
(the WSGI environ only keeps them title-cased), and ``Host`` comes first, as
RFC 9110 (section 7.2) asks of a user agent.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Headers, HttpRequest

# Why the client might not send a header as written, for the author's message.
OVERRIDDEN_BY_THE_CLIENT = {
    "cookie": "the client sends Cookie from its cookie jar, which a response's Set-Cookie fills",
    "content-length": "the client counts the body itself",
}


def sent_headers(request: HttpRequest, environ_headers: Iterable[tuple[str, str]]) -> Headers:
    """The headers as sent: ``Host`` first, then in the order the client set them."""
    written = {name.lower(): name for name, _ in request.headers}
    headers = [(written.get(name.lower(), name), value) for name, value in environ_headers]
    return tuple(sorted(headers, key=lambda header: header[0].lower() != "host"))


def unsent_problem(request: HttpRequest, sent: Headers) -> str | None:
    """Why a header written in ``request`` was not sent as written, or None if all were.

    The client joins repeated headers with commas, as RFC 9110 (section 5.3)
    allows, so they are compared joined.
    """
    values = {name.lower(): value for name, value in sent}
    written: dict[str, list[str]] = {}
    for name, value in request.headers:
        written.setdefault(name.lower(), []).append(value)
    for key, parts in written.items():
        expected = ", ".join(parts)
        name = next(n for n, _ in request.headers if n.lower() == key)
        got = values.get(key)
        if got == expected:
            continue
        written_here = f"the '{name}: {expected}' written here"
        what = (
            f"sent '{name}: {got}', not {written_here}" if got else f"did not send {written_here}"
        )
        why = OVERRIDDEN_BY_THE_CLIENT.get(key)
        return f"the client {what}" + (f" ({why}): leave the header out" if why else "")
    return None
