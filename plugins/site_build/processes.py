"""Keep the examples' processes contained: their environment, and every process they start.

An example is code from the repository, run on the builder's machine. Its
process gets a short, clean environment (``clean_environment``): nothing of
the builder's shell (tokens in CI) reaches it. And whatever it starts dies
with its block, even a process that left the block's session with
``setsid``: on Linux, each block's supervisor and the fork server are
*child subreapers* (``prctl(PR_SET_CHILD_SUBREAPER)``), so an orphan is
adopted by them rather than by init and stays in their tree of processes,
which ``kill_tree`` walks (in ``/proc``) and kills. Elsewhere, only the
block's process group is killed.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
from pathlib import Path

PR_SET_CHILD_SUBREAPER = 36
# Environment variables that reach an example, when the builder has them.
PASSED_ON = ("PATH", "LANG", "LC_ALL", "TZ")


def clean_environment(home: Path, python_path: str) -> dict[str, str]:
    """The whole environment of the examples' processes: a short allow-list.

    ``PATH``, the locale and ``TZ`` as the builder has them, ``HOME`` (each
    block then points it at its own scratch folder), ``PYTHONPATH`` for our
    plugins, and ``PYTHONHASHSEED=0`` (so the order of a set, such as the
    methods in an ``Allow`` header, is the same in every build).
    """
    environment = {name: os.environ[name] for name in PASSED_ON if name in os.environ}
    environment.setdefault("PATH", os.defpath)
    return {
        **environment,
        "HOME": str(home),
        "PYTHONHASHSEED": "0",
        "PYTHONPATH": python_path,
    }


def become_subreaper() -> None:
    """Adopt the orphans among this process's descendants (Linux; elsewhere, nothing)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def descendants(root: int) -> list[int]:
    """The living processes below ``root``, read from ``/proc`` (empty without one)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            # The command's name may hold spaces and parentheses: the fields follow the last ")".
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if fields[0] != "Z":
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found: list[int] = []
    waiting = [root]
    while waiting:
        below = children.get(waiting.pop(), [])
        found += below
        waiting += below
    return found


def kill_descendants(root: int) -> None:
    """Kill every process below ``root``, again until none is left.

    A process forked while the others die is adopted by ``root`` (a
    subreaper), so the next pass finds it.
    """
    for _ in range(100):
        found = descendants(root)
        if not found:
            return
        for pid in found:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)


def kill_tree(pid: int) -> None:
    """Kill ``pid``, every process below it, and its process group."""
    kill_descendants(pid)
    for kill in (os.killpg, os.kill):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            kill(pid, signal.SIGKILL)


def describe_exit(code: int) -> str:
    """How a process ended, from its exit code as ``Popen.returncode`` gives it.

    Such as ``exit status 3``, or ``killed by signal 9 (SIGKILL)`` for ``-9``.
    """
    if code >= 0:
        return f"exit status {code}"
    try:
        return f"killed by signal {-code} ({signal.Signals(-code).name})"
    except ValueError:
        return f"killed by signal {-code}"
