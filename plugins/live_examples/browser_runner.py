"""Runs example apps inside Pyodide, for the page's "Run in your browser" panels.

The worker writes each panel's files into a folder of its own, then calls
``load`` and ``send`` here. An app is loaded the way the build loads it
(module ``app``, root ``.``, files dated and ``random`` seeded from the
build's moment), so the same requests give the same answers.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import os
import random
import sys
import traceback

apps: dict[str, object] = {}


def load(panel: str, folder: str, epoch: int) -> None:
    """Import ``folder/app.py`` afresh as panel ``panel``'s app."""
    for root, _, files in os.walk(folder):
        for name in files:
            os.utime(os.path.join(root, name), (epoch, epoch))
    os.chdir(folder)
    random.seed(epoch)
    sys.modules.pop("app", None)
    sys.path[:] = [folder, *(p for p in sys.path if not p.startswith("/examples/"))]
    spec = importlib.util.spec_from_file_location("app", os.path.join(folder, "app.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules["app"] = module
    spec.loader.exec_module(module)
    app = module.app
    app.root_path = "."
    app.debug = True
    apps[panel] = (folder, app.test_client())


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
