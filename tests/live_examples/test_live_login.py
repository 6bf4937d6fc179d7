"""Logging in works in the reader's browser, as in the build (12-sessions.md).

Pyodide's Python has no ``hashlib.scrypt`` (no OpenSSL); the worker gives it
one (theme/live/kdf.js) for the examples that hash passwords. So the login
block runs with every answer the same as the build's, Basic auth works, and
a reader logs in and out in the panel's Browser tab.
"""

from __future__ import annotations

from tests.support.live import act, block_with, log_rows, open_browser, open_panel, shown, verdicts


def test_the_login_block_runs_with_every_answer_as_built(visit):
    page = visit("/sessions/")
    panel = open_panel(page, block_with(page, "sessions", "POST /login"))
    assert verdicts(panel) == [["same", ""]] * 3


def test_basic_auth_on_the_api_answers_as_built(visit):
    page = visit("/sessions/")
    panel = open_panel(page, block_with(page, "sessions", "Authorization: Basic"))
    assert verdicts(panel) == [["same", ""]] * 2


def test_a_reader_logs_in_and_out_in_the_browser_tab(visit):
    page = visit("/sessions/")
    panel = open_browser(page, block_with(page, "sessions", "POST /login"))
    assert shown(panel)[0] == "/login"
    frame = panel.frame_locator("iframe.live-page")
    frame.get_by_label("Name").fill("grace")
    frame.get_by_label("Password").fill("cobol-1959")
    act(page, panel, lambda: frame.get_by_role("button", name="Log in").click())
    assert shown(panel) == ("/account", "Hello, grace\n\nAdmins' page\n\nLog out")
    act(page, panel, lambda: frame.get_by_role("button", name="Log out").click())
    assert shown(panel)[0] == "/login"
    assert log_rows(panel)[-4:] == [
        "POST /login 303",
        "GET /account 200",
        "POST /logout 303",
        "GET /login 200",
    ]
    frame.get_by_label("Name").fill("grace")
    frame.get_by_label("Password").fill("cobol-1958")
    act(page, panel, lambda: frame.get_by_role("button", name="Log in").click())
    assert shown(panel)[1].startswith("Log in\n\nWrong name or password.")
