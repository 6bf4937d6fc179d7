"""Runs example apps inside Pyodide, for the page's "Run in your browser" panels.

The worker writes each panel's files into a folder of its own, then calls
``load`` and ``send`` here. An app is loaded the way the build loads it
(``flask --app`` with the example's spec from its ``.flaskenv``, paths
relative to its folder, files dated and ``random`` seeded from the build's
moment), so the same requests give the same answers.
"""

from __future__ import annotations

import base64
import importlib
import json
import os
import random
import sys
import traceback

apps: dict[str, object] = {}


def load(panel: str, folder: str, epoch: int, debug: bool = True) -> None:
    """Import the app in ``folder`` afresh, as ``flask --app`` would, as panel ``panel``'s app.

    ``debug`` is False for a block marked ``debug=off``: as under plain
    ``flask run``, a view that raises then gets Flask's own 500 page.
    """
    from flask.cli import ScriptInfo

    for root, _, files in os.walk(folder):
        for name in files:
            os.utime(os.path.join(root, name), (epoch, epoch))
    os.chdir(folder)
    random.seed(epoch)
    for name, module in list(sys.modules.items()):
        if (getattr(module, "__file__", None) or "").startswith("/examples/"):
            del sys.modules[name]
    sys.path[:] = [p for p in sys.path if not p.startswith("/examples/")]
    importlib.invalidate_caches()  # the folder's files were written a moment ago
    os.environ["FLASK_DEBUG"] = "1" if debug else "0"  # as the build does: a factory may look
    app = ScriptInfo(app_import_path=_app_spec(folder), set_debug_flag=False).load_app()
    _make_paths_relative(app, folder)
    app.debug = debug
    app.logger.disabled = not debug  # as the build does: the 500 is the answer, not a failure
    apps[panel] = (folder, app.test_client())


def _app_spec(folder: str) -> str:
    """``FLASK_APP`` in the folder's ``.flaskenv``, or ``app``: as ``flask_exchanges.examples``."""
    path = os.path.join(folder, ".flaskenv")
    if not os.path.isfile(path):
        return "app"
    with open(path, encoding="utf-8") as env_file:
        lines = env_file.read().splitlines()
    for line in lines:
        name, equals, value = line.strip().removeprefix("export ").partition("=")
        if equals and name.strip() == "FLASK_APP" and value.strip():
            value = value.strip()
            quoted = len(value) >= 2 and value[0] == value[-1] and value[0] in "'\""
            return value[1:-1] if quoted else value
    return "app"


def _make_paths_relative(app, folder: str) -> None:
    """Root ``.`` and folders relative to ``folder``, as ``flask_exchanges.loading`` does."""
    static = app.static_folder
    templates = app.template_folder and os.path.join(app.root_path, app.template_folder)
    app.root_path = "."
    if static is not None:
        app.static_folder = os.path.relpath(static, folder)
    if templates:
        app.template_folder = os.path.relpath(templates, folder)
    for blueprint in app.blueprints.values():
        blueprint.root_path = os.path.relpath(blueprint.root_path, folder)


def send(panel: str, request_json: str) -> str:
    """Send one request (JSON: method, target, headers, body) to the panel's app.

    Returns JSON: the response, or the traceback if the app raised.
    """
    request = json.loads(request_json)
    return json.dumps(_send(panel, **request))


def _send(panel: str, method: str, target: str, headers: list, body: str) -> dict:
    folder, client = apps[panel]
    os.chdir(folder)
    content_type = next((v for k, v in headers if k.lower() == "content-type"), "")
    if content_type.startswith("multipart/"):
        body = body.replace("\n", "\r\n")
    try:
        response = client.open(
            target, method=method, headers=[tuple(h) for h in headers], data=body.encode() or None
        )
    except BaseException:  # the reader's code may raise anything: show it, and carry on
        return {"error": traceback.format_exc()}
    data = response.get_data()
    try:
        text, binary = data.decode("utf-8"), False
    except UnicodeDecodeError:
        text, binary = base64.b64encode(data).decode(), True
    return {
        "status": response.status_code,
        "status_line": response.status,
        "headers": list(response.headers.items()),
        "body": text,
        "binary": binary,
        "log": f'"{method} {target} HTTP/1.1" {response.status_code} -',
    }
