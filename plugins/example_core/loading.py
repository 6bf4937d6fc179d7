"""Load an example app the same way for the build, the tests and `invoke example`.

An example is a folder holding ``app.py``, or a package named by its
``.flaskenv`` (see ``examples``); it is loaded with Flask's own code for
``flask --app``. Loading it changes the process (the working directory,
``sys.path``, ``sys.modules``, the clock), so the build does it only in a
fresh child process, one per block. The live panels load examples with this
same file, in Pyodide (see ``live_examples/browser_runner.py``), where the
clock is stopped another way: time_machine is a C extension that Pyodide
does not have.
"""

from __future__ import annotations

import logging
import os
import random
import sys
from collections.abc import Callable
from pathlib import Path

from flask import Flask
from flask.cli import ScriptInfo

try:
    import time_machine
except ImportError:  # in Pyodide, whose runner brings its own way to stop the clock
    time_machine = None

from .examples import app_spec
from .pinning import pin_mtimes, source_date_epoch


def stop_the_clock(moment: int) -> None:
    """Stop Python's clock at ``moment`` (Unix time) with time_machine, for good."""
    time_machine.travel(moment, tick=False).start()


def load_app(
    example_dir: Path,
    *,
    frozen_at: int | None = None,
    freeze: Callable[[int], None] = stop_the_clock,
) -> Flask:
    """Load the example's app as ``flask --app <spec>`` does from inside its folder.

    The spec is the example's (``app``, or ``FLASK_APP`` in its
    ``.flaskenv``). The process moves into the example's folder, and every
    path Flask serves files from is made relative to it: Werkzeug mixes the
    path of a static file into its ``ETag``, and a relative path keeps that
    value the same in every clone. With ``frozen_at``, ``freeze`` stops the
    clock at that Unix time and ``random`` is seeded from it, so responses
    do not depend on when the build runs.
    """
    example_dir = example_dir.resolve()
    if frozen_at is not None:
        freeze(frozen_at)
        random.seed(frozen_at)
    os.chdir(example_dir)
    spec = app_spec(example_dir)
    _forget_earlier_import(spec)
    app = ScriptInfo(app_import_path=spec, set_debug_flag=False).load_app()
    _make_paths_relative(app, example_dir)
    return app


def load_for_run(
    example_dir: Path, epoch: int, *, debug: bool, freeze: Callable[[int], None] = stop_the_clock
) -> Flask:
    """Load the example's app to answer a block, as the build and the browser both do.

    No ``FLASK_`` setting of the environment reaches the app (a factory's
    ``from_prefixed_env`` would take ``FLASK_SECRET_KEY``, say): whoever
    builds, the same answers. Then, as under ``flask run --debug`` (which
    sets ``FLASK_DEBUG`` before loading, so a factory sees it), debug mode
    gives the same answers, such as indented JSON, and an exception reaches
    the caller instead of becoming a 500. Without debug, as under plain
    ``flask run``, Flask answers 500 and logs the traceback (a ``Console``
    keeps it with the exchange). The example's files are dated at ``epoch``.
    """
    for name in [name for name in os.environ if name.startswith("FLASK_")]:
        del os.environ[name]
    os.environ["FLASK_DEBUG"] = "1" if debug else "0"
    pin_mtimes(example_dir, epoch)
    app = load_app(example_dir, frozen_at=epoch, freeze=freeze)
    app.debug = debug
    return app


def _forget_earlier_import(spec: str) -> None:
    """Drop the example's module (``app``, or its package and submodules) if imported before.

    Flask's ``locate_app`` imports by name, so in a process that loaded another
    example already, ``import app`` would find that one in ``sys.modules``.
    Its logger (``logging.getLogger("app")``, Flask's ``app.logger``) outlives
    the module: an app in debug mode set it to ``DEBUG``, which would show a
    later app's ``INFO`` lines without debug. It is made new as in a fresh process.
    """
    top = spec.split(":")[0].split(".")[0]
    for name in [name for name in sys.modules if name == top or name.startswith(f"{top}.")]:
        del sys.modules[name]
    for name, logger in list(logging.Logger.manager.loggerDict.items()):
        if isinstance(logger, logging.Logger) and (name == top or name.startswith(f"{top}.")):
            logger.setLevel(logging.NOTSET)
            logger.handlers.clear()


def _make_paths_relative(app: Flask, folder: Path) -> None:
    """Point the app and its blueprints at their files by paths relative to ``folder``.

    Flask joins the app's ``root_path`` to a static file's path twice on the
    way to ``send_file`` (harmless only for an absolute root or ``.``), so
    the app's root becomes ``.`` and its static and template folders carry
    the rest; a blueprint's folders hang from its own ``root_path``. For a
    package, ``app.open_resource`` then looks in the example's folder, not
    the package's, unlike under ``flask run``: an example that needs it must
    give the package's folder.
    """
    static = app.static_folder
    templates = app.template_folder and os.path.join(app.root_path, app.template_folder)
    app.root_path = "."
    if static is not None:
        app.static_folder = os.path.relpath(static, folder)
    if templates:
        app.template_folder = os.path.relpath(templates, folder)
    for blueprint in app.blueprints.values():
        blueprint.root_path = os.path.relpath(blueprint.root_path, folder)


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
