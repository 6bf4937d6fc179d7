"""Run a block's requests against its example with Flask's test client.

Each block runs in a child process forked for it alone (see ``forker``): two
examples both called ``app.py`` (or two packages of one name) never share
modules, a crash or a hang stays in the child, and a request that does not
answer in time is cut off by killing it. Several blocks can run at once.
What comes back is plain data.
"""

from __future__ import annotations

import contextlib
import os
import signal
import traceback
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .examples import describe_app, find_examples, is_example
from .forker import shared_forker
from .parse import HttpRequest, resolve_references
from .pinning import pin_mtimes
from .sent import Headers, added_names, sent_headers, unsent_problem

if TYPE_CHECKING:
    from flask.testing import FlaskClient

TRACEBACK_FRAMES = 4
# Bytes of text a response body may put into a page (a page's whole budget is 40 KB).
DEFAULT_MAX_BODY = 8192


@dataclass(frozen=True)
class HttpResponse:
    """A response as the client received it."""

    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes

    @property
    def status_code(self) -> int:
        """The numeric part of the status line, such as 404."""
        return int(self.status.split(maxsplit=1)[0])

    def header(self, name: str) -> str | None:
        """The first value of a header, matched without regard to case."""
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


@dataclass(frozen=True)
class Exchange:
    """A request with its references resolved, the response it got, and what was sent.

    ``sent_headers`` are the request's headers as the client sent them: those
    written in the block and those the client added (see ``sent``).
    """

    request: HttpRequest
    response: HttpResponse
    sent_headers: Headers

    @property
    def added_headers(self) -> tuple[str, ...]:
        """The names of the headers the client added to those written."""
        return added_names(self.request, self.sent_headers)


class RunError(Exception):
    """An example failed to answer; ``index`` is the request at fault, None for loading."""

    def __init__(self, message: str, index: int | None) -> None:
        super().__init__(message)
        self.index = index


@dataclass(frozen=True)
class RunSettings:
    """What every run needs to know, whatever the block."""

    examples: Path
    timeout: float
    epoch: int
    cache: Path | None = None
    site_url: str = ""
    max_body: int = DEFAULT_MAX_BODY


class BlockRun:
    """One block's requests, running in a child process from the moment it is created."""

    def __init__(
        self,
        settings: RunSettings,
        example: str,
        requests: tuple[HttpRequest, ...],
        *,
        debug: bool = True,
    ) -> None:
        example_dir = settings.examples / example
        if not is_example(example_dir):
            known = [folder.name for folder in find_examples(settings.examples)]
            raise RunError(f"no such example (examples: {', '.join(known)})", None)
        pin_mtimes(example_dir, settings.epoch)
        self._requests = requests
        self._timeout = settings.timeout
        self._pid: int | None = None
        self._receiver = shared_forker().start(_serve, example_dir, settings.epoch, requests, debug)

    def exchanges(self) -> list[Exchange]:
        """Wait for every answer; raise ``RunError`` for a failure or a timeout."""
        try:
            self._pid = _receive(self._receiver, "starting the app", self._timeout, None)
            return _collect(self._receiver, self._requests, self._timeout)
        finally:
            self.close()

    def close(self) -> None:
        """Stop the child, finished or not; safe to call more than once.

        A child that has not said who it is yet dies when the build ends.
        """
        if not self._receiver.closed:
            if self._pid is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self._pid, signal.SIGKILL)
            self._receiver.close()


def run_requests(
    settings: RunSettings,
    example: str,
    requests: tuple[HttpRequest, ...],
    *,
    debug: bool = True,
) -> list[Exchange]:
    """Send ``requests`` in order to one fresh instance of ``example``; return the exchanges.

    In debug mode (``flask run --debug``) a view that raises is an error;
    without it, Flask answers ``500 Internal Server Error`` as a real server
    would. Raises ``RunError`` if the app cannot be loaded, a view raises in
    debug mode, or a request takes longer than ``settings.timeout`` seconds.
    """
    return BlockRun(settings, example, requests, debug=debug).exchanges()


def _collect(
    receiver: Connection, requests: tuple[HttpRequest, ...], timeout: float
) -> list[Exchange]:
    _receive(receiver, "loading the app", timeout, None)
    return [_receive(receiver, "the request", timeout, index) for index in range(len(requests))]


def _receive(receiver: Connection, doing: str, timeout: float, index: int | None) -> Any:
    """The next answer from the child, or ``RunError`` if it failed or took too long."""
    if not receiver.poll(timeout):
        raise RunError(f"{doing} did not finish within {timeout:g} seconds", index)
    try:
        kind, payload = receiver.recv()
    except EOFError:
        raise RunError("the example's process died without an answer", index) from None
    if kind == "error":
        raise RunError(payload, index)
    return payload


