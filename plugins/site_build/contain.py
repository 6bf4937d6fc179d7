"""Keep what an example does inside its child: its output, and any fork.

The child's connection to the build is wrapped (``contain``) before the
example is loaded. From then on, the example's output (``print``, a
logger, a warning) goes to a pipe whose last ``TAIL_BYTES`` are added to a
failure's message, never to the build's terminal, however much there is.
And a fork is refused: the copy would hold the child's connection too, so
the block's answers could come from either, or both. The copy exits at
once, and the block fails saying that the view (or the app, loading)
forked a process. ``subprocess`` does not count: it runs another program.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from multiprocessing.connection import Connection

TAIL_BYTES = 4096
FORKED = (
    "{doing} forked a process (os.fork): its copy would share the block's connection "
    "and garble the answers; do the work in the view itself, or in a thread"
)


class ContainedSender:
    """The child's end of its connection, with the example's output and forks kept in."""

    def __init__(self, sender: Connection) -> None:
        self._sender = sender
        self._forked = False
        self._failed = False
        os.register_at_fork(before=self._forking, after_in_child=_exit_at_once)
        self._tail = bytearray()
        reading, writing = os.pipe()
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        os.dup2(writing, 1)
        os.dup2(writing, 2)
        os.close(writing)
        # Line by line, as in a terminal: what the view printed and warned stays in order.
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(AttributeError, ValueError):
                stream.reconfigure(line_buffering=True)
        self._reader = threading.Thread(target=self._keep_tail, args=(reading,), daemon=True)
        self._reader.start()

    def send(self, message: tuple[str, object]) -> None:
        """Send ``message``; an error gets the output's tail, an answer after a fork is refused."""
        if self._failed:
            return
        kind, payload = message
        if self._forked and kind in ("loaded", "ok"):
            doing = "loading the app" if kind == "loaded" else "the view"
            kind, payload = "error", FORKED.format(doing=doing)
        if kind == "error":
            self._failed = True
            payload = f"{payload}{self._output()}"
        self._sender.send((kind, payload))

    def _forking(self) -> None:
        self._forked = True

    def _keep_tail(self, reading: int) -> None:
        while chunk := os.read(reading, 65536):
            self._tail += chunk
            del self._tail[:-TAIL_BYTES]
        os.close(reading)

    def _output(self) -> str:
        """The last of the example's output, as the end of a message; none once stopped."""
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        nowhere = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nowhere, 1)
        os.dup2(nowhere, 2)
        os.close(nowhere)
        self._reader.join(timeout=1)
        text = bytes(self._tail).decode("utf-8", "replace").rstrip()
        if not text:
            return ""
        return f"\nthe example's output (its last {TAIL_BYTES:,} bytes at most):\n{text}"


def contain(sender: Connection) -> ContainedSender:
    """Wrap the child's connection: see the module's docstring."""
    return ContainedSender(sender)


def _exit_at_once() -> None:
    os._exit(1)
