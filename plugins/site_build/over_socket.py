"""Send a block's requests through the server ``flask run`` starts, over a real socket.

Flask's test client calls the app directly: nothing adds what a real server
adds. For a block marked ``over-socket``, the build also starts, in a child
of its own, Werkzeug's threaded development server (the very server
``flask run`` starts: ``make_server(..., threaded=True)``) on a free port of
127.0.0.1, and sends each request with ``http.client``, as a student's
client would. What comes back is what went over the wire: the reason
phrase, and the headers the server adds (``Server``, ``Date``,
``Connection``). The child's clock is stopped (``loading.stop_the_clock``),
so ``Date`` reads the same in every build.
"""

from __future__ import annotations

import http.client
import threading
from typing import TYPE_CHECKING

from example_core.model import Exchange, HttpRequest, HttpResponse, header_value

if TYPE_CHECKING:
    from flask import Flask

# The Host a student's client sends to `flask run` (its default address), whatever port ran here.
STUDENT_HOST = "127.0.0.1:5000"
SOCKET_TIMEOUT = 30


class SocketServer:
    """The app behind Werkzeug's development server, on a free port, answering in a thread.

    It serves until the block's child ends (the build kills the child and all it started).
    """

    def __init__(self, app: Flask) -> None:
        from werkzeug.serving import make_server

        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def send(self, request: HttpRequest) -> Exchange:
        """Send one request (references resolved) on a new connection; read the whole answer."""
        headers = request.headers
        if header_value(headers, "Host") is None:
            headers = (("Host", STUDENT_HOST), *headers)
        if request.body and header_value(headers, "Content-Length") is None:
            headers = (*headers, ("Content-Length", str(len(request.body))))
        connection = http.client.HTTPConnection("127.0.0.1", self._server.port, SOCKET_TIMEOUT)
        try:
            connection.putrequest(
                request.method, request.target, skip_host=True, skip_accept_encoding=True
            )
            for name, value in headers:
                connection.putheader(name, value)
            connection.endheaders(request.body or None)
            answer = connection.getresponse()
            response = HttpResponse(
                f"{answer.status} {answer.reason}", tuple(answer.getheaders()), answer.read()
            )
        finally:
            connection.close()
        return Exchange(request, response, headers)
