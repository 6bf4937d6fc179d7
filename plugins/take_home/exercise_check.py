"""Check your exercise: the page's checks, sent to your app with Flask's test client.

This file goes into each exercise's download as ``test_exercise.py``: run
``pytest`` in the exercise's folder, with its venv active. It loads your
app afresh from a copy of this folder's files and sends the requests of
``exercise.json`` in order, as the page's Check button does, with the very
code the site's build and the page use (``check_copy/example_core``). Each
test is one check: it fails with what was expected beside what came. What
your app prints while answering (``print``, ``app.logger``) is caught as
the page's console catches it, for the checks that read it.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if (HERE / "check_copy").is_dir():  # in a download; on the site's side, the plugins are on the path
    sys.path.insert(0, str(HERE / "check_copy"))

from example_core.checking import check_app  # noqa: E402
from example_core.console import fresh_console  # noqa: E402
from example_core.loading import load_for_run  # noqa: E402

EXERCISE_FILE = HERE / "exercise.json"
# What the folder holds besides your app: the venv, this check and its copy of the core.
NOT_THE_APP = (".venv", "venv", "check_copy", "__pycache__", ".pytest_cache", "test_exercise.py")
EXERCISE = json.loads(EXERCISE_FILE.read_text(encoding="utf-8")) if EXERCISE_FILE.is_file() else {}


def leave_the_clock_running(moment: int) -> None:
    """The build stops the clock with time_machine, which your venv does not need."""


def check_name(check: dict) -> str:
    """A check as the page lists it: its request, then what it reads."""
    request = EXERCISE["requests"][check["request"]]
    return f"{request['method']} {request['target']}: {check['spec']}"


@pytest.fixture(scope="module")
def verdict(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Every check's verdict on a fresh copy of your app."""
    copy = tmp_path_factory.mktemp("exercise") / EXERCISE["id"]
    shutil.copytree(HERE, copy, ignore=shutil.ignore_patterns(*NOT_THE_APP))
    environment, folder = dict(os.environ), Path.cwd()
    try:
        with fresh_console() as console:
            app = load_for_run(
                copy, EXERCISE["epoch"], debug=EXERCISE["debug"], freeze=leave_the_clock_running
            )
            return check_app(app, EXERCISE, console)
    finally:
        os.chdir(folder)
        os.environ.clear()
        os.environ.update(environment)


@pytest.mark.parametrize(
    "index",
    range(len(EXERCISE.get("checks", []))),
    ids=[check_name(c) for c in EXERCISE.get("checks", [])],
)
def test_check(verdict: dict, index: int) -> None:
    check = verdict["checks"][index]
    raised = f"\nyour app raised an exception:\n{verdict['error']}" if check.get("raised") else ""
    assert check["passed"], (
        f"{check['summary']}: {check['field']}: expected {check['expected']!r}, "
        f"got {check['actual']!r}{raised}"
    )
