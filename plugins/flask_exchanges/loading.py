"""Load an example app the same way for the build, the tests and `invoke example`.

An example is a folder holding ``app.py`` (which defines ``app``), and
perhaps ``templates/`` and ``static/``. Loading it changes the process (the
working directory, ``sys.path``, the clock), so the build does it only in a
fresh child process, one per block.
"""

from __future__ import annotations

import importlib.util
import os
import random
import sys
from pathlib import Path

import time_machine
from flask import Flask

from .pinning import pin_mtimes, source_date_epoch


def load_app(example_dir: Path, *, frozen_at: int | None = None) -> Flask:
    """Import ``app.py`` from ``example_dir`` and return its ``app``.

    The process moves into the example's folder and the app's root becomes
    ``.``: Werkzeug mixes the absolute path of a static file into its
    ``ETag``, and a relative root keeps that value the same in every clone.
    With ``frozen_at``, the clock stands still at that Unix time and
    ``random`` is seeded from it, so responses do not depend on when the
    build runs.
    """
    example_dir = example_dir.resolve()
    if frozen_at is not None:
        time_machine.travel(frozen_at, tick=False).start()
        random.seed(frozen_at)
    os.chdir(example_dir)
    sys.path.insert(0, str(example_dir))
    spec = importlib.util.spec_from_file_location("app", example_dir / "app.py")
    assert spec and spec.loader, "a path ending in .py always has a loader"
    module = importlib.util.module_from_spec(spec)
    sys.modules["app"] = module
    spec.loader.exec_module(module)
    app = getattr(module, "app", None)
    if not isinstance(app, Flask):
        raise LookupError(f"{example_dir.name}/app.py defines no Flask object named 'app'")
    app.root_path = "."
    return app


def warm_up() -> None:
    """Send a few requests through a throwaway app.

    Flask and Werkzeug import and set up some things on first use; done
    once here, in the fork server, no forked child pays for them again.
    """
    app = Flask("warm_up")
    app.get("/")(lambda: "warm")
    client = app.test_client()
    client.get("/")
    client.get("/missing")
    client.post("/", data={"field": "value"})


def create_app(example: str) -> Flask:
    """Factory for ``flask --app``: load ``examples/<example>`` as a student runs it."""
    repository = Path(__file__).resolve().parents[2]
    example_dir = repository / "examples" / example
    pin_mtimes(example_dir, source_date_epoch(repository))
    # The comparison tests set this to run a real server on the build's clock.
    frozen = os.environ.get("FLASK_NOTES_FROZEN_AT")
    return load_app(example_dir, frozen_at=int(frozen) if frozen else None)
