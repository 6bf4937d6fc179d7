"""What the notes say of Flask and Werkzeug, where no exchange on the page shows it.

Each test checks one behaviour against the pinned Flask and Werkzeug, and
that the note still says it (the quoted words must be in the note, line
breaks aside), so the prose and the code cannot drift apart unnoticed.
Behaviours of an example run it as the build does; behaviours of Flask
itself use a small app made in the test.
"""

from __future__ import annotations

import base64
import http.client
import os
import shutil
import socket
import subprocess
import sys
import zlib
from pathlib import Path

import flask.cli
import flask.helpers
import pytest
from click.testing import CliRunner
from flask import (
    Flask,
    jsonify,
    redirect,
    render_template,
    render_template_string,
    request,
    send_from_directory,
    session,
    url_for,
)
from werkzeug.routing import BuildError
from werkzeug.serving import select_address_family

from example_core.loading import load_app
from example_core.model import Exchange
from example_core.parse import ExchangeBlock, find_blocks
from example_core.settings import RunSettings
from site_build.jobs import run_exchange_block
from tests.support.facts import note_says
from tests.support.notes import EXAMPLES
from tests.support.servers import development_server


def run_block(settings: RunSettings, example: str, requests: str) -> list[Exchange]:
    """Send ``requests`` (written as in an exchange block) to an example, as the build does."""
    lines = [f"```exchange example={example}", *requests.strip().split("\n"), "```"]
    (block,) = find_blocks(lines, "tests/site/test_facts.py")
    assert isinstance(block, ExchangeBlock)
    return run_exchange_block(block, settings)


# Static and dynamic content


def test_a_view_returning_a_list_answers_with_json_as_jsonify_does():
    app = Flask(__name__)
    app.add_url_rule("/", "returned", lambda: ["b", "a"])
    app.add_url_rule("/jsonify", "jsonified", lambda: jsonify(["b", "a"]))
    client = app.test_client()
    response = client.get("/")
    assert response.mimetype == "application/json"
    assert response.get_json() == ["b", "a"]
    assert response.data == client.get("/jsonify").data
    assert note_says("02-static-content.md", "A list works the same way (since Flask 2.2;")


def test_json_objects_come_out_with_sorted_keys():
    app = Flask(__name__)
    app.get("/")(lambda: {"zebra": 1, "apple": 2})
    body = app.test_client().get("/").get_data(as_text=True)
    assert body.index('"apple"') < body.index('"zebra"')
    assert note_says("02-static-content.md", "Flask sorts the keys of a JSON object")


# Flask as a webserver: the order of the hooks


@pytest.fixture
def hooked_app() -> tuple[Flask, list[str]]:
    """An app whose hooks and view write down when they run."""
    app = Flask(__name__)
    ran: list[str] = []

    @app.before_request
    def first_before():
        ran.append("before")
        if app.config.get("REFUSE"):
            return "refused by a hook", 403

    @app.after_request
    def defined_first(response):
        ran.append("after, defined first")
        return response

    @app.after_request
    def defined_second(response):
        ran.append("after, defined second")
        return response

    @app.get("/")
    def view():
        ran.append("view")
        return "from the view"

    return app, ran


def test_before_request_runs_even_when_no_route_matches(hooked_app):
    app, ran = hooked_app
    assert app.test_client().get("/no-such-path").status_code == 404
    assert ran[0] == "before" and "view" not in ran
    assert note_says("03-flask-webserver.md", "Step 2 runs even when no route matches")


def test_a_before_request_hook_that_returns_a_value_skips_the_view(hooked_app):
    app, ran = hooked_app
    app.config["REFUSE"] = True
    response = app.test_client().get("/")
    assert (response.status_code, response.text) == (403, "refused by a hook")
    assert "view" not in ran
    assert note_says(
        "03-flask-webserver.md",
        "If a `before_request` function returns a value, that value becomes the response "
        "and the view is skipped",
    )


def test_after_request_hooks_run_in_reverse_order(hooked_app):
    app, ran = hooked_app
    app.test_client().get("/")
    assert ran == ["before", "view", "after, defined second", "after, defined first"]
    assert note_says("03-flask-webserver.md", "the one defined last runs first")


# Localhost and ports: the client chooses Host


def app_building_external_urls(**config: object) -> Flask:
    app = Flask(__name__)
    app.config.update(config)

    @app.get("/where")
    def where():
        return url_for("where", _external=True)

    return app


