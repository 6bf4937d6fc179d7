"""Keep responses independent of when and where the build runs.

Kept apart from ``loading`` so that the build process can use it without
importing Flask: only the processes that run examples need that.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .examples import example_files


def source_date_epoch(repository: Path) -> int:
    """The moment the build pretends to run at: ``SOURCE_DATE_EPOCH``, else the last commit.

    Pinning it keeps time-derived response headers (``Last-Modified``,
    ``Expires``, signed session cookies) identical from build to build.
    """
    if "SOURCE_DATE_EPOCH" in os.environ:
        return int(os.environ["SOURCE_DATE_EPOCH"])
    result = subprocess.run(
        ["git", "-C", str(repository), "log", "-1", "--format=%ct"],
        capture_output=True,
        text=True,
        check=False,
    )
    return int(result.stdout.strip() or 0)


def pin_mtimes(example_dir: Path, epoch: int) -> None:
    """Give every file of an example the same modification time.

    Flask derives a static file's ``Last-Modified`` and ``ETag`` from its
    mtime, which a fresh clone sets to the moment of cloning.
    """
    for path in example_files(example_dir):
        if path.stat().st_mtime != epoch:
            os.utime(path, (epoch, epoch))
