"""A download's ``requests.http``, read as the REST Client extension reads it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from take_home.requests_file import FRESH_START, WITHOUT_DEBUG

VARIABLE = re.compile(r"^@(?P<name>\w+)\s*=\s*(?P<value>.*?)\s*$")
REQUEST_LINE = re.compile(r"^(?P<method>[A-Z]+) +(?P<url>\S+)(?: +HTTP/1\.1)?$")


@dataclass
class FileRequest:
    """One request of a ``.http`` file, as REST Client reads it; references unresolved."""

    method: str
    url: str
    headers: list[tuple[str, str]]
    body: str
    name: str | None
    # The comment before the request, if it says why the request answers
    # otherwise when the file runs on without a fresh start.
    run_on: str = ""


@dataclass
class Group:
    """The requests from one "Fresh start" to the next, and whether to start in debug mode."""

    debug: bool
    requests: list[FileRequest] = field(default_factory=list)


def read_http_file(text: str) -> tuple[dict[str, str], list[Group]]:
    """The file's variables and its requests, grouped at each ``### Fresh start`` line."""
    chunks: list[tuple[str, list[str]]] = [("", [])]
    for line in text.split("\n"):
        if line.startswith("###"):
            chunks.append((line, []))
        else:
            chunks[-1][1].append(line)
    variables = {}
    for line in chunks[0][1]:
        if variable := VARIABLE.match(line):
            variables[variable["name"]] = variable["value"]
    groups: list[Group] = []
    for delimiter, lines in chunks[1:]:
        if delimiter.startswith(f"### {FRESH_START}"):
            groups.append(Group(debug=WITHOUT_DEBUG not in delimiter))
        groups[-1].requests.append(_read_request(lines))
    return variables, groups


def _read_request(lines: list[str]) -> FileRequest:
    name = None
    comments = []
    while lines and (not lines[0].strip() or lines[0].startswith(("#", "//"))):
        if named := re.match(r"^#\s*@name\s+(\w+)", lines[0]):
            name = named[1]
        elif lines[0].startswith("# "):
            comments.append(lines[0][2:])
        lines = lines[1:]
    said = " ".join(comments)
    run_on = said if said.startswith("Run on from above without a fresh start") else ""
    request_line = REQUEST_LINE.match(lines[0])
    assert request_line, lines[0]
    headers = []
    position = 1
    while position < len(lines) and lines[position].strip():
        header, _, value = lines[position].partition(":")
        headers.append((header.strip(), value.strip()))
        position += 1
    body = "\n".join(lines[position + 1 :]).rstrip("\n")
    return FileRequest(request_line["method"], request_line["url"], headers, body, name, run_on)
