"""Run a block's requests against its example with Flask's test client.

Each block runs in a child process forked for it alone (see ``forker``): two
examples both called ``app.py`` (or two packages of one name) never share
modules, a crash or a hang stays in the child, and a request that does not
answer in time is cut off by killing it. Several blocks can run at once.
What comes back is plain data.

The child runs the example from a copy of its folder in a scratch folder of
the block's own (``example_core.pinning.pinned_copy``), with ``HOME`` and
``TMPDIR`` there too, so the source files keep their times and what the
example writes goes nowhere; ``guard`` refuses, and reports, a write outside
that folder. Messages still name the source: ``examples/<name>/app.py:3``.
When the block ends, the child and every process it started are killed
(``processes.kill_tree``), and the scratch folder is removed.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from example_core.errors import RunError
from example_core.examples import describe_app, find_examples, is_example
from example_core.model import Exchange, HttpRequest
from example_core.pinning import pinned_copy
from example_core.settings import RunSettings

from .forker import shared_forker
from .processes import kill_tree
from .stuck import watch, where_stuck

TRACEBACK_FRAMES = 4


class OutOfTimeError(RunError):
    """The child did not answer in time: it is still running, somewhere in the example."""


class BlockRun:
    """One block's requests, running in a child process from the moment it is created."""

    def __init__(
        self,
        settings: RunSettings,
        example: str,
        requests: tuple[HttpRequest, ...],
        *,
        debug: bool = True,
        over_socket: bool = False,
    ) -> None:
        example_dir = settings.examples / example
        if not is_example(example_dir):
            known = [folder.name for folder in find_examples(settings.examples)]
            raise RunError(f"no such example (examples: {', '.join(known)})", None)
        self._requests = requests
        self._timeout = settings.timeout
        self._pid: int | None = None
        self._scratch = Path(tempfile.mkdtemp(prefix=f"block-{example}."))
        self._source = example_dir
        try:
            self._copy = pinned_copy(example_dir, self._scratch, settings.epoch)
            self._forker = shared_forker()
            self._receiver = self._forker.start(
                _serve, self._copy, example_dir, settings.epoch, requests, debug, over_socket
            )
        except BaseException:
            shutil.rmtree(self._scratch, ignore_errors=True)
            raise

    def exchanges(self) -> list[Exchange]:
        """Wait for every answer; raise ``RunError`` for a failure or a timeout."""
        try:
            try:
                self._pid = _receive(self._receiver, "starting the app", self._timeout, None)
            except RunError as error:
                # No child at all: the fork server died with the job in its queue.
                raise RunError(self._forker.death() or str(error), None) from None
            try:
                return _collect(self._receiver, self._requests, self._timeout)
            except OutOfTimeError as error:
                if self._pid is None:
                    raise
                stuck = where_stuck(self._pid, self._scratch, self._copy, self._source)
                raise RunError(f"{error}{stuck}", error.index) from None
        finally:
            self.close()

    def close(self) -> None:
        """Stop the child, finished or not; safe to call more than once.

        A child that has not said who it is yet dies when the build ends.
        """
        if not self._receiver.closed:
            if self._pid is not None:
                kill_tree(self._pid)
            self._receiver.close()
            shutil.rmtree(self._scratch, ignore_errors=True)


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
        raise OutOfTimeError(f"{doing} did not finish within {timeout:g} seconds", index)
    try:
        kind, payload = receiver.recv()
    except EOFError:
        raise RunError("the example's process died without an answer", index) from None
    if kind == "ended":
        raise RunError(f"the example's process died without an answer ({payload})", index)
    if kind == "error":
        raise RunError(payload, index)
    return payload


def _serve(
    example_dir: Path,
    source: Path,
    epoch: int,
    requests: tuple[HttpRequest, ...],
    debug: bool,
    over_socket: bool,
    sender: Connection,
) -> None:
    """Child process: load the app from its copy, then answer each request or report why not.

    With ``over_socket``, the requests go through a real development server
    (see ``over_socket``), not the test client.
    """
    from example_core.console import Console, shortened_paths
    from example_core.loading import load_for_run
    from example_core.runner import Replay
    from example_core.sent import unsent_problem

    from .contain import contain
    from .guard import Guard

    _stack = watch(example_dir.parents[1])  # kept open while the child runs
    home = example_dir.parents[1] / "home"
    home.mkdir()
    os.environ["HOME"] = os.environ["TMPDIR"] = str(home)
    os.environ["TZ"] = "UTC"  # the log's times, like the pinned clock, read the same on any machine
    time.tzset()
    tempfile.tempdir = None
    sys.dont_write_bytecode = True
    guard = Guard(example_dir, home)
    guard.install()
    sender = contain(sender)  # type: ignore[assignment]  # output kept to a tail, forks refused
    console = Console()
    console.install()  # before the app is loaded: a handler it sets up writes through it too
    try:
        app = load_for_run(example_dir, epoch, debug=debug)
    except BaseException as error:  # even SystemExit must reach the author as a message
        failed = f"loading {describe_app(example_dir)} failed"
        sender.send(("error", _describe(error, failed, example_dir, source)))
        return
    if guard.refused:
        sender.send(("error", _refusal(guard.refused, "loading")))
        return
    sender.send(("loaded", None))
    if over_socket:
        from .over_socket import SocketServer

        replay = Replay(None, sender=SocketServer(app).send)
    else:
        replay = Replay(app.test_client(), console)
    for request in requests:
        try:
            exchange = replay.send(request)
        except BaseException as error:
            raised = "the view raised an exception"
            sender.send(("error", _describe(error, raised, example_dir, source)))
            return
        problem = unsent_problem(exchange.request, exchange.sent_headers)
        if guard.refused:
            problem = _refusal(guard.refused, "answering")
        if problem:
            sender.send(("error", problem))
            return
        sender.send(
            ("ok", replace(exchange, console=shortened_paths(exchange.console, example_dir)))
        )


def _refusal(refused: list[str], doing: str) -> str:
    return f"while {doing}, the example did what the build refuses: {'; '.join(refused)}"


def _describe(error: BaseException, what: str, example_dir: Path, source: Path) -> str:
    """``what`` failed, where in the example and why, then the traceback's last frames.

    A syntax error needs no traceback: its frames are only Flask's, importing.
    The frames name the example's source files, not the copy that ran.
    """
    found = _origin(error, example_dir)
    if found and isinstance(found[1], SyntaxError):
        return f"{what}: {found[0]}"
    frames = "".join(traceback.format_exception(error, limit=-TRACEBACK_FRAMES)).rstrip()
    for copy in {str(example_dir), str(example_dir.resolve())}:
        frames = frames.replace(copy, str(source))
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
