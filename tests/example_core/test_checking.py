"""One checking function: expected values read from a solution, verdicts on any app."""

from __future__ import annotations

import itertools
import logging
import os
import shutil
import sys

import pytest
from flask import Flask, jsonify, redirect, request

from example_core.checking import check_app, expected_check
from example_core.console import fresh_console
from example_core.loading import load_for_run
from example_core.runner import Replay
from example_core.wire import request_json
from tests.support.examples import get
from tests.support.notes import ROOT


def solution() -> Flask:
    app = Flask(__name__)

    @app.get("/old")
    def old():
        return redirect("/new", code=308)

    @app.get("/api")
    def api():
        response = jsonify(error="Not found", items=[1, 2])
        response.set_cookie("seen", "yes")
        return response, 404

    return app


def start() -> Flask:
    app = Flask(__name__)
    app.debug = True  # as the build and the page run it: a view's exception propagates

    @app.get("/api")
    def api():
        raise RuntimeError("write me")

    return app


def exercise_for(app: Flask, specs: list[tuple[int, str]], targets: list[str]) -> dict:
    """The exercise's data as the build makes it: ``app`` answers, a console catching its lines."""
    with fresh_console() as console:
        replay = Replay(app.test_client(), console)
        exchanges = [replay.send(get(target)) for target in targets]
    checks = [expected_check(index, spec, exchanges[index]) for index, spec in specs]
    return {"requests": [request_json(get(t)) for t in targets], "checks": checks}


APP_NAMES = (f"logging_app_{number}" for number in itertools.count())


@pytest.fixture(autouse=True)
def plain_loggers(monkeypatch):
    """Loggers as a student's Python makes them: Pelican's, imported by the suite, drop repeats."""
    monkeypatch.setattr(logging.Logger.manager, "loggerClass", logging.Logger)


def logging_app(log: str) -> Flask:
    """An app in debug mode that writes each request's path, as ``log`` says how."""
    app = Flask(next(APP_NAMES))  # a logger of its own, of the plain class
    app.debug = True

    @app.before_request
    def log_path():
        if log == "logger":
            app.logger.info(request.path)
        elif log == "logging":
            logging.warning("path=%s", request.path)
        elif log == "print":
            print(f"asked for {request.path}")

    @app.get("/menu")
    def menu():
        return "Pizzas."

    return app


def check_console(app: Flask, exercise: dict) -> dict:
    with fresh_console() as console:
        return check_app(app, exercise, console)


SPECS = [
    (0, "status"),
    (0, "header Location"),
    (0, "no-header Set-Cookie"),
    (1, "json items.1"),
    (1, "json error"),
    (1, "cookie seen"),
    (1, "has-header Content-Type"),
]


def test_the_solution_passes_every_check_it_gave_the_values_of():
    exercise = exercise_for(solution(), SPECS, ["/old", "/api"])
    verdict = check_app(solution(), exercise)
    assert verdict["passed"] and verdict["error"] is None
    by_spec = {check["spec"]: check for check in verdict["checks"]}
    assert by_spec["status"]["expected"] == "308 PERMANENT REDIRECT"
    assert by_spec["header Location"]["actual"] == "/new"
    assert by_spec["json error"]["expected"] == '"Not found"'
    assert by_spec["cookie seen"]["actual"] == "yes"
    assert by_spec["json items.1"]["summary"] == "GET /api"