def _serve(
    example_dir: Path,
    epoch: int,
    requests: tuple[HttpRequest, ...],
    debug: bool,
    sender: Connection,
) -> None:
    """Child process: load the app, then answer each request or report why not."""
    from .loading import load_app

    # No FLASK_ setting of the builder's shell reaches the app (a factory's
    # from_prefixed_env would take FLASK_SECRET_KEY, say): whoever builds, the
    # same answers. Then, as under `flask run --debug` (which sets FLASK_DEBUG
    # before loading, so a factory sees it): same answers, such as indented
    # JSON, and an exception reaches us instead of becoming a 500.
    for name in [name for name in os.environ if name.startswith("FLASK_")]:
        del os.environ[name]
    os.environ["FLASK_DEBUG"] = "1" if debug else "0"
    try:
        app = load_app(example_dir, frozen_at=epoch)
    except BaseException as error:  # even SystemExit must reach the author as a message
        failed = f"loading {describe_app(example_dir)} failed"
        sender.send(("error", _describe(error, failed, example_dir)))
        return
    # Without debug, as under plain `flask run`, Flask's handler answers 500;
    # the traceback it logs is not part of the exchange, and in the build's
    # output it would read as a failure.
    app.debug = debug
    app.logger.disabled = not debug
    sender.send(("loaded", None))
    client = app.test_client()
    named: dict[str, dict[str, str]] = {}
    for request in requests:
        resolved = _resolve(request, named)
        try:
            exchange = _send(client, resolved)
        except BaseException as error:
            sender.send(("error", _describe(error, "the view raised an exception", example_dir)))
            return
        problem = unsent_problem(resolved, exchange.sent_headers)
        if problem:
            sender.send(("error", problem))
            return
        if request.name:
            named[request.name] = {k.lower(): v for k, v in exchange.response.headers}
        sender.send(("ok", exchange))


def _resolve(request: HttpRequest, named: dict[str, dict[str, str]]) -> HttpRequest:
    return replace(
        request,
        target=resolve_references(request.target, named),
        headers=tuple((k, resolve_references(v, named)) for k, v in request.headers),
        body=resolve_references(request.body, named),
    )


def wire_body(request: HttpRequest) -> bytes | None:
    """The body as sent: UTF-8, with the CRLF line ends that multipart bodies require."""
    if not request.body:
        return None
    content_type = next((v for k, v in request.headers if k.lower() == "content-type"), "")
    if content_type.startswith("multipart/"):
        return request.body.replace("\n", "\r\n").encode()
    return request.body.encode()


def _send(client: FlaskClient, request: HttpRequest) -> Exchange:
    response = client.open(
        request.target,
        method=request.method,
        headers=list(request.headers),
        data=wire_body(request),
    )
    received = HttpResponse(
        status=response.status,
        headers=tuple(response.headers.items()),
        body=response.get_data(),
    )
    # The request the client built, its Cookie header included: the app saw this.
    return Exchange(request, received, sent_headers(request, response.request.headers.items()))


def _describe(error: BaseException, what: str, example_dir: Path) -> str:
    """``what`` failed, where in the example and why, then the traceback's last frames.

    A syntax error needs no traceback: its frames are only Flask's, importing.
    """
    found = _origin(error, example_dir)
    if found and isinstance(found[1], SyntaxError):
        return f"{what}: {found[0]}"
    frames = "".join(traceback.format_exception(error, limit=-TRACEBACK_FRAMES)).rstrip()
    return f"{what}: {found[0]}\n{frames}" if found else f"{what}:\n{frames}"


def _origin(error: BaseException, example_dir: Path) -> tuple[str, BaseException] | None:
    """``examples/<name>/<file>:<line>: <Error>: <message>`` for the example's code at fault.

    Follows the chain of causes, since Flask wraps an import's error in its own.
    """
    example_dir = example_dir.resolve()
    cause: BaseException | None = error
    while cause is not None:
        places = [
            (frame.filename, frame.lineno) for frame in traceback.extract_tb(cause.__traceback__)
        ]
        if isinstance(cause, SyntaxError):
            places.append((cause.filename or "", cause.lineno))
        for filename, line in reversed(places):
            path = Path(filename).resolve()
            if path.is_relative_to(example_dir):
                where = (
                    f"{example_dir.parent.name}/{example_dir.name}/{path.relative_to(example_dir)}"
                )
                why = cause.msg if isinstance(cause, SyntaxError) else str(cause)
                return f"{where}:{line}: {type(cause).__name__}: {why}", cause
        cause = cause.__cause__ or cause.__context__
    return None
