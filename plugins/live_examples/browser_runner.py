"""Runs example apps inside Pyodide, for the page's "Run in your browser" panels.

The worker writes each panel's files into a folder of its own, then calls
``load``, ``run_block`` and ``send`` here. An app is loaded by the build's
own loader (``flask_exchanges.loading``, shipped beside this file): as
``flask --app`` with the example's spec, paths relative to its folder, files
dated and ``random`` seeded from the build's moment, the clock stopped
there. References to earlier answers are resolved by the build's own code
too, so the same requests give the same answers.

Requests and answers cross into JavaScript as JSON, bodies in base64: a
browser's form or upload is bytes, not text.
"""

from __future__ import annotations

import base64
import importlib
import json
import os
import sys
import time
import traceback
from pathlib import Path
from typing import Any

import js
from flask import got_request_exception
from flask_exchanges.loading import load_app
from flask_exchanges.parse import HttpRequest, resolve_references
from flask_exchanges.pinning import pin_mtimes
from flask_exchanges.sent import sent_headers

EXAMPLES = "/examples/"
# Date.now is where Python's clock reads the time in a browser (Emscripten's
# clock_gettime), so stopping it there stops time.time(), datetime.now()
# and everything built on them. Set from JavaScript, it costs nothing per read.
_stop_js_clock = js.Function.new("moment", "self.Date.now = () => moment * 1000;")


class Panel:
    """One panel's app, with its clients: ``block`` replays the block, ``browser`` browses.

    With debug off, Flask turns an exception into a plain 500 page; the
    panel still gets its traceback (``exception``), to say why it happened.
    """

    def __init__(self, folder: str, app: Any, earlier: Panel | None) -> None:
        self.folder = folder
        self.app = app
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


def _forget_earlier_loads() -> None:
    """Drop the modules and path entries of apps loaded before, as a fresh process would."""
    for name, module in list(sys.modules.items()):
        if (getattr(module, "__file__", None) or "").startswith(EXAMPLES):
            del sys.modules[name]
    sys.path[:] = [path for path in sys.path if not path.startswith(EXAMPLES)]


def load(panel: str, folder: str, epoch: int, debug: bool) -> None:
    """Import ``folder``'s app afresh as ``panel``'s app, as the build's child does.

    With ``debug`` or without, as ``flask_exchanges.run`` loads it for the block.
    """
    _forget_earlier_loads()
    importlib.invalidate_caches()  # the folder's files were written a moment ago
    pin_mtimes(Path(folder), epoch)
    os.environ["FLASK_DEBUG"] = "1" if debug else "0"
    app = load_app(Path(folder), frozen_at=epoch, freeze=_stop_js_clock)
    app.debug = debug
    app.logger.disabled = not debug
    panels[panel] = Panel(folder, app, panels.get(panel))


def run_block(panel: str, requests_json: str) -> str:
    """Send a block's requests in order with one fresh client, resolving references as the build.

    Each request is JSON (name, method, target, headers, body in base64).
    Returns JSON: one answer per request, up to the first that raised.
    """
    chosen = panels[panel]
    chosen.clients["block"] = chosen.app.test_client()
    named: dict[str, dict[str, str]] = {}
    answers = []
    for request in json.loads(requests_json):
        resolved = _resolve(request, named)
        answer = _send(chosen, "block", resolved)
        answer["request"] = resolved
        answers.append(answer)
        if "error" in answer:
            break
        if request.get("name"):
            named[request["name"]] = {k.lower(): v for k, v in answer["headers"]}
    return json.dumps(answers)


def _resolve(request: dict, named: dict[str, dict[str, str]]) -> dict:
    body = base64.b64decode(request["body"])
    if b"{{" in body:
        body = resolve_references(body.decode(), named).encode()
    return {
        "method": request["method"],
        "target": resolve_references(request["target"], named),
        "headers": [[k, resolve_references(v, named)] for k, v in request["headers"]],
        "body": base64.b64encode(body).decode(),
    }


def send(panel: str, client: str, request_json: str) -> str:
    """Send one request (JSON: method, target, headers, base64 body) with a panel's client.

    Returns JSON: the answer, or the traceback if the app raised.
    """
    return json.dumps(_send(panels[panel], client, json.loads(request_json)))


def _send(panel: Panel, client: str, request: dict) -> dict:
    os.chdir(panel.folder)
    panel.exception = None
    body = base64.b64decode(request["body"])
    started = time.perf_counter()  # not the stopped clock: this one reads performance.now()
    try:
        response = panel.clients[client].open(
            request["target"],
            method=request["method"],
            headers=[tuple(header) for header in request["headers"]],
            data=body or None,
        )
    except BaseException:  # the reader's code may raise anything: show it, and carry on
        return {"error": traceback.format_exc()}
    return {
        "status": response.status,
        "headers": list(response.headers.items()),
        "body": base64.b64encode(response.get_data()).decode(),
        "milliseconds": (time.perf_counter() - started) * 1000,
        # What the client really sent, its own headers (Host, Cookie...) too,
        # in the order the page shows them.
        "sent": sent_headers(_as_written(request), response.request.headers.items()),
        "exception": panel.exception,
    }


def _as_written(request: dict) -> HttpRequest:
    headers = tuple((name, value) for name, value in request["headers"])
    return HttpRequest(request["method"], request["target"], headers, "", None, 0)
