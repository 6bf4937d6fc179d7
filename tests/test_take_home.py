"""A student downloads an example, runs it with nothing but Python, and gets the page's answers.

For every example and two Pythons: the zip from the built site is unpacked
into an empty folder outside the repository; a fresh venv gets only what
the zip's ``requirements.txt`` names (pip may use the machine's cache or
wheel folder, nothing of the project's venv, no ``PYTHONPATH``); the
README's ``flask --app app run --debug`` (on a free port) serves it; and
every request of the zip's ``requests.http`` goes to it over real HTTP, in
order, restarting the server and forgetting cookies at each "Fresh start",
as the file tells the student to. Each answer must equal the page's, apart
from what ``example_core.differences`` lists.
"""

from __future__ import annotations

import http.client
import re
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

import pytest

from example_core.differences import as_a_student_sees_it
from example_core.examples import find_examples
from example_core.model import Exchange, HttpResponse
from site_build.jobs import run_exchange_block
from take_home.requests_file import FRESH_START, WITHOUT_DEBUG
from tests.notes import ROOT, exchange_blocks
from tests.student import student_server, unzip

EXAMPLES = [folder.name for folder in find_examples(ROOT / "examples")]
REFERENCE = re.compile(r"\{\{\s*(?P<name>\w+)\.response\.headers\.(?P<header>[\w-]+)\s*\}\}")
VARIABLE = re.compile(r"^@(?P<name>\w+)\s*=\s*(?P<value>.*?)\s*$")
README_ADDRESS = re.compile(r"Then open http://127\.0\.0\.1:5000(\S+) in your browser\n\((.+?)\)")
REQUEST_LINE = re.compile(r"^(?P<method>[A-Z]+) +(?P<url>\S+)(?: +HTTP/1\.1)?$")


@dataclass
class FileRequest:
    """One request of a ``.http`` file, as REST Client reads it; references unresolved."""

    method: str
    url: str
    headers: list[tuple[str, str]]
    body: str
    name: str | None


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
    while lines and (not lines[0].strip() or lines[0].startswith(("#", "//"))):
        if named := re.match(r"^#\s*@name\s+(\w+)", lines[0]):
            name = named[1]
        lines = lines[1:]
    request_line = REQUEST_LINE.match(lines[0])
    assert request_line, lines[0]
    headers = []
    position = 1
    while position < len(lines) and lines[position].strip():
        header, _, value = lines[position].partition(":")
        headers.append((header.strip(), value.strip()))
        position += 1
    body = "\n".join(lines[position + 1 :]).rstrip("\n")
    return FileRequest(request_line["method"], request_line["url"], headers, body, name)


def send(
    port: int, variables: dict[str, str], group: Group, page: list[Exchange]
) -> list[HttpResponse]:
    """Send one group's requests as REST Client would, keeping cookies within the group.

    Where the file leaves ``Host`` and ``User-Agent`` to the client, they are
    the ones the page's client sent (``localhost``, ``Werkzeug/...``), so that
    answers which repeat them can be compared.
    """
    base = variables["host"].replace(":5000", f":{port}")
    named: dict[str, dict[str, str]] = {}
    cookies: dict[str, str] = {}
    responses = []
    for request, shown in zip(group.requests, page, strict=True):

        def resolve(text: str) -> str:
            text = text.replace("{{host}}", base)
            return REFERENCE.sub(lambda m: named[m["name"]].get(m["header"].lower(), ""), text)

        url = resolve(request.url)
        headers = {k: v for k, v in shown.sent_headers if k.lower() in ("host", "user-agent")}
        headers.update({name: resolve(value) for name, value in request.headers})
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        body = resolve(request.body).encode() if request.body else None
        if body and headers.get("Content-Type", "").startswith("multipart/"):
            body = body.replace(b"\n", b"\r\n")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request(request.method, url.removeprefix(base), body, headers)
        reply = connection.getresponse()
        response = HttpResponse(
            f"{reply.status} {reply.reason}", tuple(reply.getheaders()), reply.read()
        )
        connection.close()
        _keep_cookies(response, cookies)
        if request.name:
            named[request.name] = {k.lower(): v for k, v in response.headers}
        responses.append(response)
    return responses


def _keep_cookies(response: HttpResponse, cookies: dict[str, str]) -> None:
    for name, value in response.headers:
        if name.lower() == "set-cookie":
            for morsel in SimpleCookie(value).values():
                if morsel.value and morsel["max-age"] != "0" and "1970" not in morsel["expires"]:
                    cookies[morsel.key] = morsel.value
                else:
                    cookies.pop(morsel.key, None)


def shown_on_the_site(example: str, project_settings) -> list[list[Exchange]]:
    """What the pages show for ``example``: each block's exchanges, in reading order."""
    blocks = [b for b in exchange_blocks() if b.example == example]
    return [run_exchange_block(block, project_settings) for block in blocks]


@pytest.mark.parametrize("example", EXAMPLES)
def test_a_downloaded_example_answers_as_the_pages_show(
    example, zips, student_venv, project_settings, tmp_path
):
    folder = unzip(zips[example], tmp_path / "download")
    assert not folder.is_relative_to(ROOT)
    variables, groups = read_http_file((folder / "requests.http").read_text())
    shown = shown_on_the_site(example, project_settings)
    assert [len(g.requests) for g in groups] == [len(block) for block in shown]
    for index, (group, page) in enumerate(zip(groups, shown, strict=True)):
        with student_server(folder, student_venv, debug=group.debug) as port:
            real = send(port, variables, group, page)
            if index == 0:
                check_the_readmes_address(folder, port)
        targets = [r.url.removeprefix("{{host}}") for r in group.requests]
        assert [
            as_a_student_sees_it(r, example, t) for r, t in zip(real, targets, strict=True)
        ] == [
            as_a_student_sees_it(e.response, example, t) for e, t in zip(page, targets, strict=True)
        ]


def check_the_readmes_address(folder, port: int) -> None:
    """The address README.txt says to open answers a browser as it promises.

    A browser sends ``Host: 127.0.0.1:<port>``, which no request of the
    notes does: an app that checks the host could turn it away.
    """
    readme = (folder / "README.txt").read_text()
    address = README_ADDRESS.search(readme)
    if address is None:
        assert "a Host header of\ntheir own" in readme
        return
    path, why = address.groups()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}", "Accept": "text/html"})
    status = connection.getresponse().status
    connection.close()
    assert (200 <= status < 300) == (why == "the first page the notes ask for"), (path, status)


# --- The note "Run Flask on your own computer" quotes what really happens ---
