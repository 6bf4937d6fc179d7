"""The server's console: what an example prints while it answers, and the access log.

A terminal running ``flask run`` shows, for each request, whatever the app
wrote while answering it (``print``, ``app.logger``, ``logging``, warnings),
then one line from Werkzeug's development server:
``127.0.0.1 - - [05/Dec/2026 14:02:59] "GET /path HTTP/1.1" 200 -``.

``Console`` gives the same text here, in the build's child and in the
page's Python alike. It puts one stream in place of ``sys.stdout`` and
``sys.stderr`` before the app is loaded, so a handler the app sets up while
loading writes through it too, and it hands the access line to Werkzeug's
own request handler, so the line's form, colours included, is Werkzeug's.
The line's date is the pinned clock in UTC.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

CLIENT_ADDRESS = "127.0.0.1"
HTTP_VERSION = "HTTP/1.1"


class _Stream(io.TextIOBase):
    """A text stream that writes to the capture under way, else to where it always wrote."""

    def __init__(self, console: Console, usual: TextIO) -> None:
        self._console = console
        self._usual = usual

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if self._console.capturing is not None:
            self._console.capturing.append(text)
            return len(text)
        return self._usual.write(text)

    def flush(self) -> None:
        if self._console.capturing is None:
            self._usual.flush()

    def isatty(self) -> bool:
        return False


class Console:
    """The console of one running app: install it before loading the app, then capture."""

    def __init__(self) -> None:
        self.capturing: list[str] | None = None
        self._usual_errors: TextIO = sys.stderr

    def install(self) -> None:
        """Route ``sys.stdout`` and ``sys.stderr`` through this console from now on."""
        self._usual_errors = sys.stderr
        sys.stdout = _Stream(self, sys.stdout)  # type: ignore[assignment]
        sys.stderr = _Stream(self, sys.stderr)  # type: ignore[assignment]

    @contextlib.contextmanager
    def installed(self) -> Iterator[Console]:
        """The console installed meanwhile; ``sys.stdout`` and ``sys.stderr`` put back after."""
        streams = sys.stdout, sys.stderr
        self.install()
        try:
            yield self
        finally:
            sys.stdout, sys.stderr = streams

    @contextlib.contextmanager
    def capture(self) -> Iterator[list[str]]:
        """Collect what is written meanwhile; the list fills as it goes.

        If the work raises, what it wrote goes on to the usual stream, as
        it would have without a console, so an error's report keeps it.
        """
        self.capturing = written = []
        try:
            yield written
        except BaseException:
            self.capturing = None
            self._usual_errors.write("".join(written))
            raise
        finally:
            self.capturing = None


@contextlib.contextmanager
def fresh_console() -> Iterator[Console]:
    """A console installed meanwhile, and the root logger without handlers, as in a new process.

    A test runner may have put handlers on the root logger (pytest's logging
    plugin does). Flask then gives ``app.logger`` no handler of its own, so
    the app's log lines would go to the runner, never to the console, as
    they do under ``flask run``. They are taken off meanwhile, then put back.
    """
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    root.handlers.clear()
    try:
        with Console().installed() as console:
            yield console
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


def log_access(method: str, target: str, status: str) -> None:
    """Write the access line Werkzeug's development server writes for a request.

    Werkzeug's server module (sockets, ``http.server``) is imported only here,
    on the first line: the page's Python imports it only for a console.
    """
    from werkzeug.serving import WSGIRequestHandler

    class AccessLog(WSGIRequestHandler):
        """Werkzeug's request handler, kept only for its ``log_request``: no socket, no server."""

        def __init__(self) -> None:
            self.command = method
            self.path = target
            self.request_version = HTTP_VERSION
            self.requestline = f"{method} {target} {HTTP_VERSION}"

        def address_string(self) -> str:
            return CLIENT_ADDRESS

        def log_date_time_string(self) -> str:
            """The moment as a terminal's line shows it, from the (pinned) clock, in UTC."""
            return time.strftime("%d/%b/%Y %H:%M:%S", time.gmtime(time.time()))

    AccessLog().log_request(status.split(" ", 1)[0], "-")


def without_colours(text: str) -> str:
    """``text`` without the ANSI codes a terminal turns into colours."""
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def printed_by_app(console: str) -> str:
    """What the app itself printed: the console without the development server's access lines."""
    lines = without_colours(console).splitlines(keepends=True)
    return "".join(line for line in lines if not ACCESS_LINE.match(line))


ACCESS_LINE = re.compile(r'(?:.*\b)?127\.0\.0\.1 - - \[[^\]]*\] "[^"]*" \d{3} -$')


def shortened_paths(console: str, example_dir: Path) -> str:
    """``console`` with a traceback's long paths cut: the example's folder and ``site-packages``.

    ``/tmp/block-x/crash/app.py`` becomes ``crash/app.py`` and
    ``/somewhere/lib/python3.12/site-packages/flask/app.py`` becomes
    ``.../site-packages/flask/app.py``: the same on every machine.
    """
    for folder in {str(example_dir), str(example_dir.resolve())}:
        console = console.replace(f'"{folder}/', f'"{example_dir.name}/')
    return SITE_PACKAGES.sub('".../site-packages/', console)


# A quoted path into any Python's site-packages (the build's, a venv's, the browser's).
SITE_PACKAGES = re.compile(r'"[^"\n]*/site-packages/')


def without_whole_line_carets(console: str) -> str:
    """``console`` without the caret lines (``^^^``) under a traceback's steps.

    Python 3.13 and newer leave out the line when it would underline the
    whole step; 3.11 and 3.12 draw it. A comparison across Pythons drops them.
    """
    return CARETS.sub("", console)


CARETS = re.compile(r"^ +[\^~]+\n", re.M)
