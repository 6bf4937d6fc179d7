"""The runner loads each example alone, sends requests, and gives back plain data."""

from __future__ import annotations

import json
import re
import time

import pytest

from example_core.errors import RunError
from example_core.model import HttpRequest
from site_build.forker import stop_shared_forker
from site_build.run import run_requests


def get(target: str, *headers: tuple[str, str], name: str | None = None) -> HttpRequest:
    return HttpRequest("GET", target, tuple(headers), b"", name, 1)


def test_a_request_gives_status_headers_and_body(make_example, scratch_settings):
    make_example(
        "hello",
        "from flask import Flask\napp = Flask(__name__)\n"
        "@app.get('/')\ndef home():\n    return 'hi'\n",
    )
    (exchange,) = run_requests(scratch_settings, "hello", (get("/"),))
    assert exchange.response.status == "200 OK"
    assert exchange.response.header("content-type") == "text/html; charset=utf-8"
    assert exchange.response.body == b"hi"


def test_two_examples_both_called_app_never_share_modules(make_example, scratch_settings):
    source = """
        import sys
        from flask import Flask
        import helper
        app = Flask(__name__)
        @app.get('/')
        def which():
            return helper.NAME + ' ' + str('other_helper' in sys.modules)
        """
    make_example("one", source, **{"helper.py": "NAME = 'one'\n"})
    make_example("two", source, **{"helper.py": "NAME = 'two'\n"})
    assert run_requests(scratch_settings, "one", (get("/"),))[0].response.body == b"one False"
    assert run_requests(scratch_settings, "two", (get("/"),))[0].response.body == b"two False"


def test_a_crashing_app_does_not_spoil_the_next(make_example, scratch_settings):
    make_example("crash", "import os\nos._exit(3)\n")
    make_example(
        "fine",
        "from flask import Flask\napp = Flask(__name__)\n"
        "@app.get('/')\ndef ok():\n    return 'fine'\n",
    )
    with pytest.raises(RunError, match="died without an answer"):
        run_requests(scratch_settings, "crash", (get("/"),))
    assert run_requests(scratch_settings, "fine", (get("/"),))[0].response.body == b"fine"


def test_cookies_persist_between_requests_of_one_block(make_example, scratch_settings):
    make_example(
        "count",
        """
        from flask import Flask, session
        app = Flask(__name__)
        app.secret_key = "test"
        @app.get("/")
        def count():
            session["n"] = session.get("n", 0) + 1
            return str(session["n"])
        """,
    )
    exchanges = run_requests(scratch_settings, "count", (get("/"), get("/"), get("/")))
    assert [e.response.body for e in exchanges] == [b"1", b"2", b"3"]
    first, second, _ = exchanges
    assert "Cookie" not in dict(first.sent_headers)
    set_cookie = first.response.header("Set-Cookie")
    assert dict(second.sent_headers)["Cookie"] == set_cookie.split(";")[0]
    assert "Cookie" in second.added_headers


def test_the_headers_sent_are_those_the_client_really_sent_host_first(
    make_example, scratch_settings
):
    make_example(
        "echo",
        """
        from flask import Flask, request
        app = Flask(__name__)
        @app.post("/")
        def echo():
            return sorted(request.headers.keys())
        """,
    )
    post = HttpRequest(
        "POST",
        "/",
        (("Content-Type", "text/plain"), ("X-CSRF-Token", "abc"), ("Accept", "a"), ("Accept", "b")),
        b"hello",
        None,
        1,
    )
    (exchange,) = run_requests(scratch_settings, "echo", (post,))
    assert exchange.sent_headers == (
        ("Host", "localhost"),
        ("User-Agent", "Werkzeug/3.1.9"),
        ("Content-Type", "text/plain"),
        ("Content-Length", "5"),
        ("X-CSRF-Token", "abc"),
        ("Accept", "a, b"),
    )
    assert exchange.added_headers == ("Host", "User-Agent", "Content-Length")
    seen_by_the_app = json.loads(exchange.response.body)
    assert sorted(name.lower() for name, _ in exchange.sent_headers) == sorted(
        name.lower() for name in seen_by_the_app
    )


@pytest.mark.parametrize(
    ("header", "body", "words"),
    [
        (("Cookie", "a=1"), "", "the client did not send the 'Cookie: a=1' written here"),
        (
            ("Content-Length", "99"),
            "abc",
            "the client sent 'Content-Length: 3', not the 'Content-Length: 99' written here "
            "(the client counts the body itself): leave the header out",
        ),
    ],
)
def test_a_header_the_client_would_not_send_as_written_is_an_error(
    make_example, scratch_settings, header, body, words
):
    make_example(
        "plain",
        "from flask import Flask\napp = Flask(__name__)\n"
        "@app.route('/', methods=['GET', 'POST'])\ndef home():\n    return 'hi'\n",
    )
    request = HttpRequest("POST" if body else "GET", "/", (header,), body.encode(), None, 1)
    with pytest.raises(RunError, match=re.escape(words)) as raised:
        run_requests(scratch_settings, "plain", (request,))
    assert raised.value.index == 0


def test_a_named_response_header_feeds_a_later_request(make_example, scratch_settings):
    make_example(
        "etag",
        """
        from flask import Flask, request
        app = Flask(__name__)
        @app.get("/")
        def tagged():
            return "same", {"ETag": '"v1"'}
        @app.get("/echo")
        def echo():
            return request.headers.get("If-None-Match", "none")
        """,
    )
    requests = (
        get("/", name="first"),
        get("/echo", ("If-None-Match", "{{first.response.headers.ETag}}")),
    )
    _, second = run_requests(scratch_settings, "etag", requests)
    assert second.request.headers == (("If-None-Match", '"v1"'),)
    assert second.response.body == b'"v1"'


