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

import pytest
from flask import Flask, render_template, render_template_string, request, session, url_for
from flask_exchanges.blocks import run_exchange_block
from flask_exchanges.parse import ExchangeBlock, find_blocks
from flask_exchanges.run import Exchange, RunSettings

from tests.notes import CONTENT
from tests.test_real_server import development_server


def note_says(note: str, words: str) -> bool:
    """Whether ``words`` appear in the note, however its lines are wrapped."""
    text = " ".join((CONTENT / note).read_text(encoding="utf-8").split())
    return " ".join(words.split()) in text


def run_block(settings: RunSettings, example: str, requests: str) -> list[Exchange]:
    """Send ``requests`` (written as in an exchange block) to an example, as the build does."""
    lines = [f"```exchange example={example}", *requests.strip().split("\n"), "```"]
    (block,) = find_blocks(lines, "tests/test_facts.py")
    assert isinstance(block, ExchangeBlock)
    return run_exchange_block(block, settings)


# Static and dynamic content


def test_a_view_returning_a_list_answers_with_json():
    app = Flask(__name__)
    app.get("/")(lambda: ["b", "a"])
    response = app.test_client().get("/")
    assert response.mimetype == "application/json"
    assert response.get_json() == ["b", "a"]
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
    assert note_says("06-routes.md", "`/lessons/03` also reaches lesson 3")


def test_the_int_converter_refuses_a_sign(project_settings):
    (negative,) = run_block(project_settings, "routes", "GET /lessons/-1")
    assert negative.response.status_code == 404
    assert note_says("06-routes.md", "digits only: 0 or more, no sign")


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
