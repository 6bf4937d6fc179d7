"""Drive the author's loop as an author does: a copy of the site, a loop task, edits.

Used by ``tests/author_loop/test_author_loop.py`` and ``benchmarks/loop_time.py``.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.support.site_checks import ROOT

NOT_COPIED = (".git", ".venv", "node_modules", "cache", "output*", "__pycache__", ".*_cache")
WAIT = 30.0  # seconds: generous for a busy shared machine; benchmarks/loop_time.py measures


def copy_site(destination: Path) -> Path:
    """A copy of the project that builds on its own, sharing the live runtime's cache.

    Everything but what a build or a tool makes, and the installed packages.
    """
    shutil.copytree(ROOT, destination, ignore=shutil.ignore_patterns(*NOT_COPIED))
    # Every block of the copy runs at its first build, all at once: on a busy
    # shared machine, starting an app can take longer than the usual 5 seconds.
    with (destination / "pelicanconf.py").open("a") as settings:
        settings.write("\nEXCHANGE_TIMEOUT = 30\n")
    (destination / "node_modules").symlink_to(ROOT / "node_modules")
    (destination / "cache").mkdir()
    # On a fresh clone nothing has built the runtime yet: the link must not dangle.
    shared = ROOT / "cache" / "live"
    shared.mkdir(parents=True, exist_ok=True)
    (destination / "cache" / "live").symlink_to(shared.resolve())
    return destination


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Loop:
    """One ``invoke`` loop task running on a copy of the site; its terminal, line by line."""

    def __init__(self, site: Path, task: str, port: int) -> None:
        self.site = site
        self.port = port
        self.lines: list[str] = []
        self._new: queue.Queue[str] = queue.Queue()
        arguments = ["--port", str(port)] if task == "livereload" else []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "invoke", task, *arguments],
            cwd=site,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONUNBUFFERED": "1"},
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout
        for line in self.process.stdout:
            self._new.put(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float = WAIT) -> str:
        """The next line of the terminal matching ``pattern``; fails after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self._new.get(timeout=left)
            except queue.Empty:
                break
            self.lines.append(line)
            if re.search(pattern, line):
                return line
        raise AssertionError(f"no line matching {pattern!r}; terminal:\n" + "\n".join(self.lines))

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)

    def url(self, path: str) -> str:
        return f"http://localhost:{self.port}{path}"


def edit(path: Path, old: str, new: str) -> None:
    """Save a file with ``old`` replaced, the way editors do: a new file renamed over the old."""
    text = path.read_text()
    assert old in text
    partial = path.with_name(path.name + ".partial~")
    partial.write_text(text.replace(old, new))
    partial.replace(path)
