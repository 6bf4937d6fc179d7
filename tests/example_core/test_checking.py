"""One checking function: expected values read from a solution, verdicts on any app."""

from __future__ import annotations

import pytest
from flask import Flask, jsonify, redirect

from example_core.checking import check_app, expected_check
from example_core.model import HttpResponse
from example_core.wire import request_json
from tests.support.examples import get


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
    client = app.test_client()
    responses = []
    for target in targets:
        answer = client.get(target)
        responses.append(
            HttpResponse(answer.status, tuple(answer.headers.items()), answer.get_data())
        )
    checks = [expected_check(index, spec, responses[index]) for index, spec in specs]
    return {"requests": [request_json(get(t)) for t in targets], "checks": checks}


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
