"""The plain data every place shares: a request as written, a response, an exchange.

Describing a request (``HttpRequest``), the answer it got (``HttpResponse``)
and the pair (``Exchange``) are kept apart from running anything, as
Werkzeug keeps ``EnvironBuilder`` apart from ``Client.open``: the build,
the reader's browser and the take-home tests all pass these around.
"""

from __future__ import annotations

from dataclasses import dataclass

Headers = tuple[tuple[str, str], ...]


def header_value(headers: Headers, name: str) -> str | None:
    """The first value of a header, matched without regard to case."""
    return next((v for k, v in headers if k.lower() == name.lower()), None)


@dataclass(frozen=True)
class HttpRequest:
    """One request as the author wrote it; ``{{...}}`` references are still unresolved.

    ``body`` is the bytes to send (see ``parse.wire_body``): what the page
    shows is ``shown_body``.
    """

    method: str
    target: str
    headers: Headers
    body: bytes
    name: str | None
    line: int

    @property
    def summary(self) -> str:
        """The request line without the protocol, as used in messages and test ids."""
        return f"{self.method} {self.target}"

    @property
    def shown_body(self) -> str:
        """The body as the author wrote it: text, with plain line ends."""
        return self.body.decode("utf-8", "replace").replace("\r\n", "\n")


@dataclass(frozen=True)
class HttpResponse:
    """A response as the client received it."""

    status: str
    headers: Headers
    body: bytes

    @property
    def status_code(self) -> int:
        """The numeric part of the status line, such as 404."""
        return int(self.status.split(maxsplit=1)[0])

    def header(self, name: str) -> str | None:
        """The first value of a header, matched without regard to case."""
        return header_value(self.headers, name)


@dataclass(frozen=True)
class Exchange:
    """A request with its references resolved, the response it got, and what was sent.

    ``sent_headers`` are the request's headers as the client sent them: those
    written in the block and those the client added (see ``sent``).
    ``console`` is what the server printed while answering, its access line
    last (see ``console``), when the runner was given a console.
    ``over_socket`` is the answer a real development server sent for the same
    request, on a fresh app, for a block marked ``over-socket`` (the build only).
    """

    request: HttpRequest
    response: HttpResponse
    sent_headers: Headers
    console: str = ""
    over_socket: HttpResponse | None = None

    @property
    def added_headers(self) -> tuple[str, ...]:
        """The names of the headers the client added to those written."""
        written = {name.lower() for name, _ in self.request.headers}
        return tuple(name for name, _ in self.sent_headers if name.lower() not in written)