def test_any_host_header_goes_into_external_urls():
    client = app_building_external_urls().test_client()
    assert (
        client.get("/where", headers={"Host": "evil.example"}).text == "http://evil.example/where"
    )
    assert note_says("05-localhost.md", "a client can write anything there")


def test_trusted_hosts_refuses_any_other_host_with_400():
    client = app_building_external_urls(TRUSTED_HOSTS=["notes.example.org"]).test_client()
    assert client.get("/where", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/where", headers={"Host": "notes.example.org"}).status_code == 200
    assert note_says(
        "05-localhost.md",
        "list your site's names in the `TRUSTED_HOSTS` setting, and Flask answers "
        "`400 Bad Request` to any other `Host`",
    )


def test_server_name_replaces_the_host_header_in_external_urls():
    client = app_building_external_urls(SERVER_NAME="notes.example.org").test_client()
    answer = client.get("/where", headers={"Host": "evil.example"})
    assert answer.text == "http://notes.example.org/where"
    assert note_says(
        "05-localhost.md", "Flask builds full URLs from that name instead of from the header"
    )


# Routes


def test_the_int_converter_accepts_leading_zeros(project_settings):
    (padded,) = run_block(project_settings, "routes", "GET /lessons/03")
    assert padded.response.status_code == 200
    assert padded.response.body.startswith(b"Lesson number 3;")
    assert note_says("06-routes.md", "Leading zeros are fine")


def test_the_int_converter_wants_one_or_more_digits_and_no_sign(project_settings):
    negative, empty = run_block(project_settings, "routes", "GET /lessons/-1\n###\nGET /lessons/")
    assert negative.response.status_code == 404
    assert empty.response.status_code == 404
    assert note_says("06-routes.md", "one or more digits (a whole number, 0 or more), no sign")


# HTTP methods


def test_a_put_that_replaces_a_task_answers_200(project_settings):
    (replaced,) = run_block(
        project_settings,
        "methods",
        'PUT /tasks/1\nContent-Type: application/json\n\n{"title": "Reread", "done": true}',
    )
    assert replaced.response.status_code == 200
    assert note_says(
        "07-methods.md", "A `PUT` to a task that exists replaces it and answers `200 OK`"
    )


def test_a_text_plain_form_does_not_reach_request_form():
    app = Flask(__name__)
    app.post("/")(lambda: {"form": request.form, "raw": request.get_data(as_text=True)})
    body = "title=Homework\r\ndue=Friday\r\n"
    answer = app.test_client().post("/", data=body, content_type="text/plain").get_json()
    assert answer == {"form": {}, "raw": body}
    assert note_says("07-methods.md", "Flask leaves it out of `request.form`")


def test_the_session_cookie_can_be_read_by_anyone(project_settings):
    (signed_up,) = run_block(
        project_settings,
        "methods",
        "POST /signup\nContent-Type: application/x-www-form-urlencoded\n\nname=Grace",
    )
    cookie = signed_up.response.header("Set-Cookie")
    data = cookie.removeprefix("session=").split(".")[0]
    decoded = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)).decode()
    assert note_says("07-methods.md", f"can decode it and read `{decoded}`")


def test_a_longer_session_is_compressed_and_as_easy_to_read():
    app = Flask(__name__)
    app.secret_key = "test"

    @app.get("/")
    def fill():
        session["notes"] = ["Welcome aboard, Grace!"] * 10
        return "filled"

    client = app.test_client()
    client.get("/")
    cookie = client.get_cookie("session").value
    assert cookie.startswith(".")
    data = cookie[1:].split(".")[0]
    readable = zlib.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))
    assert b"Welcome aboard, Grace!" in readable
    assert note_says(
        "12-sessions.md", "a long session is compressed first, and then starts with a dot"
    )


def test_a_changed_session_cookie_is_ignored():
    app = Flask(__name__)
    app.secret_key = "test"

    @app.get("/set")
    def set_role():
        session["role"] = "student"
        return "set"

    @app.get("/role")
    def role():
        return session.get("role", "nobody")

    client = app.test_client()
    client.get("/set")
    assert client.get("/role").text == "student"
    _, signature = client.get_cookie("session").value.split(".", 1)
    forged = base64.urlsafe_b64encode(b'{"role":"teacher"}').rstrip(b"=").decode()
    client.set_cookie("session", f"{forged}.{signature}")
    assert client.get("/role").text == "nobody"
    assert note_says("07-methods.md", "if anyone changes the cookie, Flask notices and ignores it")


