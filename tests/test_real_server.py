"""Each example, served by Flask's real development server, answers as the page shows.

For every exchange block, a fresh ``flask run --debug`` (as ``invoke
example`` starts it, so state from one block cannot leak into the next; plain
``flask run`` for a block marked ``debug=off``) listens on a free port with
the build's clock, and the block's requests go to it over real HTTP with the
very headers the page shows the test client sent (``Host``, ``User-Agent``,
``Cookie``...). Only the headers a real server adds on its own (listed in
``example_core.differences``) are left out of the comparison.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from example_core.differences import without_server_headers
from example_core.examples import app_spec
from example_core.model import Exchange, HttpRequest, HttpResponse
from example_core.settings import RunSettings
from site_build.jobs import run_exchange_block
from site_build.run import run_requests
from tests.notes import ROOT, exchange_blocks

BLOCKS = list(exchange_blocks())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def development_server(
    example: str, epoch: int, *, debug: bool = True
) -> Iterator[tuple[int, subprocess.Popen]]:
    """Run ``flask run`` (``--debug`` unless told not to) for one example.

    Yields its port and its process.
    """
    factory = f"plugins.example_core.loading:create_app({example!r})"
    with flask_run(factory, epoch, debug=debug) as server:
        yield server


@contextmanager
def flask_run(app: str, epoch: int, *, debug: bool) -> Iterator[tuple[int, subprocess.Popen]]:
    """Run ``flask --app <app> run`` on a free port; yield its port and its process."""
    port = free_port()
    command = [sys.executable, "-m", "flask", "--app", app, "run", "--no-reload"]
    process = subprocess.Popen(
        [*command, *(["--debug"] if debug else []), "--port", str(port)],
        cwd=ROOT,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "PYTHONHASHSEED": "0",
            "FLASK_NOTES_FROZEN_AT": str(epoch),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(port, process)
        yield port, process
    finally:
        process.terminate()
        process.wait(timeout=10)


def wait_for(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode())
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"the development server on port {port} did not start")


def send_over_http(port: int, exchanges: list[Exchange]) -> list[HttpResponse]:
    """Send each request as the page shows it: the very headers the build's client sent.

    ``http.client`` adds no header of its own here (no ``Host``, no
    ``Accept-Encoding``), so the server gets exactly what the page shows.
    """
    responses = []
    for exchange in exchanges:
        request = exchange.request
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.putrequest(
            request.method, request.target, skip_host=True, skip_accept_encoding=True
        )
        for name, value in exchange.sent_headers:
            connection.putheader(name, value)
        connection.endheaders(request.body or None)
        reply = connection.getresponse()
        body = reply.read()
        connection.close()
        status = f"{reply.status} {reply.reason}"
        responses.append(
            without_server_headers(HttpResponse(status, tuple(reply.getheaders()), body))
        )
    return responses


@pytest.mark.parametrize("block", BLOCKS, ids=[f"{b.note}:{b.line}" for b in BLOCKS])
def test_a_real_server_answers_as_the_page_shows(block, project_settings):
    shown = run_exchange_block(block, project_settings)
    with development_server(block.example, project_settings.epoch, debug=block.debug) as (
        port,
        _,
    ):
        real = send_over_http(port, shown)
    assert real == [without_server_headers(exchange.response) for exchange in shown]


def test_the_log_line_is_as_the_localhost_note_describes_it(project_settings):
    """Client address, date and time in brackets, quoted request line, status, then "-"."""
    with development_server("localhost", project_settings.epoch) as (port, process):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/where?from=test")
        assert connection.getresponse().status == 200
        connection.close()
    log = process.stderr.read().decode()
    line = r'^127\.0\.0\.1 - - \[[^\]]+\] "GET /where\?from=test HTTP/1\.1" 200 -$'
    assert re.search(line, log, re.MULTILINE), log


RAISING_APP = """\
from flask import Flask

app = Flask(__name__)


@app.get("/")
def broken():
    return {"ratio": 1 / 0}
"""


def test_a_view_that_raises_gets_the_500_the_page_shows_without_debug(
    tmp_path, make_example, scratch_settings
):
    """``debug=off`` shows what plain ``flask run`` sends: Flask's own 500 page."""
    make_example("raises", RAISING_APP)
    request = HttpRequest("GET", "/", (), b"", None, 1)
    shown = run_requests(scratch_settings, "raises", (request,), debug=False)
    assert shown[0].response.status == "500 INTERNAL SERVER ERROR"
    app_file = str(scratch_settings.examples / "raises" / "app.py")
    with flask_run(app_file, scratch_settings.epoch, debug=False) as (port, _):
        real = send_over_http(port, shown)
    assert real == [without_server_headers(shown[0].response)]


def test_under_debug_the_debugger_page_itself_is_a_500(tmp_path, make_example, scratch_settings):
    """What ``flask run --debug`` sends for a view that raises: the debugger, as a 500."""
    make_example("raises", RAISING_APP)
    app_file = str(scratch_settings.examples / "raises" / "app.py")
    with flask_run(app_file, scratch_settings.epoch, debug=True) as (port, _):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/", headers={"Host": "localhost"})
        reply = connection.getresponse()
        body = reply.read().decode()
        connection.close()
    assert reply.status == 500
    assert "ZeroDivisionError" in body
    assert "Werkzeug Debugger" in body


def test_a_package_example_started_with_its_spec_answers_as_the_build_does(tmp_path):
    """``flask --app "shop:create_app()" run`` in the example's folder, as a student runs it."""
    from tests.test_examples import SHOP, get, write_example

    folder = write_example(tmp_path / "examples", "shop", SHOP)
    requests = (get("/"), get("/catalog/"))
    settings = RunSettings(examples=tmp_path / "examples", timeout=10.0, epoch=1_700_000_000)
    built = run_requests(settings, "shop", requests)
    port = free_port()
    command = [sys.executable, "-m", "flask", "--app", app_spec(folder), "run", "--debug"]
    process = subprocess.Popen(
        [*command, "--no-reload", "--port", str(port)],
        cwd=folder,
        env={k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "FLASK_APP"}},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(port, process)
        real = send_over_http(port, built)
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert real == [without_server_headers(exchange.response) for exchange in built]
    assert [response.status_code for response in real] == [200, 200]
