"""The network log taken further: to its lines on the Server tab and back, as curl, and as HAR.

Logging out in the sessions example's panel browser is a POST that carries
the session cookie. Its "Copy as curl" command, run by bash with the real
curl against ``flask run``, gets the answer the log shows; the saved HAR
holds every exchange, with the fields HAR 1.2 requires.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from playwright.sync_api import expect

from tests.support.har import har_problems
from tests.support.live import STEP_TIMEOUT, act, block_with, log_rows, open_browser
from tests.support.servers import development_server

FOCUSED_ID = "document.activeElement.id || document.activeElement.closest('[id]').id"


def sign_up(page, panel, name: str) -> None:
    frame = panel.frame_locator("iframe.live-page")
    frame.get_by_label("Name").fill(name)
    act(page, panel, lambda: frame.get_by_role("button", name="Sign up").click())


def test_a_log_row_and_its_console_line_lead_to_each_other_by_keyboard(visit):
    page = visit("/methods/")
    panel = open_browser(page, block_with(page, "methods", "POST /signup"))
    row = panel.locator(".live-network tbody tr").first
    to_line = row.get_by_role("link", name="Server line of GET /signup")
    to_line.focus()
    page.keyboard.press("Enter")
    line = panel.get_by_role("log", name="What the server printed").locator("a.live-jump").first
    assert line.is_visible()
    assert panel.get_by_role("tab", name="Server").get_attribute("aria-selected") == "true"
    assert page.evaluate("document.activeElement.id") == line.get_attribute("id")
    assert line.inner_text().endswith('"GET /signup HTTP/1.1" 200 -')
    page.keyboard.press("Enter")
    assert row.is_visible()
    assert page.evaluate(FOCUSED_ID) == row.get_attribute("id")
    assert page.evaluate("document.activeElement.textContent") == "GET"


def copied(page, panel, row) -> tuple[str, str]:
    """Open ``row``'s messages, press Copy as curl; the command copied, and the logged answer."""
    row.get_by_role("button").first.click()
    detail = row.locator("xpath=following-sibling::tr[1]")
    detail.get_by_role("button", name="Copy as curl").click()
    expect(detail.get_by_role("status")).to_have_text(re.compile("^Copied: a curl command"))
    command = page.evaluate("navigator.clipboard.readText()")
    assert command == detail.get_by_label("The request as a curl command").inner_text()
    return command, detail.inner_text().split("Response", 1)[1]


def curl(command: str, port: int) -> tuple[list[str], str]:
    """Run a copied command with bash and the real curl against ``port``: its head and body."""
    replay = command.replace("127.0.0.1:5000", f"127.0.0.1:{port}") + " --silent --include"
    answer = subprocess.run(["bash", "-c", replay], capture_output=True, check=True).stdout
    head, _, body = answer.decode().replace("\r\n", "\n").partition("\n\n")
    return head.split("\n"), body


def test_copy_as_curl_replays_a_post_with_its_cookie_against_flask_run(visit, project_settings):
    page = visit("/sessions/")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    panel = open_browser(page, block_with(page, "sessions", "POST /login"))
    frame = panel.frame_locator("iframe.live-page")
    frame.get_by_label("Name").fill("grace")
    frame.get_by_label("Password").fill("cobol-1959")
    act(page, panel, lambda: frame.get_by_role("button", name="Log in").click())
    act(page, panel, lambda: frame.get_by_role("button", name="Log out").click())
    rows = panel.locator(".live-network tbody tr:not(.live-network-detail)")
    account, account_answer = copied(page, panel, rows.filter(has_text="/account").last)
    logout, logout_answer = copied(page, panel, rows.filter(has_text="/logout").last)
    assert "-H 'Cookie: session=" in logout and "-H 'Cookie: session=" in account
    assert logout.startswith("curl 'http://127.0.0.1:5000/logout' -X 'POST' -H ")

    with development_server("sessions", project_settings.epoch) as (port, _):
        logout_head, _ = curl(logout, port)
        account_head, account_body = curl(account, port)
    assert logout_head[0] == "HTTP/1.1 303 SEE OTHER"
    assert "HTTP/1.1 303 SEE OTHER" in logout_answer
    assert "Location: /login" in logout_head and "Location: /login" in logout_answer
    # The cookie went as the panel's browser sent it: flask run knows grace by it too.
    assert account_head[0] == "HTTP/1.1 200 OK" and "HTTP/1.1 200 OK" in account_answer
    assert "Hello, grace" in account_body and "Hello, grace" in account_answer


