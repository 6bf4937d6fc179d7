"""A student downloads an example, runs it with nothing but Python, and gets the page's answers.

For every example and two Pythons: the zip from the built site is unpacked
into an empty folder outside the repository; a fresh venv gets only what
the zip's ``requirements.txt`` names (pip may use the machine's cache or
wheel folder, nothing of the project's venv, no ``PYTHONPATH``); the
README's ``flask --app app run --debug`` (on a free port) serves it; and
every request of the zip's ``requests.http`` goes to it over real HTTP, in
order, restarting the server and forgetting cookies at each "Fresh start",
as the file tells the student to. Each answer must equal the page's, apart
from what ``example_core.differences`` lists. The examples are taken home side by
side (``taken_home``), each in a thread with its own folder and servers.
"""

from __future__ import annotations

import http.client
import re
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from example_core.differences import as_a_student_sees_it, in_any_order
from example_core.model import Exchange, HttpResponse
from site_build.jobs import run_exchange_block
from tests.support.http_file import Group, read_http_file
from tests.support.notes import ROOT, exchange_blocks, shown_examples
from tests.support.student import readme_command, student_server, unzip

EXAMPLES = shown_examples()
REFERENCE = re.compile(r"\{\{\s*(?P<name>\w+)\.response\.headers\.(?P<header>[\w-]+)\s*\}\}")
# Examples taken home at once, each with its own folder and server.
SIDE_BY_SIDE = 6
# The build's runner, which the threads share, hands out one block at a time.
ONE_RUN_AT_A_TIME = threading.Lock()
README_ADDRESS = re.compile(r"Then open http://127\.0\.0\.1:5000(\S+) in your browser\n\((.+?)\)")


def send(
    port: int, variables: dict[str, str], group: Group, page: list[Exchange]
) -> list[HttpResponse]:
    """Send one group's requests as REST Client would, keeping cookies within the group.

    Where the file leaves ``Host`` to the client, it is the address called,
    as for REST Client and curl (the comparison reads it as the page's
    ``localhost``: see ``as_a_student_sees_it``). Where it leaves
    ``User-Agent``, it is the one the page's client sent (``Werkzeug/...``),
    so that answers which repeat it can be compared. A cookie marked
    ``Secure`` is not sent back: the requests go over plain HTTP.
    """
    base = re.sub(r":\d+$", f":{port}", variables["host"])
    named: dict[str, dict[str, str]] = {}
    cookies: dict[str, str] = {}
    responses = []
    for request, shown in zip(group.requests, page, strict=True):

        def resolve(text: str) -> str:
            text = text.replace("{{host}}", base)
            return REFERENCE.sub(lambda m: named[m["name"]].get(m["header"].lower(), ""), text)

        url = resolve(request.url)
        headers = {k: v for k, v in shown.sent_headers if k.lower() == "user-agent"}
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
                if morsel["secure"]:  # kept for HTTPS, which a student's server does not speak
                    continue
                if morsel.value and morsel["max-age"] != "0" and "1970" not in morsel["expires"]:
                    cookies[morsel.key] = morsel.value
                else:
                    cookies.pop(morsel.key, None)


def shown_on_the_site(example: str, project_settings) -> list[list[Exchange]]:
    """What the pages show for ``example``: each block's exchanges, in reading order."""
    blocks = [b for b in exchange_blocks() if b.example == example]
    return [run_exchange_block(block, project_settings) for block in blocks]


@dataclass
class TakenHome:
    """One example taken home: its folder, its ``requests.http``, what the pages and servers said.

    ``real`` holds each group's answers, from a server started for that group,
    and ``addresses`` the address each group called (``127.0.0.1:<port>``).
    """

    folder: Path
    variables: dict[str, str]
    groups: list[Group]
    shown: list[list[Exchange]]
    real: list[list[HttpResponse]] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    straight: list[HttpResponse] = field(default_factory=list)
    straight_address: str = ""


