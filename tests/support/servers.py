"""Real servers on free ports: Flask's development server, Waitress, and how to talk to them.

Shared by the tests that compare what a real server sends with what a page shows.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from example_core.differences import without_server_headers
from example_core.model import Exchange, HttpResponse
from tests.support.notes import ROOT

# Seconds a server may take to listen: generous, for a busy shared machine.
START_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def development_server(
    example: str, epoch: int, *, debug: bool = True, terminal: bool = False
) -> Iterator[tuple[int, subprocess.Popen]]:
    """Run ``flask run`` (``--debug`` unless told not to) for one example.

    Yields its port and its process; with ``terminal``, see ``flask_run``.
    """
    factory = f"plugins.example_core.loading:create_app({example!r})"
    with flask_run(factory, epoch, debug=debug, terminal=terminal) as server:
        yield server


@contextmanager
def flask_run(
    app: str, epoch: int, *, debug: bool, terminal: bool = False
) -> Iterator[tuple[int, subprocess.Popen]]:
    """Run ``flask --app <app> run`` on a free port; yield its port and its process.

    The process's ``stderr`` is its log. With ``terminal``, it is all that
    a terminal would show instead: standard output and errors in the order
    written, times in UTC (``TZ=UTC``, as the build prints them).
    """
    port = free_port()
    together = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT}
    apart = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE}
    command = [sys.executable, "-m", "flask", "--app", app, "run", "--no-reload"]
    process = subprocess.Popen(
        [*command, *(["--debug"] if debug else []), "--port", str(port)],
        cwd=ROOT,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "PYTHONHASHSEED": "0",
            "FLASK_NOTES_FROZEN_AT": str(epoch),
            "PYTHONUNBUFFERED": "1",
            **({"TZ": "UTC"} if terminal else {}),
        },
        **(together if terminal else apart),
    )
    if terminal:
        process.stderr = process.stdout
    try:
        wait_for(port, process)
        yield port, process
    finally:
        process.terminate()
        process.wait(timeout=10)


def wait_for(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT
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


@contextmanager
def waitress(folder: Path, options: list[str]) -> Iterator[int]:
    """Run ``waitress-serve`` in ``folder`` on a free port of 127.0.0.1; yield the port."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "waitress", f"--listen=127.0.0.1:{port}", *options],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(port, process)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)
