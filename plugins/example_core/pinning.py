"""Keep responses independent of when and where the build runs.

Kept apart from ``loading`` so that the build process can use it without
importing Flask: only the processes that run examples need that.
"""

from __future__ import annotations

import os
import shutil
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


def pinned_copy(example_dir: Path, target: Path, epoch: int) -> Path:
    """Copy the example's files into ``target/examples/<name>``, each dated at ``epoch``.

    The build runs every block from such a copy: what the example writes
    lands there, and the source files keep their own modification times.
    The copy keeps the example's name and relative paths, on which messages
    and static files' ``ETag`` depend. Returns the copy's folder.
    """
    copy = target / example_dir.parent.name / example_dir.name
    copy.mkdir(parents=True)
    for path in example_files(example_dir):
        destination = copy / path.relative_to(example_dir)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, destination)
        os.utime(destination, (epoch, epoch))
    return copy
