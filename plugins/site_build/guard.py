"""Refuse, and report, what an example does outside its scratch folder while the build runs it.

The build runs each block from a copy of its example in a scratch folder
(see ``run``). This guard, a Python audit hook installed in the block's
process before the app loads, refuses with ``PermissionError`` every
write, removal, rename, link or change of times and modes of a file outside
the copy and the block's ``HOME`` (its ``TMPDIR`` too), and a signal sent
to a process that is not the block's own; it remembers each refusal, so the
block fails with a message naming what was refused even if the example
catches the error. Reading is allowed.

This is a guard against mistakes and against ordinary code, not a sandbox:
a program the example starts (``subprocess``) or a call through ``ctypes``
is not seen. (Debian's bubblewrap would mount the repository read-only, but
it needs user namespaces, which containers and CI runners often lack.)
"""

from __future__ import annotations

import os
import sys

# Audit events that change files, and the positions of the paths they change.
WRITES = {
    "os.remove": (0,),
    "os.rmdir": (0,),
    "os.mkdir": (0,),
    "os.rename": (0, 1),
    "os.symlink": (1,),
    "os.link": (1,),
    "os.truncate": (0,),
    "os.utime": (0,),
    "os.chmod": (0,),
    "os.chown": (0,),
    "shutil.rmtree": (0,),
    "sqlite3.connect": (0,),
}
SIGNALS = ("os.kill", "os.killpg")
WRITING_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
HARMLESS = ("/dev/null", ":memory:", "")


class Guard:
    """The audit hook of one block's process; ``refused`` lists what it refused.

    Writing is allowed inside ``folders`` only.
    """

    def __init__(self, *folders: os.PathLike[str] | str) -> None:
        self.folders = [os.path.realpath(folder) for folder in folders]
        self.refused: list[str] = []

    def install(self) -> None:
        """Start guarding this process, for good (an audit hook cannot be removed)."""
        sys.addaudithook(self)

    def __call__(self, event: str, args: tuple) -> None:
        if event == "open":
            path, mode, flags = args
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & WRITING_FLAGS
            )
            if writing:
                self._check_path(path, "writing")
        elif event in WRITES:
            for index in WRITES[event]:
                self._check_path(args[index], event.rpartition(".")[2])
        elif event in SIGNALS:
            self._check_signal(event, *args[:2])

    def _check_path(self, path: object, doing: str) -> None:
        if isinstance(path, int) or path is None:
            return  # an open file or folder, already allowed when it was opened
        name = os.fsdecode(path) if isinstance(path, (str, bytes, os.PathLike)) else str(path)
        if name in HARMLESS or name.startswith("file::memory:"):
            return
        real = os.path.realpath(name)
        if not any(real == f or real.startswith(f + os.sep) for f in self.folders):
            self._refuse(f"{doing} {name}, outside the example's folder")

    def _check_signal(self, event: str, target: int, signal_number: int) -> None:
        own = os.getpgid(0)
        if event == "os.killpg" or target < 0:
            allowed = abs(target) in (0, own)
        else:
            allowed = target in (0, os.getpid()) or _in_group(target, own)
        if not allowed:
            self._refuse(f"sending signal {signal_number} to process {target}, not the example's")

    def _refuse(self, what: str) -> None:
        self.refused.append(what)
        raise PermissionError(f"refused by the build: {what}")


def _in_group(pid: int, group: int) -> bool:
    try:
        return os.getpgid(pid) == group
    except OSError:
        return False