def test_a_form_post_reaches_request_form(make_example, scratch_settings):
    make_example(
        "form",
        """
        from flask import Flask, request
        app = Flask(__name__)
        @app.post("/")
        def sign():
            return request.form["name"].upper()
        """,
    )
    form = (("Content-Type", "application/x-www-form-urlencoded"),)
    post = HttpRequest("POST", "/", form, b"name=grace", None, 1)
    assert run_requests(scratch_settings, "form", (post,))[0].response.body == b"GRACE"


def test_a_view_that_raises_reports_the_last_frames(make_example, scratch_settings):
    make_example(
        "broken",
        """
        from flask import Flask
        app = Flask(__name__)
        @app.get("/")
        def broken():
            return {"total": 1 / 0}
        """,
    )
    with pytest.raises(RunError) as raised:
        run_requests(scratch_settings, "broken", (get("/"),))
    assert raised.value.index == 0
    assert "ZeroDivisionError: division by zero" in str(raised.value)
    assert "in broken" in str(raised.value)


def test_a_syntax_error_in_app_py_is_a_loading_error(make_example, scratch_settings):
    make_example("typo", "from flask import Flask\napp = Flask(__name__\n")
    with pytest.raises(RunError) as raised:
        run_requests(scratch_settings, "typo", (get("/"),))
    assert raised.value.index is None
    assert "SyntaxError" in str(raised.value)


def test_a_hanging_request_is_cut_off(make_example, scratch_settings):
    make_example(
        "slow",
        """
        import time
        from flask import Flask
        app = Flask(__name__)
        @app.get("/")
        def slow():
            time.sleep(60)
        """,
    )
    started = time.monotonic()
    with pytest.raises(RunError, match="did not finish within 2 seconds") as raised:
        run_requests(scratch_settings, "slow", (get("/"),))
    assert raised.value.index == 0
    assert time.monotonic() - started < 5


def test_an_unknown_example_lists_the_known_ones(make_example, scratch_settings):
    make_example("real", "")
    with pytest.raises(RunError, match=r"no such example \(examples: real\)"):
        run_requests(scratch_settings, "imaginary", (get("/"),))


def test_responses_do_not_depend_on_when_the_build_runs(make_example, scratch_settings):
    make_example(
        "files",
        """
        import random
        from flask import Flask
        app = Flask(__name__)
        app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 60
        @app.get("/lucky")
        def lucky():
            return str(random.randint(1, 10**9))
        """,
        **{"static__style.css": "body {}\n"},
    )
    requests = (get("/static/style.css"), get("/lucky"))
    first = run_requests(scratch_settings, "files", requests)
    time.sleep(1.1)
    second = run_requests(scratch_settings, "files", requests)
    assert first == second
    css = first[0].response
    assert css.header("Last-Modified") == "Tue, 14 Nov 2023 22:13:20 GMT"
    assert css.header("Expires") == "Tue, 14 Nov 2023 22:14:20 GMT"
    assert css.header("ETag").startswith('"1700000000.0-8-')


def test_static_etags_are_the_same_wherever_the_project_is(
    make_example, scratch_settings, tmp_path
):
    import shutil
    from dataclasses import replace

    make_example(
        "files",
        "from flask import Flask\napp = Flask(__name__)\n",
        **{"static__style.css": "body {}\n"},
    )
    elsewhere = tmp_path / "another" / "checkout"
    shutil.copytree(scratch_settings.examples, elsewhere)
    here = run_requests(scratch_settings, "files", (get("/static/style.css"),))
    there = run_requests(
        replace(scratch_settings, examples=elsewhere), "files", (get("/static/style.css"),)
    )
    assert here[0].response.header("ETag") == there[0].response.header("ETag")


RAISING = """
    from flask import Flask
    app = Flask(__name__)
    @app.get("/")
    def broken():
        return {"ratio": 1 / 0}
    @app.get("/data")
    def data():
        return {"a": 1}
    """


def test_in_debug_mode_a_view_that_raises_is_an_error(make_example, scratch_settings):
    make_example("raises", RAISING)
    with pytest.raises(RunError, match="ZeroDivisionError") as raised:
        run_requests(scratch_settings, "raises", (get("/"),))
    assert raised.value.index == 0


def test_without_debug_mode_flask_answers_500_and_json_is_compact(
    make_example, scratch_settings, capfd
):
    make_example("raises", RAISING)
    broken, data = run_requests(scratch_settings, "raises", (get("/"), get("/data")), debug=False)
    assert broken.response.status == "500 INTERNAL SERVER ERROR"
    assert b"<h1>Internal Server Error</h1>" in broken.response.body
    assert data.response.body == b'{"a":1}\n', "only debug mode indents JSON"
    assert "ZeroDivisionError" not in capfd.readouterr().err, "the build's output stays quiet"


def test_the_builders_flask_settings_do_not_reach_the_example(
    make_example, scratch_settings, monkeypatch
):
    make_example(
        "settings",
        "from flask import Flask\napp = Flask(__name__)\napp.config.from_prefixed_env()\n"
        "@app.get('/')\ndef key():\n    return repr(app.config.get('SECRET_KEY'))\n",
    )
    monkeypatch.setenv("FLASK_SECRET_KEY", "from-the-builders-shell")
    stop_shared_forker()  # a fork server started with that shell's environment
    try:
        (exchange,) = run_requests(scratch_settings, "settings", (get("/"),))
    finally:
        stop_shared_forker()
    assert exchange.response.body == b"None"
