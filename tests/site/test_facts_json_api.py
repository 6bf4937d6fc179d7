"""What the JSON APIs note says without an exchange to show it.

Each test pins one sentence of ``content/11-json-api.md`` to the pinned
Flask and Werkzeug, or to what Chromium really does with the note's page,
and checks that the note still says it in those words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.facts import note_says
from tests.support.live import block_with, log_rows, open_browser, shown
from tests.support.servers import development_server, flask_run
from tests.support.site_checks import serving

NOTE = "11-json-api.md"


@pytest.mark.parametrize("debug", [True, False])
def test_json_api_broken_json_says_where_only_in_debug_mode(fresh_app, debug):
    """11-json-api.md: the message saying where the JSON broke is there only in debug mode."""
    assert note_says(
        NOTE,
        "Only debug mode says where it broke; otherwise Flask sends its general message for a "
        "`400`.",
    )
    client = fresh_app("json-api", debug=debug).test_client()
    response = client.post(
        "/api/books", data='{"title": "Mort"', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    message = response.get_json()["message"]
    if debug:
        assert message.startswith("Failed to decode JSON object:")
    else:
        assert message == (
            "The browser (or proxy) sent a request that this server could not understand."
        )


def test_json_api_sends_json_without_spaces_outside_debug_mode(fresh_app):
    """11-json-api.md: without debug mode, the same JSON with no spaces between its parts."""
    assert note_says(NOTE, "without it, Flask puts no space or line break between the parts.")
    client = fresh_app("json-api", debug=False).test_client()
    assert client.get("/api/books/2").get_data(as_text=True) == (
        '{"author":"Ursula K. Le Guin","id":2,"title":"The Dispossessed"}\n'
    )


def test_json_api_get_json_accepts_a_type_ending_in_plus_json(fresh_app):
    """11-json-api.md: get_json() reads application/json or a type ending in +json."""
    assert note_says(NOTE, "an `application/` type ending in `+json`")
    client = fresh_app("json-api", debug=True).test_client()
    book = {"title": "Mort", "author": "Terry Pratchett"}
    response = client.post(
        "/api/books", data=json.dumps(book), headers={"Content-Type": "application/ld+json"}
    )
    assert response.status_code == 201


def test_json_api_page_lists_and_adds_books_with_fetch(browser, project_settings):
    """11-json-api.md: the page's script fills the list and sends the form as JSON."""
    assert note_says(
        NOTE,
        "then a `POST` and a new `GET` for each book. The script reads an error's JSON only if "
        "it is labelled JSON",
    )
    with development_server("json-api", project_settings.epoch) as (port, _):
        page = browser.new_page()
        sent = []
        page.on("request", lambda request: sent.append((request.method, request.url)))
        page.goto(f"http://127.0.0.1:{port}/")
        page.wait_for_selector("#books li")
        assert page.locator("#books li").all_text_contents() == [
            "Kindred, by Octavia E. Butler",
            "The Dispossessed, by Ursula K. Le Guin",
        ]
        page.fill("input[name=title]", "<b>Mort</b>")
        page.fill("input[name=author]", "Terry Pratchett")
        page.click("button")
        page.wait_for_selector("#books li:nth-child(3)")
        assert page.locator("#message").text_content() == "Added, at /api/books/3."
        assert page.locator("#books li").nth(2).text_content() == "<b>Mort</b>, by Terry Pratchett"
        page.fill("input[name=title]", "")
        page.click("button")
        page.wait_for_function("document.querySelector('#message').textContent.startsWith('400')")
        # An answer not labelled JSON, such as a proxy's error page, is not read as JSON.
        page.route("**/api/books", lambda route: route.fulfill(status=502, body="<h1>Bad</h1>"))
        page.fill("input[name=title]", "Mort")
        page.click("button")
        page.wait_for_function("document.querySelector('#message').textContent.startsWith('502')")
        assert page.locator("#message").text_content() == "502: the server did not say why."
        page.close()
    api = f"http://127.0.0.1:{port}/api/books"
    # The Network tab: the list as the page opens, then a POST and a GET for each book added.
    assert sent[sent.index(("GET", api)) :][:3] == [("GET", api), ("POST", api), ("GET", api)]


