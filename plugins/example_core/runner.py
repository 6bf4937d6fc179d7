"""The one runner: send a block's requests to an app with Flask's test client.

The build's forked child and the Python in the reader's browser both send
requests through ``Replay``, so the same requests give the same exchanges
in both places: references to earlier answers resolved the same way, the
same bytes sent, what the client added read back the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from .console import Console, log_access
from .http_file import resolve_references
from .model import Exchange, HttpRequest, HttpResponse
from .sent import sent_headers

if TYPE_CHECKING:
    from flask.testing import FlaskClient


def send_request(client: FlaskClient, request: HttpRequest) -> Exchange:
    """Send one request, references resolved already, and return the exchange.

    Whatever the app raises (in debug mode) propagates to the caller.
    """
    response = client.open(
        request.target,
        method=request.method,
        headers=list(request.headers),
        data=request.body or None,
    )
    received = HttpResponse(
        status=response.status,
        headers=tuple(response.headers.items()),
        body=response.get_data(),
    )
    # The request the client built, its Cookie header included: the app saw this.
    return Exchange(request, received, sent_headers(request, response.request.headers.items()))


class Replay:
    """A block's requests, sent in order to one client; a request may name an earlier answer.

    With ``sender``, requests go that way to the app instead of the client.

    ``{{name.response.headers.X}}`` in a request is that header of the answer
    to the earlier request marked ``# @name name``.
    """

    def __init__(
        self,
        client: FlaskClient | None,
        console: Console | None = None,
        sender: Callable[[HttpRequest], Exchange] | None = None,
    ) -> None:
        self.client = client
        self.console = console
        self.sender = sender
        self._named: dict[str, dict[str, str]] = {}

    def resolve(self, request: HttpRequest) -> HttpRequest:
        """The request with its references replaced by the earlier answers' headers."""
        body = request.body
        if b"{{" in body:
            body = resolve_references(body.decode(), self._named).encode()
        return replace(
            request,
            target=resolve_references(request.target, self._named),
            headers=tuple((k, resolve_references(v, self._named)) for k, v in request.headers),
            body=body,
        )

    def send(self, request: HttpRequest) -> Exchange:
        """Resolve and send ``request``; remember its answer if it is named.

        With a console, the exchange carries what the server printed meanwhile.
        """
        exchange = self._send(self.resolve(request))
        if request.name:
            self._named[request.name] = {k.lower(): v for k, v in exchange.response.headers}
        return exchange

    def _send(self, request: HttpRequest) -> Exchange:
        if self.sender is not None:  # another way to the app, such as a real server's socket
            return self.sender(request)
        if self.console is None:
            return send_request(self.client, request)
        return send_logged(self.client, request, self.console)


def send_logged(client: FlaskClient, request: HttpRequest, console: Console) -> Exchange:
    """``send_request``, the exchange carrying what the server printed meanwhile."""
    with console.capture() as written:
        exchange = send_request(client, request)
        log_access(request.method, request.target, exchange.response.status)
    return replace(exchange, console="".join(written))
