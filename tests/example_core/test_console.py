"""The console: what an app prints while it answers, then Werkzeug's access line, in order."""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import Callable

import pytest
import werkzeug._internal
from flask import Flask

from example_core.console import Console, printed_by_app, shortened_paths, without_colours
from example_core.model import HttpRequest
from example_core.runner import Replay


def get(target: str) -> HttpRequest:
    return HttpRequest("GET", target, (), b"", None, 1)


@pytest.fixture
def terminal(monkeypatch) -> Callable[[], io.StringIO]:
    """Where output goes without a console, as in a process of its own: no logging set up.

    Called in the test itself: pytest puts its own streams back between a
    fixture and the test (and its logging handler would take the lines).
    """
    return lambda: _terminal(monkeypatch)


def _terminal(monkeypatch) -> io.StringIO:
    screen = io.StringIO()
    monkeypatch.setattr(sys, "stdout", screen)
    monkeypatch.setattr(sys, "stderr", screen)
    monkeypatch.setattr(logging.root, "handlers", [])
    monkeypatch.setattr(werkzeug._internal, "_logger", None)
    monkeypatch.setattr(logging.getLogger("werkzeug"), "handlers", [])
    return screen


def installed(console: Console) -> Console:
    console.install()
    return console


def make_app() -> Flask:
    # Made after the console is in place, as the build and the page load an app.
    app = Flask("club")

    @app.get("/")
    def home():
        print("printed")
        app.logger.warning("logged")
        return "home"

    @app.get("/gone")
    def gone():
        return "", 404

    return app


def test_print_and_logger_come_before_the_access_line(terminal):
    terminal()
    console = installed(Console())
    replay = Replay(make_app().test_client(), console)
    text = replay.send(get("/")).console
    lines = without_colours(text).splitlines()
    assert lines[0] == "printed"
    assert lines[1].endswith("WARNING in test_console: logged")
    assert lines[-1].startswith("127.0.0.1 - - [") and lines[-1].endswith(
        '] "GET / HTTP/1.1" 200 -'
    )
    assert printed_by_app(text) == "".join(line + "\n" for line in lines[:-1])


def test_each_exchange_gets_its_own_lines_and_werkzeug_colours_a_404(terminal):
    terminal()
    console = installed(Console())
    replay = Replay(make_app().test_client(), console)
    replay.send(get("/"))
    gone = replay.send(get("/gone")).console
    assert gone.count("\n") == 1
    assert "\x1b[33m" in gone  # yellow, as Werkzeug writes a 404 for a terminal
    assert printed_by_app(gone) == ""


def test_without_a_console_nothing_is_captured(terminal):
    screen = terminal()
    exchange = Replay(make_app().test_client()).send(get("/"))
    assert exchange.console == ""
    assert "printed" in screen.getvalue()


def test_what_a_failing_request_wrote_goes_on_to_the_usual_stream(terminal):
    screen = terminal()
    console = installed(Console())
    with pytest.raises(ZeroDivisionError), console.capture():
        print("before the error")
        1 / 0  # noqa: B018
    assert screen.getvalue() == "before the error\n"


def test_long_paths_are_shortened_alike_on_every_machine(tmp_path):
    example = tmp_path / "block-1" / "crash"
    text = f'  File "{example}/app.py", line 3, in share\n'
    assert shortened_paths(text, example) == '  File "crash/app.py", line 3, in share\n'
