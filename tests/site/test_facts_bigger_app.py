"""What the note "A bigger app" says without an exchange to show it.

Each test pins one sentence of ``content/14-bigger-app.md`` to the pinned
Flask, so the sentence cannot quietly go wrong. Code that imports the
``club`` package runs in a process of its own, with the environment the
sentence talks about.
"""

from __future__ import annotations

import http.client
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from flask import Blueprint, Flask, render_template

from example_core.examples import app_spec
from example_core.model import HttpRequest
from site_build.run import run_requests
from tests.support.facts import note_says
from tests.support.notes import EXAMPLES
from tests.support.servers import free_port, wait_for

NOTE = "14-bigger-app.md"
CLUB = EXAMPLES / "club"


def run_in_club(code: str, **environment: str) -> subprocess.CompletedProcess:
    """Run Python in the club's folder, with only the ``FLASK_`` variables given here."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FLASK_")}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=CLUB,
        env={**clean, "PYTHONPATH": str(CLUB), **environment},
        capture_output=True,
        text=True,
        timeout=60,
    )


def request(method: str, target: str, body: str = "") -> HttpRequest:
    headers = (("Content-Type", "application/x-www-form-urlencoded"),) if body else ()
    return HttpRequest(method, target, headers, body.encode(), None, 1)


def test_the_flaskenv_names_the_factory_as_the_note_says():
    assert note_says(NOTE, "holds the line `FLASK_APP=club:create_app()`")
    assert app_spec(CLUB) == "club:create_app()"
    assert "FLASK_APP=club:create_app()\n" in (CLUB / ".flaskenv").read_text()


def test_flask_finds_a_function_named_create_app_by_itself():
    """'Flask also looks for a function named create_app by itself.'"""
    assert note_says(NOTE, "Flask also looks for a function named `create_app` by itself")
    done = run_in_club(
        """
        from flask.cli import ScriptInfo
        app = ScriptInfo(app_import_path="club").load_app()
        print(sorted(app.blueprints))
        """,
        FLASK_DEBUG="1",
    )
    assert done.stdout.strip() == "['events', 'news']", done.stderr


def test_the_brackets_need_quotes_in_a_shell():
    """'The quotes stop your shell from reading the round brackets.'"""
    assert note_says(NOTE, "The quotes stop your shell from reading the round brackets.")
    unquoted = subprocess.run(["bash", "-n", "-c", "flask --app club:create_app() run"])
    quoted = subprocess.run(["bash", "-n", "-c", 'flask --app "club:create_app()" run'])
    assert (unquoted.returncode, quoted.returncode) == (2, 0)


def test_without_debug_and_without_a_key_the_factory_refuses():
    assert note_says(NOTE, "the factory stops with `RuntimeError: Set FLASK_SECRET_KEY`")
    done = run_in_club("from club import create_app; create_app()")
    assert done.returncode != 0
    assert "RuntimeError: Set FLASK_SECRET_KEY" in done.stderr


def test_in_debug_mode_without_a_key_it_falls_back_to_dev():
    assert note_says(NOTE, '`create_app` falls back to `"dev"`')
    done = run_in_club(
        "from club import create_app; print(create_app().secret_key)", FLASK_DEBUG="1"
    )
    assert done.stdout.strip() == "dev", done.stderr


def test_the_environment_gives_the_key_and_wins_over_the_class():
    assert note_says(
        NOTE, "An environment variable wins over the class, because it is read after it."
    )
    done = run_in_club(
        """
        from club import create_app
        app = create_app()
        print(app.secret_key, app.config["CLUB_NAME"], repr(app.config["MAX_CONTENT_LENGTH"]))
        """,
        FLASK_SECRET_KEY="from-the-environment",
        FLASK_CLUB_NAME="Go club",
        FLASK_MAX_CONTENT_LENGTH="1000000",
    )
    assert done.stdout.split() == ["from-the-environment", "Go", "club", "1000000"], done.stderr


def test_from_object_copies_only_names_in_capitals():
    assert note_says(NOTE, "copies every name in it that is written in CAPITALS")
    done = run_in_club(
        """
        from flask import Flask
        class Settings:
            CLUB_NAME = "Chess club"
            club_name = "lower case"
        app = Flask("check")
        app.config.from_object(Settings)
        print("CLUB_NAME" in app.config, "club_name" in app.config)
        """
    )
    assert done.stdout.split() == ["True", "False"], done.stderr


def app_with_two_blueprints(root: Path) -> Flask:
    """An app whose news and events blueprints both render ``index.html``."""
    app = Flask("check", root_path=str(root))
    for part in ("news", "events"):
        blueprint = Blueprint(part, part, root_path=str(root / part), template_folder="templates")
        blueprint.get("/")(lambda: render_template("index.html"))
        app.register_blueprint(blueprint, url_prefix=f"/{part}")
    return app


def write_template(folder: Path, text: str) -> None:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(text)


def test_template_folders_share_names_and_the_first_registered_wins(tmp_path):
    assert note_says(
        NOTE, "If both blueprints had an `index.html`, the events part would show the news page."
    )
    for part in ("news", "events"):
        write_template(tmp_path / part / "templates", f"the {part} page")
    page = app_with_two_blueprints(tmp_path).test_client().get("/events/")
    assert page.get_data(as_text=True) == "the news page"


def test_the_apps_own_templates_come_first(tmp_path):
    assert note_says(NOTE, "Flask looks in the app's `templates/` first")
    for part in ("news", "events"):
        write_template(tmp_path / part / "templates", f"the {part} page")
    write_template(tmp_path / "templates", "the app's page")
    page = app_with_two_blueprints(tmp_path).test_client().get("/events/")
    assert page.get_data(as_text=True) == "the app's page"


def test_another_prefix_moves_every_link_without_editing_a_template():
    assert note_says(
        NOTE,
        "Change a prefix in `register_blueprint`, and every one of these links follows, "
        "without editing a template.",
    )
    done = run_in_club(
        """
        from flask import Flask
        register = Flask.register_blueprint
        def moved(app, blueprint, **options):
            options["url_prefix"] = "/club" + options["url_prefix"]
            return register(app, blueprint, **options)
        Flask.register_blueprint = moved
        from club import create_app
        print(create_app().test_client().get("/club/news/").get_data(as_text=True))
        """,
        FLASK_DEBUG="1",
    )
    assert '<a href="/club/events/1">sign up</a>' in done.stdout, done.stderr
    assert '<a href="/club/events/">Events</a>' in done.stdout


def test_every_app_the_factory_makes_shares_the_sign_ups():
    assert note_says(NOTE, "shared by every app the factory makes")
    done = run_in_club(
        """
        from club import create_app
        first, second = create_app(), create_app()
        first.test_client().post("/events/1/join", data={"name": "Ada"})
        print("Coming: Ada" in second.test_client().get("/events/1").get_data(as_text=True))
        """,
        FLASK_DEBUG="1",
    )
    assert done.stdout.strip() == "True", done.stderr


def test_a_key_that_looks_like_a_number_is_read_as_one_and_sessions_fail():
    assert note_says(
        NOTE, "a key such as `1234` would be read as a number, and sessions would fail"
    )
    done = run_in_club(
        """
        from club import create_app
        app = create_app()
        print(repr(app.secret_key))
        app.test_client().post("/events/1/join", data={"name": "Ada"})
        """,
        FLASK_DEBUG="1",
        FLASK_SECRET_KEY="1234",
    )
    assert done.stdout.strip() == "1234"
    assert "TypeError" in done.stderr


def test_in_debug_mode_saving_a_python_file_restarts_the_server_and_forgets(tmp_path):
    assert note_says(NOTE, "(with `--debug`, saving a Python file does that too)")
    club = tmp_path / "club"
    shutil.copytree(CLUB, club)
    port = free_port()
    command = [sys.executable, "-m", "flask", "--app", "club:create_app()", "run", "--debug"]
    process = subprocess.Popen(
        [*command, "--port", str(port)],
        cwd=club,
        env={k: v for k, v in os.environ.items() if not k.startswith("FLASK_")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # the reloader's child goes with it
    )
    try:
        wait_for(port, process)
        assert post_form(port, "/events/1/join", "name=Ada") == 303
        assert "Coming: Ada" in get_page(port, "/events/1")
        time.sleep(1.5)  # a later modification time than the one the reloader saw
        (club / "club" / "config.py").write_text((club / "club" / "config.py").read_text())
        deadline = time.monotonic() + 20
        while "Coming: Ada" in get_page(port, "/events/1"):
            assert time.monotonic() < deadline, "the server did not restart"
            time.sleep(0.3)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    assert "Detected change in" in process.stderr.read().decode()


def post_form(port: int, path: str, body: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})
    status = connection.getresponse().status
    connection.close()
    return status


def get_page(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    body = connection.getresponse().read().decode()
    connection.close()
    return body


def test_no_such_event_is_404_and_an_empty_name_is_400(project_settings):
    """'A view answers 404 when there is no such event; join answers 400 for an empty name.'"""
    assert note_says(
        NOTE,
        "A view answers `404` when there is no such event, and `join` answers "
        "`400 Bad Request` when the name is empty",
    )
    missing, empty, missing_join = run_requests(
        project_settings,
        "club",
        (
            request("GET", "/events/9"),
            request("POST", "/events/1/join", "name="),
            request("POST", "/events/9/join", "name=Ada"),
        ),
    )
    assert [e.response.status_code for e in (missing, empty, missing_join)] == [404, 400, 404]
    assert b"Please give your name." in empty.response.body


def test_a_restart_forgets_who_signed_up(project_settings):
    """'Stop the server and start it again: the names that signed up are gone.'"""
    assert note_says(NOTE, "the names that signed up are gone.")
    run_requests(project_settings, "club", (request("POST", "/events/1/join", "name=Ada"),))
    (after_restart,) = run_requests(project_settings, "club", (request("GET", "/events/1"),))
    assert b"Coming: nobody yet" in after_restart.response.body


def test_without_python_dotenv_flask_prints_a_tip_about_the_flaskenv():
    """'Without it, the flask command prints a tip saying so, and you give --app as above.'"""
    assert note_says(NOTE, "without it, `flask` prints a tip saying so")
    assert importlib.util.find_spec("dotenv") is None, "this sentence is about Flask without it"
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "club:create_app()", "routes"],
        cwd=CLUB,
        env={**os.environ, "FLASK_DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Tip: There are .env files present. Install python-dotenv to use them." in (
        done.stdout + done.stderr
    )
    assert "events.show" in done.stdout


@pytest.mark.parametrize("example", ["club", "club-one-file"])
def test_both_versions_show_the_same_event_page_apart_from_the_links(project_settings, example):
    (page,) = run_requests(project_settings, example, (request("GET", "/events/2"),))
    assert b"<h1>Blitz tournament, 2026-12-12</h1>" in page.response.body
