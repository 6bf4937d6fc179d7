"""The parser turns blocks in a note into plain data, or says exactly what is wrong."""

from __future__ import annotations

import pytest

from example_core.errors import BlockError
from example_core.http_file import resolve_references
from example_core.parse import ExchangeBlock, IncludeBlock, find_blocks


def blocks_of(text: str) -> list:
    return find_blocks(text.strip("\n").split("\n"), "content/note.md")


def test_a_simple_exchange_block_gives_one_request_with_its_line():
    (block,) = blocks_of(
        """
Some prose.

```exchange example=hello
GET /hello/Ada
```
"""
    )
    assert isinstance(block, ExchangeBlock)
    assert block.example == "hello"
    assert block.line == 3
    (request,) = block.requests
    assert (request.method, request.target, request.line) == ("GET", "/hello/Ada", 4)
    assert request.headers == ()
    assert request.body == b""


def test_headers_and_a_form_body_are_read_like_an_http_message():
    (block,) = blocks_of(
        """
```exchange example=forms
POST /sign HTTP/1.1
Content-Type: application/x-www-form-urlencoded
Accept:  text/html

name=Grace&note=hi

```
"""
    )
    (request,) = block.requests
    assert request.headers == (
        ("Content-Type", "application/x-www-form-urlencoded"),
        ("Accept", "text/html"),
    )
    assert request.body == b"name=Grace&note=hi"


def test_requests_are_separated_by_three_hashes_and_may_be_named():
    (block,) = blocks_of(
        """
```exchange example=cache expect=200,304
# @name first
GET /static/style.css

### then ask again, with the validator
GET /static/style.css
If-None-Match: {{first.response.headers.ETag}}
```
"""
    )
    first, second = block.requests
    assert first.name == "first"
    assert second.name is None
    assert second.headers == (("If-None-Match", "{{first.response.headers.ETag}}"),)
    assert block.expected_status(0) == 200
    assert block.expected_status(1) == 304


def test_fence_options_set_headers_lines_and_preview():
    (block,) = blocks_of(
        """
```exchange example=a headers=Content-Type,Location lines=5 preview expect=404
GET /x
```
"""
    )
    assert block.headers == ("Content-Type", "Location")
    assert block.body_lines == 5
    assert block.preview
    assert block.expected_status(0) == 404
    assert block.debug, "examples run in debug mode unless the block says debug=off"
    assert block.request_headers is None, "every header sent is shown unless the block says"


def test_request_headers_names_the_headers_added_by_the_client_to_show():
    (block,) = blocks_of("```exchange example=a request-headers=Host,Cookie\nGET /x\n```")
    assert block.request_headers == ("Host", "Cookie")
    (block,) = blocks_of("```exchange example=a request-headers=\nGET /x\n```")
    assert block.request_headers == (), "an empty list hides every header the client added"


def test_debug_off_runs_the_app_as_plain_flask_run_and_other_values_are_refused():
    (block,) = blocks_of("```exchange example=a debug=off\nGET /x\n```")
    assert not block.debug
    with pytest.raises(BlockError, match="option debug='no' must be on or off"):
        blocks_of("```exchange example=a debug=no\nGET /x\n```")


def test_blocks_inside_a_longer_fence_are_left_alone():
    blocks = blocks_of(
        """
````markdown
```exchange example=nope
GET /
```
````
"""
    )
    assert blocks == []


def test_include_block_options():
    (block,) = blocks_of(
        """
```include example=routes file=templates/base.html lines=2-4
```
"""
    )
    assert isinstance(block, IncludeBlock)
    assert (block.file, block.lines, block.function) == ("templates/base.html", (2, 4), None)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("```exchange example=a colour=red\nGET /\n```", 1, "unknown option 'colour'"),
        ("```exchange\nGET /\n```", 1, "needs an example=<name>"),
        ("```exchange example=a\n\nFETCH\n```", 3, "malformed request line 'FETCH'"),
        ("```exchange example=a\nget /\n```", 2, "malformed request line 'get /'"),
        ("```exchange example=a\nGET /\nAccept text/html\n```", 3, "malformed header line"),
        (
            "```exchange example=a\nGET /\nX-A: {{nobody.response.headers.ETag}}\n```",
            2,
            "names no earlier request",
        ),
        ("```exchange example=a\nGET /{{a.body}}\n```", 2, "unsupported reference"),
        ("```exchange example=a expect=2xx\nGET /\n```", 1, "not a whole number"),
        ("```exchange example=a expect=200,200\nGET /\n```", 1, "2 statuses for 1 requests"),
        ("```exchange example=a\n# only a comment\n```", 1, "holds no request"),
        ("```exchange example=a\nGET /\n", 1, "no closing"),
        ("```include example=a lines=9-3\n```", 1, "not a range"),
        ("```include example=a lines=1-2 function=f\n```", 1, "not both"),
        ("```include example=a\nprint('pasted')\n```", 1, "must be empty"),
    ],
)
def test_bad_blocks_name_the_note_and_line(text: str, line: int, words: str):
    with pytest.raises(BlockError) as raised:
        blocks_of(text)
    assert str(raised.value).startswith(f"content/note.md:{line}: ")
    assert words in str(raised.value)


def test_request_errors_name_the_example_and_request():
    with pytest.raises(BlockError) as raised:
        blocks_of("```exchange example=shop\nGET /cart\nNot a header\n```")
    assert str(raised.value) == (
        "content/note.md:3: example 'shop': GET /cart: "
        "malformed header line 'Not a header' (expected 'Name: value')"
    )


def test_references_are_replaced_by_the_named_response_header():
    responses = {"first": {"etag": '"abc"'}}
    assert resolve_references("{{first.response.headers.ETag}}", responses) == '"abc"'
    assert resolve_references("{{ first.response.headers.X-Missing }}", responses) == ""