def test_a_start_that_raises_fails_its_checks_with_expected_beside_actual():
    exercise = exercise_for(solution(), SPECS, ["/old", "/api"])
    verdict = check_app(start(), exercise)
    assert not verdict["passed"]
    first, location = verdict["checks"][:2]
    assert (first["expected"], first["actual"], first["passed"]) == (
        "308 PERMANENT REDIRECT",
        "404 NOT FOUND",
        False,
    )
    assert (location["actual"], location["field"]) == (None, "Location")
    assert verdict["checks"][2]["passed"]  # the 404 page sets no cookie either
    assert "RuntimeError: write me" in verdict["error"]
    assert all(check.get("raised") for check in verdict["checks"][3:])


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("header ETag", "names a header the solution's answer does not send"),
        ("json nothing", "names a field the solution's answer has no value for"),
        ("cookie other", "names a cookie the solution's answer does not set"),
        ("no-header Content-Type", "fails on the solution: it sends Content-Type"),
        ("header", "needs a name"),
        ("colour red", "unknown check 'colour red'"),
    ],
)
def test_a_check_naming_what_the_solution_does_not_answer_is_refused(spec, message):
    with pytest.raises(ValueError, match=message):
        exercise_for(solution(), [(1, spec)], ["/old", "/api"])


TWO_CONSOLE_CHECKS = [(0, "console"), (1, "console")]


def test_a_console_check_expects_the_solutions_message_without_the_loggers_prefix():
    exercise = exercise_for(logging_app("logger"), TWO_CONSOLE_CHECKS, ["/menu", "/x"])
    assert [check["expected"] for check in exercise["checks"]] == ["/menu", "/x"]


@pytest.mark.parametrize("log", ["logger", "logging", "print"])
def test_a_console_check_passes_however_the_app_writes_a_line_containing_it(log):
    exercise = exercise_for(logging_app("logger"), TWO_CONSOLE_CHECKS, ["/menu", "/x"])
    verdict = check_console(logging_app(log), exercise)
    assert verdict["passed"], verdict
    assert "/x" in verdict["checks"][1]["actual"]
    assert "127.0.0.1" not in verdict["checks"][1]["actual"], "the access line is not the app's"


def test_a_console_check_fails_an_app_that_prints_nothing_or_another_path():
    exercise = exercise_for(logging_app("logger"), [(0, "console")], ["/menu"])
    silent = check_console(logging_app("nothing"), exercise)["checks"][0]
    assert (silent["actual"], silent["passed"]) == ("", False)
    assert silent["field"] == "Console (a line must contain each expected line)"
    other = exercise_for(logging_app("logger"), [(0, "console")], ["/menu/all"])
    assert not check_console(logging_app("print"), {**exercise, "checks": other["checks"]})[
        "passed"
    ], "asked for /menu does not hold /menu/all"


def test_without_a_console_an_app_printed_nothing():
    exercise = exercise_for(logging_app("logger"), [(0, "console")], ["/menu"])
    assert check_app(logging_app("print"), exercise)["checks"][0]["actual"] == ""


def test_a_console_check_on_a_solution_that_prints_nothing_is_refused():
    with pytest.raises(ValueError, match="'console' fails on the solution: it printed nothing"):
        exercise_for(logging_app("nothing"), [(0, "console")], ["/menu"])


def test_an_info_line_shows_in_debug_only_even_after_a_debug_load_in_the_same_process(
    tmp_path, monkeypatch
):
    """As ``flask run`` shows: ``INFO`` with ``--debug``, nothing without (the page reloads apps).

    Flask sets the ``app`` logger to ``DEBUG`` for an app in debug mode, and a
    logger outlives the module: a later load without debug must not keep it.
    """
    folder = shutil.copytree(ROOT / "solutions" / "log-paths", tmp_path / "log-paths")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(os, "environ", dict(os.environ))
    exercise = {"requests": [request_json(get("/menu"))], "checks": []}
    exercise["checks"] = [{"request": 0, "spec": "console", "expected": "/menu"}]
    printed = []
    for debug in (True, False):
        with fresh_console() as console:
            app = load_for_run(folder, 0, debug=debug, freeze=lambda moment: None)
            printed.append(check_app(app, exercise, console)["checks"][0]["actual"])
    sys.modules.pop("app", None)
    assert printed[0].endswith(" INFO in app: /menu\n"), printed
    assert printed[1] == "", "without debug, the INFO line is dropped"