# Responses: a crash under the development server


def test_under_flask_run_debug_a_crash_gets_the_debugger_page_with_status_500(project_settings):
    with development_server("responses", project_settings.epoch) as (port, _):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/average", headers={"Host": "localhost"})
        reply = connection.getresponse()
        page = reply.read().decode()
        connection.close()
    assert reply.status == 500
    assert "ZeroDivisionError" in page and "Werkzeug Debugger" in page
    assert "sum(marks) / len(marks)" in page, "the debugger shows the code that crashed"
    assert note_says(
        "08-responses.md",
        "the answer is the debugger's page instead, with the traceback, and it is "
        "sent with status `500` too",
    )
    assert note_says(
        "05-localhost.md", "the debug page shows pieces of your code to whoever caused the crash"
    )


# Templates: what autoescaping covers


@pytest.fixture
def render(tmp_path):
    """Render ``source`` as an ``.html`` template file, a new file each time."""
    app = Flask(__name__, template_folder=str(tmp_path))
    written = iter(range(1000))

    def render(source: str, **values: object) -> str:
        name = f"page{next(written)}.html"
        (tmp_path / name).write_text(source)
        with app.app_context():
            return render_template(name, **values)

    return render


@pytest.mark.parametrize(
    ("name", "escaped"),
    [
        ("page.html", True),
        ("page.htm", True),
        ("page.xml", True),
        ("page.xhtml", True),
        ("picture.svg", True),
        ("message.txt", False),
    ],
)
def test_autoescaping_goes_by_the_template_name(tmp_path, name, escaped):
    (tmp_path / name).write_text("{{ value }}")
    app = Flask(__name__, template_folder=str(tmp_path))
    with app.app_context():
        assert (render_template(name, value="<b>") == "&lt;b&gt;") is escaped
        assert render_template_string("{{ value }}", value="<b>") == "&lt;b&gt;"
    assert note_says(
        "09-templates.md",
        "Flask turns autoescaping on for templates whose names end in `.html`, `.htm`, "
        "`.xml`, `.xhtml` or `.svg`, and for templates made from a string with "
        "`render_template_string`. A `.txt` template is not escaped.",
    )


def test_escaping_codes_the_five_characters(render):
    assert render("{{ v }}", v="<>&'\"") == "&lt;&gt;&amp;&#39;&#34;"
    assert note_says("09-templates.md", "Escaping turns `<`, `>`, `&`, `'` and `\"` into codes")


def test_safe_switches_escaping_off(render):
    assert render("{{ v|safe }}", v="<b>") == "<b>"
    assert note_says("09-templates.md", "`|safe` switches it off for one value")


def test_an_unquoted_attribute_takes_a_second_attribute(render):
    page = render("<input value={{ name }}>", name="x onfocus=alert(1)")
    assert page == "<input value=x onfocus=alert(1)>"
    assert note_says("09-templates.md", "the name `x onfocus=alert(1)` adds one")


def test_a_javascript_url_has_nothing_to_escape(render):
    page = render('<a href="{{ url }}">', url="javascript:alert(1)")
    assert page == '<a href="javascript:alert(1)">'
    assert note_says("09-templates.md", "the address `javascript:alert(1)` has nothing to escape")


def test_inside_a_script_escaping_does_not_help_but_tojson_does(render):
    assert render("let n = {{ n }};", n="1; alert(1)") == "let n = 1; alert(1);"
    assert render("let n = {{ n|tojson }};", n="1; alert(1)") == 'let n = "1; alert(1)";'
    assert note_says("09-templates.md", "the value `1; alert(1)` has nothing to escape either")


# What a webserver is: the file name decides the type


def test_a_file_is_typed_by_its_name_not_its_bytes(tmp_path):
    (tmp_path / "looks-like-html.txt").write_text("<!doctype html><title>Hi</title>")
    app = Flask(__name__)
    app.get("/<name>")(lambda name: send_from_directory(tmp_path, name))
    assert app.test_client().get("/looks-like-html.txt").mimetype == "text/plain"
    assert note_says(
        "01-webserver.md",
        "The server does not look inside the file to decide it: it goes by the file's name.",
    )


