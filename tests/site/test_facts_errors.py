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


def quoted_output(command: str) -> list[str | None]:
    """The lines under ``$ <command>`` in the note's console block; None where ``...`` is."""
    text = NOTE.read_text(encoding="utf-8")
    block = re.search(rf"```console\n\$ {re.escape(command)}\n(.*?)```", text, re.DOTALL)
    assert block, f"the note quotes no output of {command!r}"
    return [None if line.strip() == "..." else line for line in block[1].splitlines()]


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


def requested_paths(lines: list[str | None]) -> list[str]:
    return re.findall(r'"GET (\S+) HTTP/1\.1"', "\n".join(line or "" for line in lines))


def assert_quoted_in_order(quoted: list[str | None], output: str) -> None:
    """Each quoted line is in the output, in order; lines quoted one after the other
    are next to each other there too, unless ``...`` stands between them."""
    real = [normalised(line) for line in output.splitlines()]
    shown = "\n".join(real)
    position, adjacent = 0, False
    for line in quoted:
        if line is None:
            adjacent = False
            continue
        line = normalised(line)
        assert line in real[position:], (
            f"{line!r} is not in the output after line {position}:\n{shown}"
        )
        found = real.index(line, position)
        assert not adjacent or found == position, f"lines left out before {line!r}:\n{shown}"
        position, adjacent = found + 1, True


def test_the_log_without_debug_mode_is_as_the_note_quotes_it():
    quoted = quoted_output("flask --app app run")
    with flask_run() as (port, process):
        for path in requested_paths(quoted):
            get(port, path)
    output = process.stdout.read().decode()
    assert_quoted_in_order(quoted, output)
    assert "INFO in app" not in output, "without debug mode, info lines are dropped"


def test_the_log_in_debug_mode_is_as_the_note_quotes_it_and_the_debugger_answers():
    quoted = quoted_output("flask --app app run --debug")
    with flask_run("--debug") as (port, process):
        for path in requested_paths(quoted):
            get(port, path)
        status, page = get(port, "/share/0")
    assert_quoted_in_order(quoted, process.stdout.read().decode())
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
