"""Build the site with Pelican into a scratch folder, and swap it in only if nothing failed.

``build_site`` is what ``invoke build``, the author's loop and the tests
call: a failed build never destroys the previous ``output/``, and every
problem is reported with a file and a line.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import traceback
from pathlib import Path

from pelican import Pelican
from pelican.log import LimitFilter
from pelican.settings import read_settings

from example_core.errors import BlockError, RunError

from .weight import overweight_pages

PROJECT = Path(__file__).resolve().parents[2]
# How a build's warnings and errors read, in the terminal and in the author's loop's banner.
MESSAGE_FORMAT = "%(levelname)s: %(message)s"


class ProblemLog(logging.Handler):
    """Keeps the warnings and errors logged during a build; Pelican logs them and carries on.

    Warnings count too: a broken ``{filename}`` link is only a warning to Pelican.
    """

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.setFormatter(logging.Formatter(MESSAGE_FORMAT))
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(self.format(record))


def build_site(settings_file: Path, output: Path, override: dict | None = None) -> int:
    """Build into a scratch folder beside ``output``; swap it in if nothing failed.

    ``override`` replaces settings from the file (the tests point ``PATH``
    and ``EXAMPLES_PATH`` at folders of their own). Returns the number of
    errors; with any, ``output`` is left as it was. A page over its weight
    budget is an error too (see ``weight``).
    """
    return len(build_site_problems(settings_file, output, override))


def build_site_problems(
    settings_file: Path, output: Path, override: dict | None = None
) -> list[str]:
    """``build_site``, returning the problems logged, as the terminal shows them."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f"{output.name}.", dir=output.parent))
    problems = ProblemLog()
    logging.getLogger().addHandler(problems)
    # Pelican shows a warning once per process; each build of the author's loop must see all.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    try:
        settings = read_settings(
            str(settings_file), override={**(override or {}), "OUTPUT_PATH": str(scratch)}
        )
        Pelican(settings).run()
        if not problems.messages:
            for problem in overweight_pages(scratch, settings.get("SITE_ROOT", "")):
                logging.getLogger(__name__).error("%s", problem)
    except Exception as error:  # a broken template or settings file stops Pelican itself
        logging.getLogger(__name__).error("%s", _stopped_by(error))
    finally:
        logging.getLogger().removeHandler(problems)
    if problems.messages:
        shutil.rmtree(scratch)
        return problems.messages
    _readable_by_all(scratch)
    previous = output.with_name(f"{output.name}.previous")
    shutil.rmtree(previous, ignore_errors=True)
    if output.exists():
        output.rename(previous)
    scratch.rename(output)
    shutil.rmtree(previous, ignore_errors=True)
    return []


def _readable_by_all(folder: Path) -> None:
    """Folders 0755 and files 0644, whatever ``mkdtemp`` (0700) or the umask gave.

    ``invoke publish`` copies the modes with ``rsync -p``: the web server's
    user must be able to read every page.
    """
    folder.chmod(0o755)
    for path in folder.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)


def _stopped_by(error: Exception) -> str:
    """The message for an error that stopped Pelican, naming a file and line.

    A syntax error knows where it is (a template's, the settings'); for
    anything else, the place is the innermost line of the project's own
    code (a plugin's, a template's) that the error went through. An error
    about an example's files (a link out of the repository) names the file.
    """
    if isinstance(error, (BlockError, RunError)):
        return str(error)
    filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if not (filename and line):
        frames = traceback.extract_tb(error.__traceback__)
        ours = [f for f in frames if Path(f.filename).is_absolute() and _is_ours(f.filename)]
        if ours or frames:
            filename, line = (ours or frames)[-1].filename, (ours or frames)[-1].lineno
    where = f"{os.path.relpath(filename, PROJECT)}:{line}: " if filename and line else ""
    # Jinja's and Python's syntax errors hold the bare message apart from the place.
    message = getattr(error, "message", None) or getattr(error, "msg", None) or error
    return f"{where}{type(error).__name__}: {message}"


def _is_ours(filename: str) -> bool:
    return Path(filename).resolve().is_relative_to(PROJECT)
