"""What the note "Serving it for real" says without an exchange to show it.

Each test pins one sentence of ``content/15-production.md`` to the pinned
Flask, Werkzeug and Waitress, running Waitress for real where the sentence
is about it.
"""

from __future__ import annotations

import http.client
import textwrap
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from flask import Flask, session
from waitress.adjustments import Adjustments

from example_core.loading import load_app
from tests.support.facts import note_says
from tests.support.notes import EXAMPLES, ROOT
from tests.support.servers import development_server, waitress

NOTE = "15-production.md"
PRODUCTION = EXAMPLES / "production"
AS_THE_PROXY_SENDS_IT = {
    "Host": "club.example.org",
    "X-Forwarded-For": "203.0.113.7",
    "X-Forwarded-Proto": "https",
}


def get(port: int, path: str, headers: dict[str, str]) -> tuple[int, list[tuple[str, str]], str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers)
    reply = connection.getresponse()
    answer = reply.status, reply.getheaders(), reply.read().decode()
    connection.close()
    return answer


@pytest.fixture
def production_app(monkeypatch) -> Flask:
    """The example, loaded in this process as a build child loads it; cwd comes back."""
    monkeypatch.chdir(Path.cwd())
    return load_app(PRODUCTION)


def test_without_the_option_waitress_drops_the_proxy_headers_and_redirects_forever():
    """'Without that option, the app would never see X-Forwarded-Proto: https.'"""
    assert note_says(
        NOTE,
        "Waitress 3 removes `X-Forwarded-For`, `X-Forwarded-Proto` and the like from every "
        "request, unless it was told which proxy to trust.",
    )
    with waitress(PRODUCTION, ["app:app"]) as port:
        status, headers, _ = get(port, "/", AS_THE_PROXY_SENDS_IT)
    assert status == 308
    assert dict(headers)["Location"] == "https://club.example.org/"  # the very same address


def test_waitress_sends_headers_sorted_by_name_and_adds_date_and_server(production_app):
    assert note_says(NOTE, "Waitress also sends the headers in another order, sorted by name.")
    with waitress(PRODUCTION, ["--no-clear-untrusted-proxy-headers", "app:app"]) as port:
        _, headers, _ = get(port, "/", AS_THE_PROXY_SENDS_IT)
    names = [name for name, _ in headers]
    assert names == sorted(names)
    assert dict(headers)["Server"] == "waitress" and "Date" in dict(headers)
    flask_order = list(production_app.test_client().get("/", headers=AS_THE_PROXY_SENDS_IT).headers)
    assert [name for name, _ in flask_order] != sorted(name for name, _ in flask_order)


THREADS_APP = """
import os, threading, time
from flask import Flask
app = Flask(__name__)
@app.get("/")
def who():
    time.sleep(0.5)
    return f"{os.getpid()} {threading.get_ident()}"
"""


def test_waitress_answers_with_four_threads_of_one_process(tmp_path):
    """'Waitress runs one process with four threads by default.'"""
    assert note_says(NOTE, "Waitress runs one process with four threads by default")
    assert Adjustments().threads == 4
    (tmp_path / "app.py").write_text(textwrap.dedent(THREADS_APP))
    with waitress(tmp_path, ["app:app"]) as port, ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: get(port, "/", {"Host": "localhost"})[2], range(8)))
    processes = {answer.split()[0] for answer in answers}
    threads = {answer.split()[1] for answer in answers}
    assert len(processes) == 1
    assert len(threads) == 4


def test_two_threads_adding_a_book_at_the_same_moment_pick_the_same_id(fresh_app):
    """'Two threads can run the same lines at the same moment, and both pick the same new id.'

    Two threads post a book to the JSON API example. Each pauses right after
    ``max(books) + 1``, until the other has got there too: a moment the
    scheduler is free to choose, made certain here.
    """
    assert note_says(NOTE, "both pick the same new id for a task or a book")
    app = fresh_app("json-api", debug=False)
    view = app.view_functions["add_book"]
    both_there = threading.Barrier(2, timeout=5)

    def max_then_wait(*args, **kwargs):
        found = max(*args, **kwargs)
        both_there.wait()
        return found

    view.__globals__["max"] = max_then_wait
    try:
        books = [{"title": title, "author": "A. Writer"} for title in ("One", "Two")]
        with ThreadPoolExecutor(2) as pool:
            answers = list(pool.map(lambda b: app.test_client().post("/api/books", json=b), books))
    finally:
        del view.__globals__["max"]
    assert [a.status_code for a in answers] == [201, 201]
    assert answers[0].json["id"] == answers[1].json["id"]
    # One book overwrote the other: the list holds one of them under that id.
    listed = app.test_client().get("/api/books").json
    assert len([b for b in listed if b["id"] == answers[0].json["id"]]) == 1


