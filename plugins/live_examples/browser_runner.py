"""Runs example apps inside Pyodide, for the page's "Run in your browser" panels.

The worker writes each panel's files into a folder of its own, then calls
``load``, ``run_block`` and ``send`` here. Everything else is the shared
core the build runs too (``example_core``, shipped beside this file): the
app is loaded by ``load_for_run`` and requests go through ``Replay``, so
the same requests give the same answers. Only the clock is stopped another
way: time_machine is a C extension that Pyodide does not have.

Requests and answers cross into JavaScript as JSON (``example_core.wire``),
bodies in base64: a browser's form or upload is bytes, not text.

Pyodide's Python is built without OpenSSL, so its ``hashlib`` has no
``scrypt`` or ``pbkdf2_hmac`` (Werkzeug's password hashes). For an example
that needs them, the worker hands ``provide_kdf`` a JavaScript module
(``theme/live/kdf.js``) that computes them, and they go into ``hashlib``.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import live_clock
from flask import got_request_exception
from panel_logging import PanelLogging
from pyodide.ffi import to_js

from example_core.checking import check_app
from example_core.console import Console, shortened_paths, without_colours
from example_core.loading import load_for_run
from example_core.model import Exchange
from example_core.runner import Replay, send_logged
from example_core.wire import request_from_json, request_json, response_json

EXAMPLES = "/examples/"
# Date.now is where Python's clock reads the time in a browser (Emscripten's
# clock_gettime), so stopping it there stops time.time(), datetime.now()
# and everything built on them. The worker sets it from JavaScript
# (live_clock, see worker.js), so it costs nothing per read; no JavaScript is
# made from text, which the worker's policy forbids.
_stop_js_clock = live_clock.stop
# What the examples print goes through one console, put in place before any
# app is loaded, so each answer carries its server's lines (the Server tab).
CONSOLE = Console()
CONSOLE.install()


class Panel:
    """One panel's app, with its clients: ``block`` replays the block, ``browser`` browses.

    With debug off, Flask turns an exception into a plain 500 page; the
    panel still gets its traceback (``exception``), to say why it happened.
    """

    def __init__(self, folder: str, app: Any, logs: PanelLogging, earlier: Panel | None) -> None:
        self.folder = folder
        self.app = app
        self.logging = logs
        self.clients = {"block": app.test_client(), "browser": app.test_client()}
        if earlier:
            # The app restarted, the browser did not: it keeps its cookies.
            self.clients["browser"] = earlier.clients["browser"]
            self.clients["browser"].application = app
        self.exception: str | None = None
        got_request_exception.connect(self._record, app, weak=False)

    def _record(self, sender: Any, exception: BaseException, **extra: Any) -> None:
        self.exception = "".join(traceback.format_exception(exception))


panels: dict[str, Panel] = {}


def provide_kdf(kdf: Any) -> None:
    """Give ``hashlib`` its ``scrypt`` and ``pbkdf2_hmac``, computed by ``kdf`` (kdf.js)."""

    def scrypt(
        password: bytes, *, salt: bytes, n: int, r: int, p: int, maxmem: int = 0, dklen: int = 64
    ) -> bytes:
        return kdf.scrypt(
            to_js(bytes(password)), to_js(bytes(salt)), n, r, p, maxmem, dklen
        ).to_bytes()

    def pbkdf2_hmac(
        hash_name: str, password: bytes, salt: bytes, iterations: int, dklen: int | None = None
    ) -> bytes:
        derived = kdf.pbkdf2(
            hash_name, to_js(bytes(password)), to_js(bytes(salt)), iterations, dklen or 0
        )
        return derived.to_bytes()

    hashlib.scrypt = scrypt
    hashlib.pbkdf2_hmac = pbkdf2_hmac


def _forget_earlier_loads() -> None:
    """Drop the modules and path entries of apps loaded before, as a fresh process would."""
    for name, module in list(sys.modules.items()):
        if (getattr(module, "__file__", None) or "").startswith(EXAMPLES):
            del sys.modules[name]
    sys.path[:] = [path for path in sys.path if not path.startswith(EXAMPLES)]


def load(panel: str, folder: str, epoch: int, debug: bool) -> None:
    """Import ``folder``'s app afresh as ``panel``'s app, as the build's child does."""
    _forget_earlier_loads()
    importlib.invalidate_caches()  # the folder's files were written a moment ago
    logs = PanelLogging()  # as a fresh process has it
    with logs.in_place():
        app = load_for_run(Path(folder), epoch, debug=debug, freeze=_stop_js_clock)
    panels[panel] = Panel(folder, app, logs, panels.get(panel))


def run_block(panel: str, requests_json: str) -> str:
    """Send a block's requests in order with one fresh client, as the build's child does.

    Each request is JSON (name, method, target, headers, body in base64).
    Returns JSON: one answer per request, up to the first that raised.
    """
    chosen = panels[panel]
    chosen.clients["block"] = chosen.app.test_client()
    replay = Replay(chosen.clients["block"], CONSOLE)
    answers = []
    for request in map(request_from_json, json.loads(requests_json)):
        answer = _answer(chosen, lambda request=request: replay.send(request))
        answer["request"] = request_json(replay.resolve(request))
        answers.append(answer)
        if "error" in answer:
            break
    return json.dumps(answers)


def send(panel: str, client: str, request_json_text: str) -> str:
    """Send one request (JSON: method, target, headers, base64 body) with a panel's client.

    Returns JSON: the answer, or the traceback if the app raised.
    """
    chosen = panels[panel]
    request = request_from_json(json.loads(request_json_text))

    def exchange() -> Exchange:
        return send_logged(chosen.clients[client], request, CONSOLE)

    return json.dumps(_answer(chosen, exchange))


def check(panel: str, exercise_json: str) -> str:
    """Run an exercise's checks against the panel's app, loaded afresh by ``load``.

    ``exercise_json`` holds the exercise's ``requests`` and ``checks`` (the
    page's ``script.exercise-data``). Returns JSON: ``passed``, ``error``
    (a traceback, or null) and each check's verdict (see ``example_core.checking``);
    the console's checks read what the app printed, as the Server tab shows it.
    """
    chosen = panels[panel]
    os.chdir(chosen.folder)
    with chosen.logging.in_place():
        return json.dumps(check_app(chosen.app, json.loads(exercise_json), CONSOLE))


def _answer(panel: Panel, exchange: Callable[[], Exchange]) -> dict:
    """Call ``exchange()`` in the panel's folder; the answer as JSON data, timed."""
    os.chdir(panel.folder)
    panel.exception = None
    started = time.perf_counter()  # not the stopped clock: this one reads performance.now()
    try:
        with panel.logging.in_place():
            done = exchange()
    except BaseException:  # the reader's code may raise anything: show it, and carry on
        return {"error": traceback.format_exc()}
    return {
        **response_json(done.response),
        "milliseconds": (time.perf_counter() - started) * 1000,
        # What the client really sent, its own headers (Host, Cookie...) too,
        # in the order the page shows them.
        "sent": done.sent_headers,
        "exception": panel.exception,
        # What the server printed meanwhile, as a terminal would show it, colours aside.
        "console": without_colours(shortened_paths(done.console, Path(panel.folder))),
    }
