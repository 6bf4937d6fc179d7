"""Requests written in the ``.http`` format (as VS Code's REST Client reads it), parsed.

A block holds requests separated by ``###``: a request line, headers, a
blank line and a body. ``# @name login`` names a request, so that a later
one can use ``{{login.response.headers.Location}}``.
"""

from __future__ import annotations

import re

from .errors import BlockError
from .model import HttpRequest, header_value
from .rules import wire_body

REQUEST_LINE = re.compile(r"^(?P<method>[A-Z]+) +(?P<target>/\S*)(?: +HTTP/1\.1)? *$")
HEADER_LINE = re.compile(r"^(?P<name>[!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(?P<value>.*)$")
NAME_COMMENT = re.compile(r"^(?:#|//)\s*@name\s+(?P<name>\w+)\s*$")
REFERENCE = re.compile(r"\{\{(?P<inner>[^}]*)\}\}")
HEADER_REFERENCE = re.compile(r"^\s*(?P<name>\w+)\.response\.headers\.(?P<header>[\w-]+)\s*$")
SEPARATOR = "###"


def parse_requests(
    note: str, example: str, first_line: int, body: list[str]
) -> tuple[HttpRequest, ...]:
    requests: list[HttpRequest] = []
    chunk: list[tuple[int, str]] = []
    for number, text in enumerate([*body, SEPARATOR], start=first_line):
        if text.startswith(SEPARATOR):
            request = _parse_request(note, example, chunk, requests)
            if request:
                requests.append(request)
            chunk = []
        else:
            chunk.append((number, text))
    return tuple(requests)


def _parse_request(
    note: str, example: str, chunk: list[tuple[int, str]], earlier: list[HttpRequest]
) -> HttpRequest | None:
    name = None
    position = 0
    while position < len(chunk):
        text = chunk[position][1].strip()
        named = NAME_COMMENT.match(text)
        if named:
            name = named["name"]
        elif text and not text.startswith(("#", "//")):
            break
        position += 1
    if position == len(chunk):
        return None
    line, text = chunk[position]
    request_line = REQUEST_LINE.match(text.strip())
    if not request_line:
        raise BlockError(
            note,
            line,
            f"malformed request line {text.strip()!r} (expected a method and a path, "
            "like 'GET /hello')",
            example=example,
        )
    method, target = request_line["method"], request_line["target"]
    summary = f"{method} {target}"
    headers: list[tuple[str, str]] = []
    position += 1
    while position < len(chunk) and chunk[position][1].strip():
        header_number, header_text = chunk[position]
        header = HEADER_LINE.match(header_text.strip())
        if not header:
            raise BlockError(
                note,
                header_number,
                f"malformed header line {header_text.strip()!r} (expected 'Name: value')",
                example=example,
                request=summary,
            )
        headers.append((header["name"], header["value"].strip()))
        position += 1
    body_lines = [text for _, text in chunk[position + 1 :]]
    while body_lines and not body_lines[-1].strip():
        body_lines.pop()
    text = "\n".join(body_lines)
    _check_references(
        note,
        example,
        line,
        summary,
        [target, text, *(v for _, v in headers)],
        {r.name for r in earlier if r.name},
    )
    content_type = header_value(tuple(headers), "Content-Type") or ""
    return HttpRequest(method, target, tuple(headers), wire_body(text, content_type), name, line)


def _check_references(
    note: str, example: str, line: int, summary: str, texts: list[str], known: set[str]
) -> None:
    for text in texts:
        for reference in REFERENCE.finditer(text):
            parsed = HEADER_REFERENCE.match(reference["inner"])
            if not parsed:
                problem = (
                    f"unsupported reference {reference[0]!r} "
                    "(write {{name.response.headers.Header-Name}})"
                )
            elif parsed["name"] not in known:
                problem = (
                    f"reference {reference[0]!r} names no earlier request "
                    f"(named so far: {', '.join(sorted(known)) or 'none'})"
                )
            else:
                continue
            raise BlockError(note, line, problem, example=example, request=summary)


def resolve_references(text: str, responses: dict[str, dict[str, str]]) -> str:
    """Replace each ``{{name.response.headers.X}}`` with that header of the named response.

    ``responses`` maps a request's name to its response headers, keyed in
    lower case. A header the response lacks becomes an empty string, as in
    REST Client.
    """

    def substitute(reference: re.Match[str]) -> str:
        parsed = HEADER_REFERENCE.match(reference["inner"])
        assert parsed, "references are checked when the block is parsed"
        return responses[parsed["name"]].get(parsed["header"].lower(), "")

    return REFERENCE.sub(substitute, text)