def take_home(example: str, archive: Path, venv: Path, project_settings, home: Path) -> TakenHome:
    """Unzip ``example`` into ``home``, then send each group of its requests to a fresh server.

    The groups go one after another, each to a server of its own in the
    folder, started in the group's mode, as a student restarts it.
    """
    folder = unzip(archive, home)
    variables, groups = read_http_file((folder / "requests.http").read_text())
    with ONE_RUN_AT_A_TIME:
        shown = shown_on_the_site(example, project_settings)
    taken = TakenHome(folder, variables, groups, shown)
    if [len(g.requests) for g in groups] != [len(block) for block in taken.shown]:
        return taken  # the test says how they differ
    for index, (group, page) in enumerate(zip(groups, taken.shown, strict=True)):
        with student_server(folder, venv, debug=group.debug) as port:
            taken.real.append(send(port, variables, group, page))
            taken.addresses.append(f"127.0.0.1:{port}")
            if index == 0:
                check_the_readmes_address(folder, port)
    # Then the whole file, top to bottom, to one server started as the README says.
    everything = Group(debug=True, requests=[r for g in groups for r in g.requests])
    shown = [exchange for block in taken.shown for exchange in block]
    with student_server(folder, venv, debug=" --debug" in readme_command(folder)) as port:
        taken.straight = send(port, variables, everything, shown)
        taken.straight_address = f"127.0.0.1:{port}"
    return taken


@pytest.fixture(scope="session")
def taken_home(zips, student_venv, project_settings, tmp_path_factory) -> Iterator[dict]:
    """Every example taken home with one Python, the examples side by side.

    Each example has a folder, its servers (one at a time, on free ports)
    and a thread of its own; the tests wait for their example's result.
    """
    homes = tmp_path_factory.mktemp(f"take-home-{student_venv.parent.name}")
    with ThreadPoolExecutor(max_workers=SIDE_BY_SIDE) as pool:
        yield {
            example: pool.submit(
                take_home, example, zips[example], student_venv, project_settings, homes / example
            )
            for example in EXAMPLES
        }


@pytest.mark.parametrize("example", EXAMPLES)
def test_a_downloaded_example_answers_as_the_pages_show(example, taken_home):
    taken = taken_home[example].result()
    assert not taken.folder.is_relative_to(ROOT)
    assert [len(g.requests) for g in taken.groups] == [len(block) for block in taken.shown]
    # Waitress sends headers sorted by name (see differences.json's header_order).
    order = in_any_order if not readme_command(taken.folder).startswith("flask ") else None
    answers = zip(taken.groups, taken.shown, taken.real, taken.addresses, strict=True)
    for group, page, real, address in answers:
        targets = [r.url.removeprefix("{{host}}") for r in group.requests]
        at_home = [
            as_a_student_sees_it(r, example, t, address) for r, t in zip(real, targets, strict=True)
        ]
        shown = [
            as_a_student_sees_it(e.response, example, t) for e, t in zip(page, targets, strict=True)
        ]
        if order:
            at_home, shown = [order(r) for r in at_home], [order(r) for r in shown]
        assert at_home == shown


@pytest.mark.parametrize("example", EXAMPLES)
def test_run_top_to_bottom_a_request_says_before_it_why_it_answers_otherwise(example, taken_home):
    """As httpyac's "send all" runs it, or a student clicking on without restarting."""
    taken = taken_home[example].result()
    requests = [r for group in taken.groups for r in group.requests]
    shown = [exchange for block in taken.shown for exchange in block]
    order = in_any_order if not readme_command(taken.folder).startswith("flask ") else None
    for request, page, real in zip(requests, shown, taken.straight, strict=True):
        target = request.url.removeprefix("{{host}}")
        at_home = as_a_student_sees_it(real, example, target, taken.straight_address)
        on_the_page = as_a_student_sees_it(page.response, example, target)
        if order:
            at_home, on_the_page = order(at_home), order(on_the_page)
        differs = at_home != on_the_page
        assert differs == bool(request.run_on), (request.method, target, request.run_on)


def check_the_readmes_address(folder, port: int) -> None:
    """The address README.txt says to open answers a browser as it promises.

    A browser sends ``Host: 127.0.0.1:<port>``, which no request of the
    notes does: an app that checks the host could turn it away.
    """
    readme = (folder / "README.txt").read_text()
    address = README_ADDRESS.search(readme)
    if address is None:
        if "starting app of an\nexercise" in readme:  # no note sends it requests
            assert "\nGET " not in (folder / "requests.http").read_text()
            return
        assert "a Host header of\ntheir own" in readme
        return
    path, why = address.groups()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}", "Accept": "text/html"})
    status = connection.getresponse().status
    connection.close()
    assert (200 <= status < 300) == (why == "the first page the notes ask for"), (path, status)


# --- The note "Run Flask on your own computer" quotes what really happens ---
