"""Each example, served by Flask's real development server, answers as the page shows.

The server runs on a free port with the build's clock (so time-derived
headers match) and the documented requests go to it over real HTTP. Only the
headers a real server adds on its own are left out of the comparison.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from http.cookies import SimpleCookie

import pytest
from flask_exchanges.blocks import run_exchange_block
from flask_exchanges.parse import ExchangeBlock
from flask_exchanges.run import HttpResponse

from tests.notes import ROOT, exchange_blocks

ADDED_BY_A_REAL_SERVER = {"date", "server", "connection"}
BLOCKS = list(exchange_blocks())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def servers(project_settings) -> Iterator:
    """Starts one development server per example, on demand; stops them all at the end."""
    running: dict[str, tuple[subprocess.Popen, int]] = {}

    def port_of(example: str) -> int:
        if example not in running:
            port = free_port()
            factory = f"plugins.flask_exchanges.loading:create_app({example!r})"
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "flask",
                    "--app",
                    factory,
                    "run",
                    "--debug",
                    "--no-reload",
                    "--port",
                    str(port),
                ],
                cwd=ROOT,
                env={
                    **os.environ,
                    "PYTHONPATH": str(ROOT),
                    "PYTHONHASHSEED": "0",
                    "FLASK_NOTES_FROZEN_AT": str(project_settings.epoch),
                },
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            running[example] = (process, port)
            wait_for(port, process)
        return running[example][1]

    yield port_of
    for process, _ in running.values():
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


def send_over_http(port: int, block: ExchangeBlock, exchanges) -> list[HttpResponse]:
    """Send the block's requests, as resolved at build time, keeping cookies like a browser."""
    cookies: dict[str, str] = {}
    responses = []
    for exchange in exchanges:
        request = exchange.request
        headers = dict(request.headers)
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request(
            request.method, request.target, body=request.body.encode() or None, headers=headers
        )
        reply = connection.getresponse()
        body = reply.read()
        connection.close()
        for name, value in reply.getheaders():
            if name.lower() == "set-cookie":
                for morsel in SimpleCookie(value).values():
                    cookies[morsel.key] = morsel.value
        responses.append(
            without_server_headers(
                HttpResponse(f"{reply.status} {reply.reason}", tuple(reply.getheaders()), body)
            )
        )
    return responses


def without_server_headers(response: HttpResponse) -> HttpResponse:
    kept = tuple((k, v) for k, v in response.headers if k.lower() not in ADDED_BY_A_REAL_SERVER)
    return HttpResponse(response.status, kept, response.body)


@pytest.mark.parametrize("block", BLOCKS, ids=[f"{b.note}:{b.line}" for b in BLOCKS])
def test_a_real_server_answers_as_the_page_shows(block, servers, project_settings):
    shown = run_exchange_block(block, project_settings)
    real = send_over_http(servers(block.example), block, shown)
    assert real == [without_server_headers(exchange.response) for exchange in shown]