def test_the_log_saved_as_har_holds_every_exchange_as_har_1_2_requires(visit):
    page = visit("/methods/")
    panel = open_browser(page, block_with(page, "methods", "POST /signup"))
    sign_up(page, panel, "Ada")
    with page.expect_download() as download:
        panel.get_by_role("button", name="Save as HAR").click()
    assert download.value.suggested_filename == "network-log.har"
    har = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert har_problems(har) == []
    broken = json.loads(json.dumps(har))
    del broken["log"]["entries"][0]["response"]["status"]
    headers = broken["log"]["entries"][1]["request"]["headers"]
    headers.append({"name": "X"})
    assert har_problems(broken) == [
        "log.entries[0].response.status is missing or not int",
        f"log.entries[1].request.headers[{len(headers) - 1}] has no string value",
    ]
    entries = har["log"]["entries"]
    rows = log_rows(panel)
    assert [f"{e['request']['method']} {e['request']['url']}" for e in entries] == [
        f"{row.split()[0]} http://localhost{row.split()[1]}" for row in rows
    ]
    posted = next(e for e in entries if e["request"]["method"] == "POST")
    assert posted["request"]["postData"]["text"] == "name=Ada"
    assert posted["response"]["status"] == 303
    assert posted["response"]["redirectURL"] == "/welcome"


def test_a_logged_request_edited_and_sent_again_joins_the_log(visit):
    page = visit("/sessions/")
    panel = open_browser(page, block_with(page, "sessions", "POST /login"))
    frame = panel.frame_locator("iframe.live-page")
    frame.get_by_label("Name").fill("grace")
    frame.get_by_label("Password").fill("cobol-1959")
    act(page, panel, lambda: frame.get_by_role("button", name="Log in").click())
    rows = panel.locator(".live-network tbody tr:not(.live-network-detail)")
    before = rows.count()

    # A header added and the path changed: the cookie goes along from the jar.
    rows.filter(has_text="/account").last.get_by_role("button").first.click()
    form = panel.get_by_role("form", name="Edit and resend")
    panel.get_by_role("button", name="Edit and resend").click()
    expect(form.get_by_label("Method")).to_be_focused()
    assert form.get_by_label("Method").input_value() == "GET"
    form.get_by_label("Path").fill("/api/me")
    headers = form.get_by_label("Headers (one per line)")
    headers.fill(headers.input_value() + "\nAccept: application/json")
    form.get_by_role("button", name="Resend").click()
    expect(form.get_by_role("status")).to_have_text(
        re.compile("^Sent again: 200 OK"), timeout=STEP_TIMEOUT
    )
    assert log_rows(panel)[before:] == ["GET /api/me 200"]
    rows.last.get_by_role("button").first.click()
    messages = panel.locator(".live-network-detail").last.inner_text()
    assert "Accept: application/json" in messages and "Cookie: session=" in messages
    assert '"user": "grace"' in messages or '"user":"grace"' in messages

    # The body changed: the wrong password gets the form again, with its message.
    posted = rows.filter(has_text="POST").first
    posted.get_by_role("button").first.click()
    detail = posted.locator("xpath=following-sibling::tr[1]")
    detail.get_by_role("button", name="Edit and resend").click()
    form = detail.get_by_role("form", name="Edit and resend")
    form.get_by_label("Body").fill("name=grace&password=cobol-1958")
    form.get_by_role("button", name="Resend").click()
    expect(form.get_by_role("status")).to_have_text(
        re.compile("^Sent again: 200 OK"), timeout=STEP_TIMEOUT
    )
    assert log_rows(panel)[-1] == "POST /login 200"