def sign_up(port: int, name: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(
        "POST",
        "/events/1/join",
        body=f"name={name}",
        headers={"Host": "localhost", "Content-Type": "application/x-www-form-urlencoded"},
    )
    status = connection.getresponse().status
    connection.close()
    return status


def test_two_worker_processes_each_keep_their_own_sign_up_list(monkeypatch):
    """'A sign-up sent to one is missing from the other', with waitress-serve --call."""
    assert note_says(NOTE, "a sign-up sent to one is missing from the other")
    monkeypatch.setenv("FLASK_SECRET_KEY", "a-key-for-this-test-only")
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    club = ["--call", "club:create_app"]
    with waitress(EXAMPLES / "club", club) as first, waitress(EXAMPLES / "club", club) as second:
        assert sign_up(first, "Ada") == 303
        in_first = get(first, "/events/1", {"Host": "localhost"})[2]
        in_second = get(second, "/events/1", {"Host": "localhost"})[2]
    assert "Coming: Ada" in in_first
    assert "Coming: nobody yet" in in_second


def test_a_browser_at_127_0_0_1_is_refused_and_a_request_without_the_proto_is_redirected(
    production_app,
):
    """Run it yourself: the browser gets 400; the curl without X-Forwarded-Proto gets the 308."""
    assert note_says(
        NOTE, "your browser sends `Host: 127.0.0.1:8080`, which is not in `TRUSTED_HOSTS`"
    )
    client = production_app.test_client()
    assert client.get("/", headers={"Host": "127.0.0.1:8080"}).status_code == 400
    plain = client.get("/", headers={"Host": "club.example.org"})
    assert (plain.status_code, plain.headers["Location"]) == (308, "https://club.example.org/")


@pytest.mark.parametrize(
    ("trusted", "host", "status"),
    [
        (["club.example.org"], "club.example.org:8443", 200),
        ([".example.org"], "example.org", 200),
        ([".example.org"], "www.club.example.org", 200),
        ([".example.org"], "example.org.evil", 400),
    ],
)
def test_trusted_hosts_ignores_the_port_and_a_leading_dot_takes_the_names_under_it(
    production_app, trusted, host, status
):
    assert note_says(NOTE, "accepts `example.org` and every name under it")
    production_app.config["TRUSTED_HOSTS"] = trusted
    headers = {"Host": host, "X-Forwarded-Proto": "https"}
    assert production_app.test_client().get("/", headers=headers).status_code == status


def test_session_cookie_secure_marks_the_session_cookie_secure():
    assert note_says(NOTE, "`SESSION_COOKIE_SECURE = True`")
    app = Flask("check")
    app.config.update(SECRET_KEY="test", SESSION_COOKIE_SECURE=True)
    app.get("/")(lambda: session.update(seen=True) or "ok")
    cookie = app.test_client().get("/").headers["Set-Cookie"]
    assert cookie.startswith("session=") and "; Secure" in cookie


def test_the_development_server_says_it_is_not_for_production(project_settings):
    assert note_says(
        NOTE, '"WARNING: This is a development server. Do not use it in a production deployment."'
    )
    with development_server("production", project_settings.epoch, debug=False) as (_, process):
        pass
    log = process.stderr.read().decode()
    assert "WARNING: This is a development server. Do not use it in a production deployment." in log


def test_the_redirects_to_https_carry_no_strict_transport_security(production_app):
    assert note_says(
        NOTE, "the two `308` answers above, shown with all their headers, do not carry it"
    )
    client = production_app.test_client()
    plain = {"Host": "club.example.org", "X-Forwarded-Proto": "http"}
    for response in (client.get("/?tab=news", headers=plain), client.post("/theme", headers=plain)):
        assert response.status_code == 308
        assert "Strict-Transport-Security" not in response.headers
    secure = client.get("/", headers=AS_THE_PROXY_SENDS_IT)
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_the_waitress_a_student_installs_is_the_one_the_tests_ran():
    from take_home.requirements import flask_requirements

    pins = (ROOT / "requirements.txt").read_text(encoding="utf-8").split()
    (pin,) = [line for line in pins if line.lower().startswith("waitress==")]
    assert note_says(NOTE, "Its `requirements.txt` names Waitress too, in the version this site")
    assert pin in flask_requirements(ROOT / "requirements.txt", "waitress")[0].split()
