"""Every example runs on the oldest Python the site names; the build refuses one needing newer."""

from __future__ import annotations

from tests.support.broken_builds import build_and_fail, make_site
from tests.support.student import PYTHONS, oldest_named

NEWER_SYNTAX = """\
from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    try:
        answer = "home"
    except* ValueError:
        answer = "never"
    return answer
"""


def test_the_take_home_tests_run_on_the_oldest_python_the_site_names_and_the_newest_here():
    assert PYTHONS[0] == oldest_named()
    assert len(PYTHONS) == 2 and PYTHONS[1] > PYTHONS[0]


def test_an_example_that_needs_a_newer_python_than_the_site_names_stops_the_build(tmp_path, caplog):
    override = make_site(tmp_path, "```exchange example=shop\nGET /\n```", app=NEWER_SYNTAX)
    override["EXCHANGE_CACHE"] = False
    message = build_and_fail(tmp_path, caplog, override)
    assert message == (
        "example downloads: shop/app.py, line 12: needs a newer Python than the 3.10 the site "
        "names (Exception groups are only supported in Python 3.11 and greater)"
    )
