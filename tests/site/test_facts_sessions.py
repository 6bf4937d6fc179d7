"""What the sessions note says without an exchange to show it.

Each test pins one sentence of ``content/12-sessions.md`` to the pinned
Flask and Werkzeug, or to what Chromium really does with the example's
cookie: the rules of ``SameSite=Lax`` and the ``Origin`` header. Each also
checks that the note still says it in those words.
"""

from __future__ import annotations

import sys

import time_machine
from flask import Flask, session
from werkzeug.middleware.proxy_fix import ProxyFix

from tests.support.facts import note_says
from tests.support.servers import development_server
from tests.support.site_checks import serving

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


def test_sessions_an_unknown_name_costs_one_hash_like_a_known_one(fresh_app, monkeypatch):
    """examples/sessions: how long a login takes does not tell which names exist."""
    app = fresh_app("sessions", debug=True)
    module = sys.modules["app"]
    checked = []
    real_check = module.check_password_hash
    monkeypatch.setattr(
        module, "check_password_hash", lambda *args: checked.append(args) or real_check(*args)
    )
    client = app.test_client()
    assert log_in(client, "nobody", "cobol-1959").status_code == 200, "refused"
    assert log_in(client, "grace", "wrong").status_code == 200, "refused"
    assert len(checked) == 2


def test_sessions_a_copied_cookie_outlives_a_logout_but_not_31_days(fresh_app):
    """12-sessions.md: whoever holds a copy is that user; Flask refuses one signed 31 days ago."""
    assert note_says(NOTE, "whoever holds a copy *is* that user.")
    assert note_says(NOTE, "(31 days unless you change it)")
    app = fresh_app("sessions", debug=True)
    with time_machine.travel(1_800_000_000, tick=False):
        browser = app.test_client()
        browser.get("/visits")
        copy = browser.get_cookie("session").value
        assert browser.post("/logout").status_code == 303
        thief = app.test_client()
        thief.set_cookie("session", copy)
        assert thief.get("/visits").get_data(as_text=True) == "Visits so far: 2."
    for days, visits in ((30, 2), (32, 1)):
        with time_machine.travel(1_800_000_000 + days * 86_400, tick=False):
            thief = app.test_client()
            thief.set_cookie("session", copy)
            assert thief.get("/visits").get_data(as_text=True) == f"Visits so far: {visits}."


def test_sessions_a_long_session_is_compressed_and_peek_still_reads_it(fresh_app):
    """12-sessions.md: a long session is compressed first, and then starts with a dot."""
    assert note_says(NOTE, "a long session is compressed first, and then starts with a dot")
    app = fresh_app("sessions", debug=True)
    app.get("/fill")(lambda: session.update(note="a" * 200) or "filled")
    client = app.test_client()
    client.get("/fill")
    assert client.get_cookie("session").value.startswith(".")
    assert client.get("/peek").get_json()["data"] == {"note": "a" * 200}


def test_sessions_the_origin_check_behind_an_https_proxy_and_for_origin_null(fresh_app):
    """12-sessions.md: behind an HTTPS proxy the check needs ProxyFix; it refuses Origin: null."""
    assert note_says(NOTE, "behind an HTTPS proxy it needs `ProxyFix`")
    assert note_says(NOTE, "it refuses `Origin: null`")
    app = fresh_app("sessions", debug=True)
    proxied = {"Host": "shop.example", "X-Forwarded-Proto": "https"}
    same_site = {**proxied, "Origin": "https://shop.example"}
    assert app.test_client().post("/logout", headers=same_site).status_code == 403
    assert app.test_client().post("/logout", headers={"Origin": "null"}).status_code == 403
    app.wsgi_app = ProxyFix(app.wsgi_app, x_proto=1)
    assert app.test_client().post("/logout", headers=same_site).status_code == 303