# Static and dynamic content: url_for and JSON without debug mode


def test_url_for_follows_the_app_to_another_address():
    app = Flask(__name__)
    app.get("/")(lambda: url_for("static", filename="style.css"))
    client = app.test_client()
    assert client.get("/").text == "/static/style.css"
    assert client.get("/", base_url="http://localhost/course/").text == "/course/static/style.css"
    assert note_says(
        "02-static-content.md",
        "If the app is ever moved to another address, `url_for` still gives the right one.",
    )


@pytest.mark.parametrize(("debug", "body"), [(False, b'{"a":1}\n'), (True, b'{\n  "a": 1\n}\n')])
def test_json_is_indented_only_in_debug_mode(debug, body):
    app = Flask(__name__)
    app.debug = debug
    app.get("/")(lambda: {"a": 1})
    assert app.test_client().get("/").data == body
    assert note_says("02-static-content.md", "Without debug mode it sends it on one line")


# Flask as a webserver: contexts and the development server


def test_request_outside_a_request_raises_an_error():
    with pytest.raises(RuntimeError, match="outside of request context"):
        request.method  # noqa: B018 (reading it is the test)
    assert note_says("03-flask-webserver.md", "Outside a request (in a script that imports")
    assert note_says("03-flask-webserver.md", "`request` raises an error.")


def test_flask_run_debug_reloads_debugs_and_threads_on_localhost_5000(monkeypatch, tmp_path):
    """``flask run --debug`` as ``invoke example`` starts it, with the server itself replaced."""
    (tmp_path / "facts_run_app.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))  # loading the app adds tmp_path
    monkeypatch.setenv("FLASK_DEBUG", "0")  # restored afterwards; --debug sets it
    started = []
    monkeypatch.setattr(
        flask.cli, "run_simple", lambda *args, **options: started.append((args, options))
    )
    result = CliRunner().invoke(flask.cli.cli, ["--app", "facts_run_app", "run", "--debug"])
    assert result.exit_code == 0, result.output
    ((host, port, _), options) = started[0]
    assert (host, port) == ("127.0.0.1", 5000)
    assert options["use_reloader"] and options["use_debugger"] and options["threaded"]
    assert note_says("03-flask-webserver.md", "it restarts when you save a file, shows a debugger")
    assert note_says("03-flask-webserver.md", "The development server starts a thread per request")
    assert note_says("05-localhost.md", "Flask's development server listens there unless you ask")
    assert note_says(
        "05-localhost.md", "Flask's development server uses port `5000` unless told otherwise"
    )


def test_flask_env_no_longer_turns_debug_mode_on(monkeypatch):
    monkeypatch.setenv("FLASK_ENV", "development")
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    assert not flask.helpers.get_debug_flag()
    monkeypatch.setenv("FLASK_DEBUG", "1")
    assert flask.helpers.get_debug_flag()
    sources = Path(flask.__file__).parent.rglob("*.py")
    assert not any("FLASK_ENV" in source.read_text() for source in sources)
    assert note_says(
        "03-flask-webserver.md",
        "`FLASK_ENV=development`, which Flask 2.3 removed: use `flask run --debug`, "
        "or `FLASK_DEBUG=1`.",
    )


# Localhost and ports: a port taken


def test_the_server_cannot_start_on_a_port_already_in_use(tmp_path):
    (tmp_path / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [sys.executable, "-m", "flask", "--app", "app", "run", "--port", str(port)]
        result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=30)
    assert result.returncode != 0
    assert "Address already in use" in result.stderr
    assert note_says(
        "05-localhost.md",
        "If a port is taken, the server cannot start and says the address is already in use.",
    )


def test_the_development_server_listens_on_ipv6_only_when_given_an_ipv6_host():
    """Werkzeug opens an IPv6 socket only for a host with a colon in it: an IPv6 address."""
    assert select_address_family("127.0.0.1", 5000) == socket.AF_INET
    assert select_address_family("0.0.0.0", 5000) == socket.AF_INET
    assert select_address_family("::1", 5000) == socket.AF_INET6
    assert select_address_family("::", 5000) == socket.AF_INET6
    assert note_says(
        "05-localhost.md",
        "Flask's development server listens there only if you give it an IPv6 address to listen "
        "on, such as `--host ::1`; `--host 0.0.0.0` covers IPv4 addresses only.",
    )


# HTTP methods: HEAD


def test_head_runs_the_view_and_sends_only_the_headers():
    app = Flask(__name__)
    ran = []

    @app.get("/")
    def view():
        ran.append("view")
        return "twelve bytes"

    answer = app.test_client().head("/")
    assert ran == ["view"]
    assert answer.data == b"" and answer.content_length == len("twelve bytes")
    assert note_says("07-methods.md", "Flask runs the view and sends only the headers")


# Responses: redirects and error handlers


def test_redirect_answers_302_unless_told_otherwise():
    app = Flask(__name__)
    app.get("/")(lambda: redirect("/elsewhere"))
    assert app.test_client().get("/").status == "302 FOUND"
    assert note_says("08-responses.md", "The default is `302 Found`")


def test_an_error_handler_that_returns_no_status_sends_200():
    app = Flask(__name__)
    app.errorhandler(404)(lambda error: "<h1>Nothing here</h1>")
    assert app.test_client().get("/missing").status_code == 200
    assert note_says("08-responses.md", "without it, the error page would go out as a `200 OK`")


# Caching: what a static file's ETag is made from


def test_a_static_etag_changes_with_the_time_the_size_and_the_place(tmp_path):
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "style.css").write_text("p { color: navy; }")
        os.utime(tmp_path / folder / "style.css", (1_700_000_000, 1_700_000_000))
    app = Flask(__name__)
    app.get("/<folder>/<name>")(lambda folder, name: send_from_directory(tmp_path / folder, name))
    client = app.test_client()

    def etag() -> str:
        return client.get("/one/style.css").headers["ETag"]

    first = etag()
    assert etag() == first
    assert client.get("/two/style.css").headers["ETag"] != first, "another place"
    os.utime(tmp_path / "one" / "style.css", (1_700_000_060, 1_700_000_060))
    moved_in_time = etag()
    assert moved_in_time != first, "another modification time"
    (tmp_path / "one" / "style.css").write_text("p { color: darkslateblue; }")
    os.utime(tmp_path / "one" / "style.css", (1_700_000_060, 1_700_000_060))
    assert etag() != moved_in_time, "another size, same time"
    assert note_says(
        "10-caching.md", "Flask makes it from the file's modification time, size and location"
    )


