"""A small server process that forks one fresh child per block.

It is started once, with ``PYTHONHASHSEED=0`` (so the order of a set, such
as the methods in an ``Allow`` header, is the same in every build) and with
Flask already imported, so a child costs little more than a fork. Because it
starts at the beginning of a build, that import happens on another core while
Pelican gets going.

The build process sends it a job and one end of a pipe over a Unix socket,
and does not wait: the child's first message on the pipe is its process id,
then come its answers. The server leads a process group of its own; when the
build closes the socket, it kills the whole group, so no child outlives the
build.
"""

from __future__ import annotations

import os
import pickle
import signal
import socket
import subprocess
import sys
from collections.abc import Callable
from functools import cache
from multiprocessing.connection import Connection
from pathlib import Path

MAX_JOB_BYTES = 1 << 20
PLUGINS = Path(__file__).resolve().parents[1]


class Forker:
    """The build's side: starts the server process and hands it jobs."""

    def __init__(self) -> None:
        self._control, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        python_path = os.pathsep.join(filter(None, [str(PLUGINS), os.environ.get("PYTHONPATH")]))
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                f"from {__package__}.forker import serve; serve({theirs.fileno()})",
            ],
            pass_fds=[theirs.fileno()],
            env={**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": python_path},
            start_new_session=True,
        )
        theirs.close()

    def start(self, target: Callable[..., None], *args: object) -> Connection:
        """Have a new child run ``target(*args, connection)``, without waiting for it.

        Returns the reading end of the child's connection; the first message
        on it is ``("pid", process id)``.
        """
        reading, writing = os.pipe()
        try:
            socket.send_fds(self._control, [pickle.dumps((target, args))], [writing])
        finally:
            os.close(writing)
        return Connection(reading, writable=False)


@cache
def shared_forker() -> Forker:
    """The one fork server of this process, started on first use."""
    return Forker()


def serve(control_fd: int) -> None:
    """Server process: fork a child for each job until the build closes the socket.

    Then kill every child still running, and the server with them.
    """
    # time_machine imports pytest, if it can, to offer fixtures; nothing here
    # uses them, and importing pytest would double the time this takes to start.
    sys.modules.setdefault("pytest", None)  # type: ignore[arg-type]
    # Import here, once, what the children run, so that none of them pays for it.
    from example_core import runner  # noqa: F401
    from example_core.loading import warm_up

    warm_up()

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped automatically
    control = socket.socket(fileno=control_fd)
    while True:
        message, fds, _, _ = socket.recv_fds(control, MAX_JOB_BYTES, 1)
        if not message:
            os.killpg(0, signal.SIGKILL)
        if os.fork() == 0:
            control.close()
            _child(message, fds[0])
        os.close(fds[0])


def _child(message: bytes, fd: int) -> None:
    connection = Connection(fd, readable=False)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    try:
        connection.send(("pid", os.getpid()))
        target, args = pickle.loads(message)
        target(*args, connection)
    finally:
        os._exit(0)
