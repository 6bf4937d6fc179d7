"""What the sessions note says without an exchange to show it.

Each test pins one sentence of ``content/12-sessions.md`` to the pinned
Flask and Werkzeug, or to what Chromium really does with the example's
cookie: the rules of ``SameSite=Lax`` and the ``Origin`` header. Each also
checks that the note still says it in those words.
"""

from __future__ import annotations

import hashlib

import pytest
from flask import Flask, session

from tests.site_checks import serving
from tests.test_facts import note_says
from tests.test_real_server import development_server

NOTE = "12-sessions.md"


def log_in(client, name: str, password: str):
    return client.post("/login", data={"name": name, "password": password})


def test_sessions_wrong_password_gets_the_form_again_and_no_cookie(fresh_app):
    """12-sessions.md: a wrong password gets the login form again, with a message, no cookie."""
    assert note_says(
        NOTE, 'A wrong password gets the form again, with "Wrong name or password." and no cookie.'
    )
    response = log_in(fresh_app("sessions", debug=True).test_client(), "grace", "guess")
    assert response.status_code == 200
    assert "Wrong name or password." in response.get_data(as_text=True)
    assert "Set-Cookie" not in response.headers


def test_sessions_a_changed_cookie_is_ignored(fresh_app):
    """12-sessions.md: change one letter of the data and the view sees an empty session."""
    assert note_says(
        NOTE, "change one letter, and the signature no longer matches, so Flask ignores the cookie."
    )
    client = fresh_app("sessions", debug=True).test_client()
    client.get("/visits")
    cookie = client.get_cookie("session").value
    assert cookie.startswith("eyJ2aXNpdHMiOjF9.")  # {"visits":1}
    client.set_cookie("session", cookie.replace("eyJ2aXNpdHMiOjF9", "eyJ2aXNpdHMiOjl9", 1))
    assert client.get("/visits").get_data(as_text=True) == "Visits so far: 1."


def test_sessions_flask_sets_no_samesite_unless_configured():
    """12-sessions.md: Flask sets no SameSite unless SESSION_COOKIE_SAMESITE says so."""
    assert note_says(NOTE, "Flask sets no `SameSite` unless `SESSION_COOKIE_SAMESITE` says so")
    app = Flask(__name__)
    app.secret_key = "test"
    app.get("/")(lambda: session.update(seen=True) or "ok")
    cookie = app.test_client().get("/").headers["Set-Cookie"]
    assert "SameSite" not in cookie and "HttpOnly" in cookie


def test_sessions_logging_in_needs_hashlib_scrypt(fresh_app, monkeypatch):
    """12-sessions.md: without hashlib.scrypt (as in Pyodide) a login fails with AttributeError."""
    assert note_says(NOTE, "fails with an `AttributeError`")
    client = fresh_app("sessions", debug=True).test_client()
    monkeypatch.delattr(hashlib, "scrypt")
    with pytest.raises(AttributeError, match="scrypt"):
        log_in(client, "grace", "cobol-1959")
    assert log_in(client, "nobody", "x").status_code == 200, "no hash for an unknown name"


ATTACKER_PAGE = """<!doctype html>
<title>Another site</title>
<a id="link" href="{app}/peek">Look</a>
<form id="form" method="post" action="{app}/logout"><button>Win a prize</button></form>
"""


def test_sessions_cookie_rules_in_a_real_browser(browser, project_settings, tmp_path):
    """12-sessions.md, as Chromium does it.

    The login form's POST carries Origin; the HttpOnly cookie is hidden from
    the page's JavaScript; from a page of another site, a link (a top-level
    GET) carries the Lax cookie, a form's POST does not, and the app refuses
    that POST for its Origin.
    """
    assert note_says(
        NOTE,
        "`SameSite=Lax`: also with a top-level `GET` from another site, such as following a "
        "link. Not with another site's `POST` form",
    )
    with development_server("sessions", project_settings.epoch) as (port, _):
        app_origin = f"http://127.0.0.1:{port}"
        (tmp_path / "attack.html").write_text(ATTACKER_PAGE.format(app=app_origin))
        with serving(tmp_path) as other_site:
            # localhost and 127.0.0.1 are two different sites to a browser.
            attacker = f"http://localhost:{other_site.server_port}/attack.html"
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{app_origin}/login")
            page.fill("input[name=name]", "grace")
            page.fill("input[name=password]", "cobol-1959")
            with page.expect_response(f"{app_origin}/login") as login:
                page.click("button")
            page.wait_for_url(f"{app_origin}/account")
            assert login.value.request.all_headers()["origin"] == app_origin
            assert page.evaluate("document.cookie") == ""

            page.goto(attacker)
            with page.expect_response(f"{app_origin}/peek") as link:
                page.click("#link")
            assert "session=" in link.value.request.all_headers()["cookie"]
            assert '"user": "grace"' in link.value.text()

            page.goto(attacker)
            with page.expect_response(f"{app_origin}/logout") as forged:
                page.click("#form button")
            headers = forged.value.request.all_headers()
            assert headers["origin"] == f"http://localhost:{other_site.server_port}"
            assert "cookie" not in headers
            assert forged.value.status == 403
            context.close()
