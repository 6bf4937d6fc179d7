"""The fine points the notes make about Flask, Werkzeug and HTTP, checked.

Each test pins one sentence of a note (its words must still be there, line
breaks aside) to the pinned Flask, Werkzeug and Waitress: the reason
phrase in capitals, as Waitress sends it, the tuple forms, ``SCRIPT_NAME``,
when the session cookie is sent and ``Vary: Cookie``, validators and
``304``, scrypt's settings, ``403`` and another login, ``FLASK_DEBUG`` under any server,
the ``OPTIONS`` Flask answers for a view, and the development server's thread per request.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socketserver
import subprocess
import sys
import threading

from flask import Flask, request, session, url_for
from waitress.server import create_server
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.serving import make_server
from werkzeug.test import Client

from tests.support.facts import note_says
from tests.support.notes import EXAMPLES


def small_app() -> Flask:
    app = Flask(__name__)
    app.secret_key = "test"
    return app


def run_until_closed(server) -> None:
    """Serve until the test closes the server, which ends Waitress's ``select`` with an error."""
    with contextlib.suppress(OSError, ValueError):
        server.run()


def test_werkzeug_writes_the_reason_phrase_in_capitals_and_waitress_sends_it_as_it_is():
    assert note_says("01-webserver.md", "puts them in capitals (`NOT FOUND`)")
    assert note_says("01-webserver.md", "the server sends them as they are")
    response = small_app().test_client().get("/nothing")
    assert response.status == "404 NOT FOUND"
    server = create_server(small_app(), host="127.0.0.1", port=0)
    threading.Thread(target=run_until_closed, args=(server,), daemon=True).start()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.effective_port, timeout=10)
        connection.request("GET", "/nothing")
        on_the_wire = connection.getresponse()
        assert (on_the_wire.status, on_the_wire.reason) == (404, "NOT FOUND")
    finally:
        server.close()


def test_a_view_may_return_body_and_headers_without_a_status():
    assert note_says("08-responses.md", "`(body, headers)` or `(body, status, headers)`")
    app = small_app()
    app.add_url_rule("/dict", "/dict", lambda: ("hi", {"X-Kind": "dict"}))
    app.add_url_rule("/list", "/list", lambda: ("hi", [("X-Kind", "list")]))
    client = app.test_client()
    for kind in ("dict", "list"):
        response = client.get(f"/{kind}")
        assert (response.status_code, response.headers["X-Kind"]) == (200, kind)


def test_dispatcher_middleware_moves_the_prefix_into_script_name_and_url_for_puts_it_back():
    assert note_says("03-flask-webserver.md", "`SCRIPT_NAME` says where the app is mounted")
    assert note_says("03-flask-webserver.md", "puts `SCRIPT_NAME` back in front of the links")
    inner = small_app()

    @inner.get("/where")
    def where() -> str:
        return f"{request.script_root} {request.path} {url_for('where')}"

    outer = DispatcherMiddleware(small_app(), {"/mounted": inner})
    body = Client(outer).get("/mounted/where").get_data(as_text=True)
    assert body == "/mounted /where /mounted/where"


def test_a_page_without_a_validator_is_downloaded_again_and_an_etag_allows_a_304(fresh_app):
    note = "10-caching.md"
    assert note_says(note, "this page has no `ETag` or `Last-Modified`")
    assert note_says(note, "`response.add_etag()` and `response.make_conditional(request)`")
    client = fresh_app("caching", debug=True).test_client()
    first = client.get("/")
    assert "ETag" not in first.headers and "Last-Modified" not in first.headers
    again = client.get("/", headers={"If-None-Match": "*", "If-Modified-Since": first.date})
    assert (again.status_code, again.data) == (200, first.data)
    app = small_app()

    @app.get("/")
    def page():
        response = app.make_response("the page")
        response.add_etag()
        return response.make_conditional(request)

    etag = app.test_client().get("/").headers["ETag"]
    assert app.test_client().get("/", headers={"If-None-Match": etag}).status_code == 304


def test_a_view_that_reads_the_session_gets_vary_cookie_and_no_set_cookie():
    assert note_says("12-sessions.md", "a view that reads the session at all gets `Vary: Cookie`")
    assert note_says("10-caching.md", "a view that uses the session gets `Vary: Cookie`")
    app = small_app()
    app.add_url_rule("/set", "/set", lambda: session.update(cart=["pen"]) or "set")
    app.add_url_rule("/read", "/read", lambda: ", ".join(session.get("cart", [])))
    client = app.test_client()
    assert "Set-Cookie" in client.get("/set").headers
    read = client.get("/read")
    assert read.headers["Vary"] == "Cookie" and "Set-Cookie" not in read.headers


