"""What the errors note says without an exchange to show it.

The note quotes the development server's output for the ``crash`` example;
these tests run the very command it shows, ``flask --app app run`` (with and
without ``--debug``) in the example's folder, send the requests its log
lines name, and check that every quoted line is there, in order. Times,
the port, the debugger's PIN and the path of ``app.py`` differ from one run
to the next and are compared as placeholders. Other tests pin the
debugger's page and what Flask does with ``abort`` and error handlers, each
checking that the note still says it in those words.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import Flask, abort
from werkzeug.exceptions import HTTPException

from tests.support.facts import note_says
from tests.support.notes import CONTENT, EXAMPLES
from tests.support.servers import free_port, wait_for

NOTE = CONTENT / "13-errors.md"
PLACEHOLDERS = [
    (re.compile(r"\x1b\[[0-9;]*m"), ""),  # the server colours some lines in a terminal
    (re.compile(r"\[\d\d/\w{3}/\d{4} \d\d:\d\d:\d\d\]"), "[TIME]"),
    (re.compile(r"\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\]"), "[TIME]"),
    (re.compile(r"http://127\.0\.0\.1:\d+"), "http://127.0.0.1:PORT"),
    (re.compile(r"PIN: \d{3}-\d{3}-\d{3}"), "PIN: PIN"),
    (re.compile(r'File "[^"]*/app\.py"'), 'File "app.py"'),
]


def normalised(line: str) -> str:
    for pattern, placeholder in PLACEHOLDERS:
        line = pattern.sub(placeholder, line)
    return line.rstrip()


@contextmanager
def flask_run(*options: str) -> Iterator[tuple[int, subprocess.Popen]]:
    """``flask --app app run`` in the crash example's folder, as the note shows it."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "app", "run", *options, "--port", str(port)],
        cwd=EXAMPLES / "crash",
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # so that the reloader's child stops with it
    )
    try:
        wait_for(port, process)
        yield port, process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


def get(port: int, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    return response.status, body


def test_without_debug_mode_the_log_drops_info_lines_as_the_note_says():
    """The note's consoles are the build's (test_real_server compares them with flask run)."""
    assert note_says(NOTE.name, "Without debug mode, Python shows only")
    with flask_run() as (port, process):
        assert get(port, "/share/12")[0] == 200
    output = process.stdout.read().decode()
    assert "WARNING in app: 12 people, only 8 slices" in output
    assert "INFO in app" not in output, "without debug mode, info lines are dropped"


def test_in_debug_mode_the_log_keeps_info_lines_and_the_debugger_answers():
    with flask_run("--debug") as (port, process):
        get(port, "/share/4")
        status, page = get(port, "/share/0")
    assert "INFO in app: Sharing 8 slices between 4 people" in process.stdout.read().decode()
    assert status == 500
    assert "The debugger caught an exception in your WSGI application." in page
    assert "SLICES / people" in page, "the page shows the app's own code"
    assert "needs to be unlocked by entering the PIN" in page


def test_in_debug_mode_the_500_handler_is_skipped(fresh_app):
    assert note_says(NOTE.name, "In debug mode, the `500` handler is skipped")
    client = fresh_app("errors", debug=True).test_client()
    with pytest.raises(ZeroDivisionError):
        client.get("/share/0")
    client.application.debug = False
    assert client.get("/share/0").status_code == 500


def test_the_500_handler_gets_the_original_exception_after_flask_logged_it(caplog):
    assert note_says(
        NOTE.name,
        "The view's exception is in `error.original_exception`; Flask has logged its traceback "
        "before calling the handler.",
    )
    app = Flask("errors_note")
    seen = []

    @app.get("/")
    def fails():
        raise KeyError("missing")

    @app.errorhandler(500)
    def handler(error):
        seen.append((error.original_exception, [r.getMessage() for r in caplog.records]))
        return "sorry", 500

    app.test_client().get("/")
    ((original, logged_before),) = seen
    assert isinstance(original, KeyError)
    assert "Exception on / [GET]" in logged_before


def test_abort_raises_an_http_exception_and_a_handler_without_status_sends_200():
    assert note_says(NOTE.name, "Without it, the page would go out as `200 OK`")
    with pytest.raises(HTTPException) as raised:
        abort(404)
    assert raised.value.code == 404
    app = Flask("errors_note")
    app.errorhandler(404)(lambda error: "nothing here")
    assert app.test_client().get("/nowhere").status_code == 200
