"""A small server process that forks one fresh child per block, and kills what it started.

It is started with a clean environment (see ``processes.clean_environment``)
and with Flask already imported, so a child costs little more than a fork.
Because it starts at the beginning of a build, that import happens on
another core while Pelican gets going.

The build process sends it a job and one end of a pipe over a Unix socket,
and does not wait. For each job the server forks a *supervisor* in a session
of its own; the supervisor's first message on the pipe is its process id,
then it forks the *worker* that runs the block and sends its answers. When
the worker ends, the supervisor kills everything the worker started (it is
a subreaper: see ``processes``) and, last, says how the worker ended, which
the build reads only if an answer is missing. The build kills a block's
supervisor and everything below it when the block ends (``kill_tree``);
when the build closes the socket, the server kills all it started, and
itself.

``shared_forker`` starts the server again if it died: the next block of the
author's loop gets a fresh one, and a block sent to a dead one fails saying
how it died.
"""

from __future__ import annotations

import os
import pickle
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

from example_core.errors import RunError

from .processes import (
    become_subreaper,
    clean_environment,
    describe_exit,
    kill_descendants,
)

MAX_JOB_BYTES = 1 << 20
PLUGINS = Path(__file__).resolve().parents[1]


class Forker:
    """The build's side: starts the server process and hands it jobs."""

    def __init__(self) -> None:
        self._control, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        python_path = os.pathsep.join(filter(None, [str(PLUGINS), os.environ.get("PYTHONPATH")]))
        # Each block moves HOME into its own scratch folder; the server's is empty.
        home = Path(tempfile.gettempdir()) / "example-runner-home-does-not-exist"
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                f"from {__package__}.forker import serve; serve({theirs.fileno()})",
            ],
            pass_fds=[theirs.fileno()],
            env=clean_environment(home, python_path),
            start_new_session=True,
        )
        theirs.close()

    @property
    def pid(self) -> int:
        """The server's process id."""
        return self._process.pid

    def alive(self) -> bool:
        """Whether the server process is still running."""
        return self._process.poll() is None

    def start(self, target: Callable[..., None], *args: object) -> Connection:
        """Have a new child run ``target(*args, connection)``, without waiting for it.

        Returns the reading end of the child's connection; the first message
        on it is ``("pid", process id)``. Raises ``RunError`` if the server
        is dead, saying how it died.
        """
        reading, writing = os.pipe()
        try:
            socket.send_fds(self._control, [pickle.dumps((target, args))], [writing])
        except OSError:
            os.close(reading)
            died = self.death() or "the example runner (the fork server) stopped answering"
            raise RunError(died, None) from None
        finally:
            os.close(writing)
        return Connection(reading, writable=False)

    def death(self, timeout: float = 1.0) -> str | None:
        """How the server died (waiting up to ``timeout`` seconds for it), or None if it lives."""
        try:
            code = self._process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        return f"the example runner (the fork server) died ({describe_exit(code)})"

    def close(self) -> None:
        """Stop the server, which kills every process it started."""
        self._control.close()
        self._process.wait()


_running: list[Forker] = []


def shared_forker() -> Forker:
    """The one fork server of this process, started on first use and again if it died."""
    if not (_running and _running[0].alive()):
        stop_shared_forker()
        _running.append(Forker())
    return _running[0]


def stop_shared_forker() -> None:
    """Stop the shared fork server, if there is one; the next block starts a new one."""
    while _running:
        _running.pop().close()


def serve(control_fd: int) -> None:
    """Server process: fork a child for each job until the build closes the socket.

    Then kill every process it started, and itself.
    """
    # time_machine imports pytest, if it can, to offer fixtures; nothing here
    # uses them, and importing pytest would double the time this takes to start.
    sys.modules.setdefault("pytest", None)  # type: ignore[arg-type]
    # Import here, once, what the children run, so that none of them pays for it.
    from example_core import runner  # noqa: F401
    from example_core.loading import warm_up

    warm_up()

    become_subreaper()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped automatically
    control = socket.socket(fileno=control_fd)
    while True:
        message, fds, _, _ = socket.recv_fds(control, MAX_JOB_BYTES, 1)
        if not message:
            kill_descendants(os.getpid())
            os.killpg(0, signal.SIGKILL)
        if os.fork() == 0:
            control.close()
            _supervise(message, fds[0])
        os.close(fds[0])


def _supervise(message: bytes, fd: int) -> None:
    """A block's supervisor: run the worker, then kill what it left, and say how it ended."""
    try:
        os.setsid()
        become_subreaper()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        # The block's group is asked where it is stuck (see stuck.py): only the worker answers.
        signal.signal(signal.SIGUSR1, signal.SIG_IGN)
        connection = Connection(fd, readable=False)
        connection.send(("pid", os.getpid()))
        worker = os.fork()
        if worker == 0:
            _work(message, connection)
        while True:  # adopted orphans end here too
            pid, status = os.waitpid(-1, 0)
            if pid == worker:
                break
        kill_descendants(os.getpid())
        connection.send(("ended", describe_exit(os.waitstatus_to_exitcode(status))))
    finally:
        os._exit(0)


def _work(message: bytes, connection: Connection) -> None:
    try:
        target, args = pickle.loads(message)
        target(*args, connection)
    finally:
        os._exit(0)
