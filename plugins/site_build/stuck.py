"""Where a child that takes too long is stuck: the example's file and line, from its stack.

The child has ``faulthandler`` write every thread's stack to a file of its
block's scratch folder when it gets ``SIGUSR1`` (``watch``). When a request
or the import of the app runs out of time, the build sends that signal
before killing the child and reads the innermost frame of the example's own
code (``where_stuck``), named as the source file, such as
``examples/shop/app.py:12 in slow``.
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import re
import signal
import time
from pathlib import Path
from typing import TextIO

STACK_FILE = "stack.txt"
FRAME = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+) in (?P<function>\S+)')
# How long the build waits for the child's stack; a stuck child is still running, so it writes.
WAIT_SECONDS = 1.0


def watch(scratch: Path) -> TextIO:
    """In the child: dump every thread's stack into the scratch folder on ``SIGUSR1``.

    Returns the open file, which must stay open while the child runs.
    """
    stack = (scratch / STACK_FILE).open("w")
    faulthandler.register(signal.SIGUSR1, file=stack, all_threads=True)
    return stack


def where_stuck(group: int, scratch: Path, copy: Path, source: Path) -> str:
    """In the build: ``" (stuck at examples/x/app.py:3 in f)"``, or nothing if unknown.

    ``group`` is the block's process group, led by its supervisor (see ``forker``),
    which ignores the signal: the worker running the example answers it.
    """
    stack = scratch / STACK_FILE
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGUSR1)
    deadline = time.monotonic() + WAIT_SECONDS
    text = ""
    while time.monotonic() < deadline and "File" not in text:
        time.sleep(0.05)
        with contextlib.suppress(OSError):
            text = stack.read_text(errors="replace")
    time.sleep(0.05)  # the rest of the dump
    with contextlib.suppress(OSError):
        text = stack.read_text(errors="replace")
    return _innermost(text, copy, source)


def _innermost(text: str, copy: Path, source: Path) -> str:
    """The first frame in the example's copy (stacks list the most recent call first)."""
    for frame in FRAME.finditer(text):
        path = Path(frame["file"])
        for root in (copy, copy.resolve()):
            if path.is_relative_to(root):
                where = source.parent.name / Path(source.name) / path.relative_to(root)
                return f" (stuck at {where}:{frame['line']} in {frame['function']})"
    return ""
