"""Each exchange block has an anchor made of what it is, unique on its page."""

from __future__ import annotations

from example_core.parse import find_blocks
from site_build.blocks.anchors import exchange_anchors


def anchors_of(*fences: str) -> list[str]:
    lines: list[str] = []
    for fence in fences:
        lines += ["Some prose.", "", *fence.split("\n"), ""]
    return list(exchange_anchors(find_blocks(lines, "content/note.md")).values())


def exchange(example: str, request: str) -> str:
    return f"```exchange example={example}\n{request}\n```"


def test_an_anchor_names_the_example_and_the_first_request_line():
    first = exchange("caching", "GET /page?v=1\n###\nGET /other")
    assert anchors_of(first, exchange("hello-flask", "GET /")) == [
        "ex-caching-get-page-v-1",
        "ex-hello-flask-get-root",
    ]


def test_blocks_alike_are_numbered_in_reading_order():
    same = exchange("caching", "GET /page")
    assert anchors_of(same, same, same) == [
        "ex-caching-get-page",
        "ex-caching-get-page-2",
        "ex-caching-get-page-3",
    ]


def test_adding_an_unrelated_block_renames_no_other():
    first, second = exchange("caching", "GET /page"), exchange("routing", "POST /user/42")
    include = "```include example=caching file=app.py\n```"
    before = anchors_of(first, second)
    after = anchors_of(exchange("sessions", "GET /login"), first, include, second)
    assert after[1:] == before
