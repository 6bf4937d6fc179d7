"""What an example answers is held to limits, and to what HTTP/1.1 can carry.

Each case builds a throwaway site (see ``test_build_errors``) whose one
note asks the example for something over a limit or unsendable: the build
stops within 15 seconds, names the note, line, example and request (and
the setting to raise), and publishes nothing.
"""

from __future__ import annotations

import time

import pytest

from site_build.build import build_site
from site_build.weight import PAGE_BUDGET, RESPONSE_HEAD, overweight_pages, page_weight
from tests.support.broken_builds import GOOD_APP, build_and_fail, make_site
from tests.support.notes import ROOT

APP = (
    GOOD_APP
    + """

@app.get("/png")
def png():
    return b"\\x89PNG" * 20_000, {"Content-Type": "image/png"}


@app.get("/fat-header")
def fat_header():
    return "ok", {"Content-Language": "x" * 10_000}


@app.get("/snowman")
def snowman():
    return "ok", {"X-Weather": "snow \\u2603"}


@app.get("/split")
def split():
    return "ok", {"X-Split": "a\\r\\nSet-Cookie: evil=1"}


@app.get("/abc")
def abc():
    return "ok", "abc"


@app.get("/fork")
def fork():
    import os

    pid = os.fork()
    if pid == 0:
        return "from the copy"
    os.waitpid(pid, 0)
    return "from the child"


@app.get("/chatty")
def chatty():
    import sys

    for _ in range(2_000):
        print("y" * 10_000)
    print("the last line")
    sys.stderr.write("and a warning\\n")
    raise RuntimeError("after talking")
"""
)

CASES = {
    "binary body over its limit": (
        "```exchange example=shop\nGET /png\n```",
        4,
        "example 'shop': GET /png: the response body is 80,000 bytes of binary data, over "
        "the 65,536 the live panel's file may carry (EXCHANGE_MAX_BINARY_BODY)",
    ),
    "response headers over their limit": (
        "```exchange example=shop\nGET /fat-header\n```",
        4,
        "example 'shop': GET /fat-header: the response's headers are ",
    ),
    "request headers over their limit": (
        "```exchange example=shop\nGET /\nX-Padding: " + "x" * 9_000 + "\n```",
        4,
        "example 'shop': GET /: the request's headers are ",
    ),
    "header value outside Latin-1": (
        "```exchange example=shop\nGET /snowman\n```",
        4,
        "example 'shop': GET /snowman: the response header X-Weather: 'snow \u2603' is not "
        "Latin-1, which HTTP/1.1 cannot carry: Werkzeug's development server (flask run) "
        "logs UnicodeEncodeError and sends no answer at all",
    ),
    "line break in a header value": (
        "```exchange example=shop\nGET /split\n```",
        4,
        # Werkzeug refuses it in the app already, as it would under flask run (a 500).
        "example 'shop': GET /split: the view raised an exception:",
    ),
    "status that is not three digits": (
        "```exchange example=shop\nGET /abc\n```",
        4,
        "example 'shop': GET /abc: the status line '0 abc' is invalid: a status is three digits",
    ),
    "a view that forks": (
        "```exchange example=shop\nGET /fork\n###\nGET /\n```",
        4,
        "example 'shop': GET /fork: the view forked a process (os.fork)",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_over_a_limit_or_unsendable_stops_the_build(case, tmp_path, caplog):
    block, line, words = CASES[case]
    started = time.monotonic()
    message = build_and_fail(tmp_path, caplog, make_site(tmp_path, block, APP))
    assert time.monotonic() - started < 15
    assert message.startswith(f"content/note.md:{line}: ")
    assert words in message
    if "/split" in words:
        assert message.endswith("ValueError: Header values must not contain newline characters.")
    if "headers are" in words:
        assert "over the 8,192 a message may carry (EXCHANGE_MAX_HEADERS)" in message


def test_the_header_limit_is_a_setting(tmp_path):
    block = "```exchange example=shop\nGET /fat-header\n```"
    site = {**make_site(tmp_path, block, APP), "EXCHANGE_MAX_HEADERS": 20_000}
    assert build_site(ROOT / "pelicanconf.py", tmp_path / "output", site) == 0


def test_an_examples_output_ends_its_message_as_a_short_tail(tmp_path, caplog):
    block = "```exchange example=shop\nGET /chatty\n```"
    started = time.monotonic()
    message = build_and_fail(tmp_path, caplog, make_site(tmp_path, block, APP))
    assert time.monotonic() - started < 15
    assert message.startswith("content/note.md:4: example 'shop': GET /chatty: the view raised")
    assert "RuntimeError: after talking" in message
    output = message.split("the example's output (its last 4,096 bytes at most):\n", 1)[1]
    assert output.endswith("the last line\nand a warning")
    assert len(message) < 8_000, "20 MB of output never reach the message"


def test_a_page_over_its_budget_stops_the_build(tmp_path, caplog):
    block = "```include example=shop\n```\n\n" + "A long sentence to read. " * 2_000
    message = build_and_fail(tmp_path, caplog, make_site(tmp_path, block, APP))
    assert message.startswith("a-note/index.html: the page weighs ")
    budget = f"over its budget of {PAGE_BUDGET:,} (PAGE_BUDGET in plugins/site_build/weight.py)"
    assert budget in message


def test_a_page_published_under_a_path_counts_the_files_it_loads(tmp_path):
    # On a project's GitHub Pages the pages link /notes/theme/..., which output/ holds as theme/.
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme" / "style.css").write_text("p { margin: 0 }\n" * 100)
    page = tmp_path / "a-note" / "index.html"
    page.parent.mkdir()
    page.write_text('<link rel="stylesheet" href="/notes/theme/style.css"><p>Hi</p>')
    stylesheet = (tmp_path / "theme" / "style.css").stat().st_size
    page_alone = page.stat().st_size + RESPONSE_HEAD
    assert page_weight(tmp_path, page, "/notes") == page_alone + stylesheet + RESPONSE_HEAD
    assert page_weight(tmp_path, page) == page_alone, "without the root, not found"


def test_under_a_path_the_budget_grows_by_the_bytes_the_path_adds_to_links(tmp_path):
    page = tmp_path / "a-note" / "index.html"
    page.parent.mkdir()
    links = "".join(f'<a href="/notes/n{n}/">{n}</a>' for n in range(30))  # 6 bytes each
    filler = "x" * (PAGE_BUDGET - RESPONSE_HEAD - len(links) + 100)
    page.write_text(filler + links)
    assert page_weight(tmp_path, page, "/notes") == PAGE_BUDGET + 100
    assert overweight_pages(tmp_path, "/notes") == [], "within 180 bytes over: the path's"
    assert len(overweight_pages(tmp_path)) == 1, "at the root, over"
    page.write_text(filler + "y" * 100 + links)
    (message,) = overweight_pages(tmp_path, "/notes")
    assert f"over its budget of {PAGE_BUDGET:,}, plus 180 for the path /notes its links" in message