def test_json_api_fetch_with_a_string_body_and_no_type_gets_415(browser, project_settings):
    """11-json-api.md: fetch() labels a string body text/plain;charset=UTF-8: a 415."""
    assert note_says(
        NOTE,
        "`fetch()` causes it when given a string body and no `Content-Type`: it sends "
        "`text/plain;charset=UTF-8`.",
    )
    with development_server("json-api", project_settings.epoch) as (port, _):
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/")
        with page.expect_request("**/api/books") as caught:
            status = page.evaluate(
                """fetch("/api/books", {method: "POST", body: '{"title": "Mort"}'})
                     .then((response) => response.status)"""
            )
        page.close()
    assert caught.value.headers["content-type"] == "text/plain;charset=UTF-8"
    assert status == 415


def test_json_api_a_405_as_json_keeps_its_allow_header(fresh_app):
    """11-json-api.md: the handler keeps Flask's headers, such as Allow on a 405."""
    assert note_says(
        NOTE, "a `405 Method Not Allowed` must still list the methods that work, in `Allow`."
    )
    response = fresh_app("json-api", debug=True).test_client().put("/api/books")
    assert response.status_code == 405
    assert response.content_type == "application/json"
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS", "POST"}


def test_json_api_a_preflight_from_another_origin_gets_no_permission(fresh_app):
    """11-json-api.md: a preflight from any other origin gets no Access-Control-Allow-Origin."""
    assert note_says(
        NOTE, "A preflight from any other origin gets no `Access-Control-Allow-Origin`"
    )
    preflight = {"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "DELETE"}
    response = (
        fresh_app("json-api", debug=True).test_client().options("/api/books/1", headers=preflight)
    )
    assert response.status_code == 200
    assert not [name for name, _ in response.headers.items() if name.startswith("Access-Control")]
    assert response.headers["Vary"] == "Origin"


def test_json_api_the_real_post_after_a_preflight_may_be_read(fresh_app):
    """11-json-api.md: the real POST from the allowed origin carries Access-Control-Allow-Origin."""
    assert note_says(NOTE, "The real `POST` that follows gets `Access-Control-Allow-Origin` too")
    response = (
        fresh_app("json-api", debug=True)
        .test_client()
        .post(
            "/api/books",
            json={"title": "Guards! Guards!", "author": "Terry Pratchett"},
            headers={"Origin": "https://reader.example"},
        )
    )
    assert response.status_code == 201
    assert response.headers["Access-Control-Allow-Origin"] == "https://reader.example"
    assert "Access-Control-Allow-Methods" not in response.headers, "only a preflight needs it"


def test_json_api_a_crash_is_a_json_500_only_without_debug_mode(fresh_app):
    """11-json-api.md: a view that crashes gets a 500 from the handler, only without debug mode."""
    assert note_says(
        NOTE, "A view that crashes gets a `500` from it too, but only without debug mode"
    )
    for debug in (False, True):
        app = fresh_app("json-api", debug=debug)
        app.add_url_rule("/api/boom", "boom", lambda: 1 / 0)
        client = app.test_client()
        if debug:
            with pytest.raises(ZeroDivisionError):
                client.get("/api/boom")
        else:
            response = client.get("/api/boom")
            assert response.status_code == 500
            assert response.get_json()["error"] == "Internal Server Error"


def test_json_api_any_json_value_passes_get_json_and_the_view_says_what_is_wrong(fresh_app):
    """11-json-api.md: any JSON value passes, even null; the view answers 400 with why."""
    assert note_says(NOTE, "any JSON value passes, even `null`.")
    client = fresh_app("json-api", debug=True).test_client()
    response = client.post("/api/books", data="null", content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["message"].startswith("Send a JSON object")


def test_json_api_only_application_types_ending_in_plus_json_count_as_json(fresh_app):
    """11-json-api.md: an application/ type ending in +json is JSON; text/...+json is not."""
    assert note_says(NOTE, "an `application/` type ending in `+json`")
    client = fresh_app("json-api", debug=True).test_client()
    book = json.dumps({"title": "Mort", "author": "Terry Pratchett"})
    assert client.post("/api/books", data=book, content_type="text/x+json").status_code == 415
    assert (
        client.post("/api/books", data=book, content_type="application/x+json").status_code == 201
    )


def test_json_api_a_simple_request_from_another_site_reaches_the_view(fresh_app):
    """11-json-api.md: a form's POST from any site reaches the view; get_json() answers 415."""
    assert note_says(
        NOTE,
        "A simple request from any site reaches the view; this API is safe from it only because "
        "`get_json()` answers `415` to what a form can send.",
    )
    client = fresh_app("json-api", debug=True).test_client()
    form = {"title": "Mort", "author": "Terry Pratchett"}
    response = client.post("/api/books", data=form, headers={"Origin": "https://elsewhere.example"})
    assert response.status_code == 415
    assert "Access-Control-Allow-Origin" not in response.headers
    assert client.delete("/api/books/2").status_code == 204, "no origin, no check: it is deleted"


CALLER = """<!doctype html><title>Another site</title>
<script>
async function call(method, body) {
  const options = {method};
  if (body) Object.assign(options, {body, headers: {"Content-Type": "application/json"}});
  try {
    const response = await fetch("API/api/books" + (method === "DELETE" ? "/1" : ""), options);
    return `${response.status} ${await response.text()}`;
  } catch (error) {
    return error.name;
  }
}
</script>
"""


@contextmanager
def caller_page(tmp_path: Path, api_port: int) -> Iterator[str]:
    """A page on another origin (localhost, not 127.0.0.1) that calls the API; yield its URL."""
    (tmp_path / "caller.html").write_text(CALLER.replace("API", f"http://127.0.0.1:{api_port}"))
    with serving(tmp_path) as other_site:
        yield f"http://localhost:{other_site.server_port}/caller.html"


def server_log(process) -> str:
    """Everything the server logged, without the colours it gives some lines."""
    process.terminate()
    process.wait(timeout=10)
    return re.sub(r"\x1b\[[0-9;]*m", "", process.stderr.read().decode())


def test_json_api_cors_in_a_real_browser(browser, project_settings, tmp_path):
    """11-json-api.md, as Chromium does it.

    From an origin the hook does not allow, a DELETE is preflighted, refused,
    never sent, and fetch() fails. From an allowed one, a POST of JSON is
    preflighted, then sent, and the page may read the 201.
    """
    assert note_says(
        NOTE, "the browser never sends the real request, and the page's `fetch()` fails."
    )
    with development_server("json-api", project_settings.epoch) as (port, process):
        with caller_page(tmp_path, port) as url:
            page = browser.new_page()
            page.goto(url)
            assert page.evaluate("call('DELETE')") == "TypeError"
            page.close()
        log = server_log(process)
    assert '"OPTIONS /api/books/1 HTTP/1.1" 200' in log
    assert "DELETE" not in log

    allowed = tmp_path / "allowed"
    allowed.mkdir()
    with serving(allowed) as reader_site:
        origin = f"http://localhost:{reader_site.server_port}"
        factory = f"tests.support.json_api_for_origin:create_app({origin!r})"
        with flask_run(factory, project_settings.epoch, debug=True) as (port, process):
            (allowed / "caller.html").write_text(CALLER.replace("API", f"http://127.0.0.1:{port}"))
            page = browser.new_page()
            page.goto(f"{origin}/caller.html")
            answer = page.evaluate("""call("POST", '{"title": "Mort", "author": "T. P."}')""")
            page.close()
            log = server_log(process)
    assert answer.startswith("201 ")
    preflight = log.index('"OPTIONS /api/books HTTP/1.1" 200')
    assert preflight < log.index('"POST /api/books HTTP/1.1" 201')


def test_json_api_page_works_in_the_panels_browser(visit):
    """11-json-api.md: the page's script, run in the panel's small browser, calls the API.

    Its fetch() calls go to the example running in Python; the form's submit,
    which the script cancels, leads to no page of its own.
    """
    assert note_says(NOTE, "The script fills the list with `fetch()`, and sends the form as JSON")
    page = visit("/json-api/")
    panel = open_browser(page, block_with(page, "json-api", "GET / HTTP/1.1"))
    frame = panel.frame_locator("iframe.live-page")
    frame.locator("#books li").nth(1).wait_for()
    assert log_rows(panel) == ["GET / 200", "GET /static/books.js 200", "GET /api/books 200"]
    frame.get_by_label("Title").fill("Mort")
    frame.get_by_label("Author").fill("Terry Pratchett")
    frame.get_by_role("button", name="Add").click()
    frame.locator("#books li").nth(2).wait_for()
    assert frame.locator("#message").inner_text() == "Added, at /api/books/3."
    assert shown(panel)[0] == "/"
    assert log_rows(panel)[3:] == ["POST /api/books 201", "GET /api/books 200"]