def test_a_change_inside_a_session_value_needs_session_modified():
    note = "12-sessions.md"
    assert note_says(note, '`session["cart"].append("book")`, goes unnoticed')
    assert note_says(note, "write `session.modified = True`")
    app = small_app()
    app.add_url_rule("/start", "/start", lambda: session.update(cart=[]) or "")

    @app.get("/add/<item>")
    def add(item: str) -> str:
        session["cart"].append(item)
        session.modified = request.args.get("mark") == "yes"
        return ""

    app.add_url_rule("/cart", "/cart", lambda: ", ".join(session["cart"]))
    client = app.test_client()
    client.get("/start")
    assert "Set-Cookie" not in client.get("/add/book").headers
    assert client.get("/cart").text == ""
    assert "Set-Cookie" in client.get("/add/book?mark=yes").headers
    assert client.get("/cart").text == "book"


def test_a_permanent_session_is_sent_again_with_every_answer():
    assert note_says("12-sessions.md", "is sent again with every answer")
    app = small_app()

    @app.get("/start")
    def start() -> str:
        session.permanent = True
        session["user"] = "ada"
        return ""

    app.add_url_rule("/other", "/other", lambda: "no session used")
    client = app.test_client()
    client.get("/start")
    assert "Set-Cookie" in client.get("/other").headers


def test_werkzeug_hashes_with_scrypt_32768_8_1_and_takes_stronger_settings():
    assert note_says("12-sessions.md", "`scrypt:32768:8:1`, make each guess take 32 MB of memory")
    assert note_says("12-sessions.md", '`generate_password_hash(password, "scrypt:131072:8:1")`')
    assert generate_password_hash("x").startswith("scrypt:32768:8:1$")
    assert 128 * 32768 * 8 == 32 * 2**20  # scrypt's memory: 128 bytes times N times r
    for settings in ("scrypt:131072:8:1", "scrypt:32768:8:3"):
        assert note_says("12-sessions.md", settings)
        stronger = generate_password_hash("x", settings)
        assert stronger.startswith(f"{settings}$") and check_password_hash(stronger, "x")


def test_another_users_login_turns_the_403_into_a_200(fresh_app):
    assert note_says(
        "12-sessions.md", "logged in as Ada, an admin, the same `GET /admin` gets `200`"
    )
    client = fresh_app("sessions", debug=True).test_client()
    client.post("/login", data={"name": "grace", "password": "cobol-1959"})
    assert client.get("/admin").status_code == 403
    client.post("/login", data={"name": "ada", "password": "lovelace-1843"})
    assert client.get("/admin").status_code == 200


def test_flask_debug_in_the_environment_gives_the_key_dev_under_any_server():
    assert note_says("15-production.md", "Flask reads it from the environment when the app is made")
    assert note_says("14-bigger-app.md", "environment has `FLASK_DEBUG=1`, whatever the server")
    club = EXAMPLES / "club"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FLASK_")}
    code = (
        "from waitress.server import create_server; from club import create_app;"
        "app = create_app(); server = create_server(app, host='127.0.0.1', port=0);"
        "print(bool(app.debug), app.config['SECRET_KEY']); server.close()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=club,
        env={**clean, "PYTHONPATH": str(club), "FLASK_DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.stdout == "True dev\n", done.stderr


def test_flask_answers_options_itself_so_a_post_view_handles_only_post():
    assert note_says("03-flask-webserver.md", "view only handles `POST`. What does a `GET` get?")
    assert note_says("03-flask-webserver.md", "`Allow` lists what the route accepts")
    app = small_app()
    handled = []
    app.add_url_rule(
        "/book", "book", lambda: handled.append(request.method) or "", methods=["POST"]
    )
    client = app.test_client()
    options, get = client.options("/book"), client.get("/book")
    assert (options.status_code, get.status_code) == (200, 405)
    assert set(options.allow) == set(get.allow) == {"OPTIONS", "POST"}
    client.post("/book")
    assert handled == ["POST"]


def test_the_development_server_gives_each_connection_a_thread_and_closes_it_after_one_request():
    assert note_says("03-flask-webserver.md", "The development server starts a thread per request")
    app = small_app()
    app.add_url_rule("/", "/", lambda: "hi")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    assert isinstance(server, socketserver.ThreadingMixIn)  # a new thread per connection
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=10)
        connection.request("GET", "/")
        reply = connection.getresponse()
        assert (reply.version, reply.getheader("Connection")) == (11, "close")
    finally:
        server.shutdown()
        server.server_close()