def test_in_debug_mode_a_changed_template_is_picked_up_without_a_restart(tmp_path):
    page = tmp_path / "page.html"
    apps = {}
    for debug in (True, False):
        app = Flask(__name__, template_folder=str(tmp_path))
        app.debug = debug
        apps[debug] = app
    page.write_text("version 1")
    for app in apps.values():
        with app.app_context():
            assert render_template("page.html") == "version 1"
    page.write_text("version 2")
    os.utime(page, (page.stat().st_mtime + 10,) * 2)  # a later save, even within one second
    with apps[True].app_context():
        assert render_template("page.html") == "version 2"
    with apps[False].app_context():
        assert render_template("page.html") == "version 1"
    assert note_says(
        "09-templates.md", "in debug mode Flask picks up the new version without a restart"
    )


@pytest.mark.parametrize(
    ("change", "menu_link"),
    [
        (('@app.get("/lucky")', '@app.get("/luck")'), '<a href="/luck">Lucky number</a>'),
        (("def lucky(", "def luck("), None),
    ],
    ids=["route moved", "function renamed"],
)
def test_url_for_follows_a_moved_route_and_fails_for_a_renamed_function(
    change, menu_link, tmp_path, monkeypatch
):
    assert note_says("09-templates.md", "changing its `@app.get` line, and every menu link follows")
    assert note_says("09-templates.md", "`url_for('lucky')` raises a `BuildError`")
    folder = shutil.copytree(EXAMPLES / "templates", tmp_path / "templates")
    source = (folder / "app.py").read_text()
    assert change[0] in source
    (folder / "app.py").write_text(source.replace(*change))
    monkeypatch.chdir(Path.cwd())
    monkeypatch.setattr(sys, "path", list(sys.path))
    try:
        app = load_app(folder)
        app.testing = True  # the exception itself, not a 500 page
        if menu_link:
            assert menu_link in app.test_client().get("/").text
        else:
            with pytest.raises(BuildError, match="'lucky'"):
                app.test_client().get("/")
    finally:
        for name, module in list(sys.modules.items()):
            if str(tmp_path) in str(getattr(module, "__file__", None) or ""):
                del sys.modules[name]
