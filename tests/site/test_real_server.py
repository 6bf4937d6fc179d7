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
import subprocess
import sys

import pytest

from example_core.console import shortened_paths, without_colours
from example_core.differences import without_server_headers
from example_core.examples import app_spec
from example_core.model import HttpRequest, HttpResponse
from example_core.settings import RunSettings
from site_build.html.console import console_text
from site_build.jobs import run_exchange_block
from site_build.run import run_requests
from tests.support.notes import exchange_blocks
from tests.support.servers import (
    development_server,
    flask_run,
    free_port,
    send_over_http,
    wait_for,
)

BLOCKS = list(exchange_blocks())


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
    from tests.support.examples import SHOP, get, write_example

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


CONSOLE_BLOCKS = [block for block in BLOCKS if block.console]
# What ``flask run`` prints as it starts, before any request: the page leaves it out.
STARTING = re.compile(
    r"(?s)\A.*?^Press CTRL\+C to quit\n|^ \* Debugger (?:is active!|PIN: .*)\n", re.M
)


def test_some_blocks_show_the_console():
    assert len(CONSOLE_BLOCKS) >= 2


@pytest.mark.parametrize(
    "block", CONSOLE_BLOCKS, ids=[f"{b.note}:{b.line}" for b in CONSOLE_BLOCKS]
)
def test_a_real_server_prints_the_console_the_page_shows(block, project_settings):
    """Line by line, times included: the server runs on the build's clock, in UTC."""
    shown = run_exchange_block(block, project_settings)
    with development_server(
        block.example, project_settings.epoch, debug=block.debug, terminal=True
    ) as (port, process):
        send_over_http(port, shown)
    printed = STARTING.sub("", without_colours(process.stderr.read().decode()))
    example_dir = project_settings.examples / block.example
    assert shortened_paths(printed, example_dir) == console_text(shown)


SOCKET_BLOCKS = [block for block in BLOCKS if block.over_socket]


@pytest.mark.parametrize("block", SOCKET_BLOCKS, ids=[f"{b.note}:{b.line}" for b in SOCKET_BLOCKS])
def test_a_block_shown_over_a_socket_shows_what_flask_run_sends(block, project_settings):
    """Every byte the page shows from the build's server, ``Server`` and ``Date`` included."""
    shown = run_exchange_block(block, project_settings)
    with development_server(block.example, project_settings.epoch, debug=block.debug) as (
        port,
        _,
    ):
        for exchange in shown:
            request = exchange.request
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.putrequest(request.method, request.target, skip_accept_encoding=True)
            for name, value in request.headers:
                connection.putheader(name, value)
            connection.endheaders(request.body or None)
            reply = connection.getresponse()
            real = HttpResponse(
                f"{reply.status} {reply.reason}", tuple(reply.getheaders()), reply.read()
            )
            connection.close()
            assert exchange.over_socket == real
            assert {"Server", "Date", "Connection"} <= {name for name, _ in real.headers}


def test_the_run_locally_note_shows_a_real_servers_answer():
    assert any(block.note.endswith("04-run-locally.md") for block in SOCKET_BLOCKS)
