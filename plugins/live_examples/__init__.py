"""Pelican plugin: what the reader's browser loads to run the examples itself.

``runtime`` assembles Pyodide, Flask's wheels, the panel's code and the
Python the page runs (``browser_runner`` with the shared core);
``bundle`` makes each example's bundle and each block's file. At the start
of a build the runtime folder is assembled (or found in its cache) and the
templates are told its URL as ``LIVE_RUNTIME``; at the end that folder is
copied into the output. The panel's code is in ``theme/live/``.

Settings: ``LIVE_CACHE_PATH`` (default: ``cache`` beside this project's
``plugins`` folder), shared by every build of the project, tests included.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from pelican import Pelican, signals

from .runtime import RuntimeBuildError, prepare_runtime

logger = logging.getLogger(__name__)
PROJECT = Path(__file__).resolve().parents[2]
FOLDER = "live"


def announce_runtime(pelican: Pelican) -> None:
    """Assemble the runtime and give templates its URL; log an error if that fails."""
    cache = Path(pelican.settings.get("LIVE_CACHE_PATH") or PROJECT / "cache")
    try:
        folder = prepare_runtime(PROJECT, cache)
    except RuntimeBuildError as error:
        logger.error("live examples: %s", error)
        pelican.settings["LIVE_RUNTIME"] = None
        return
    pelican.settings["LIVE_RUNTIME"] = f"{FOLDER}/{folder.name}/"
    pelican.settings["LIVE_RUNTIME_FOLDER"] = folder


def copy_runtime(pelican: Pelican) -> None:
    """Copy the runtime folder assembled at the start of the build into the output."""
    if not pelican.settings.get("LIVE_RUNTIME"):
        return
    folder = pelican.settings["LIVE_RUNTIME_FOLDER"]
    target = Path(pelican.settings["OUTPUT_PATH"]) / FOLDER / folder.name
    shutil.copytree(folder, target, dirs_exist_ok=True)


def register() -> None:
    """Pelican's entry point for the plugin."""
    signals.initialized.connect(announce_runtime)
    signals.finalized.connect(copy_runtime)
