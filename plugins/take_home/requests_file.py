"""The take-home ``requests.http``: every request the site shows for an example.

In the ``.http`` format of VS Code's REST Client, grouped by note and
heading, each block marked where the page started a fresh app. What a
page's request says of the page's own address (``Origin: http://localhost``,
the test client's) says the student's (``{{host}}``), and a reference to an
earlier answer, which only REST Client reads, comes with a ``curl`` line.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from example_core.differences import PAGE_ADDRESS
from example_core.http_file import HEADER_REFERENCE, REFERENCE
from example_core.model import HttpRequest
from example_core.parse import FENCE, ExchangeBlock, PredictBlock, find_blocks

from .serving import HOST

# The origin of the page's own pages, as its client names it: at home, {{host}}.
PAGE_ORIGIN = f"http://{PAGE_ADDRESS}"
# Headers that name the origin a request comes from (RFC 6454, section 7).
ORIGIN_HEADERS = ("origin",)
# Marks, in requests.http, where the page started a fresh app with no cookies,
# and, after it, a block the page ran without debug mode.
FRESH_START = "Fresh start"
WITHOUT_DEBUG = "without --debug"
HEADING = re.compile(r"^#{1,6}\s+(?P<text>.+?)\s*#*\s*$")


@dataclass(frozen=True)
class NoteLink:
    """A note of the site, as a README or the examples page names it."""

    title: str
    url: str


@dataclass(frozen=True)
class ShownBlock:
    """An exchange block, with the note and the heading it appears under."""

    note: NoteLink
    heading: str
    block: ExchangeBlock


def shown_blocks(lines: list[str], note_path: str, note: NoteLink) -> list[ShownBlock]:
    """The exchange blocks of one note's lines, each with the heading above it."""
    headings = _headings(lines)
    shown = []
    for found in find_blocks(lines, note_path):
        # A prediction shows its exchange, once answered, as an exchange block does.
        block = found.exchange if isinstance(found, PredictBlock) else found
        if isinstance(block, ExchangeBlock):
            above = [text for index, text in headings if index < block.start]
            shown.append(ShownBlock(note, above[-1] if above else note.title, block))
    return shown


def _headings(lines: list[str]) -> list[tuple[int, str]]:
    """Each Markdown heading outside fenced code, with its line index."""
    headings = []
    fence = None
    for index, line in enumerate(lines):
        opening = FENCE.match(line)
        if fence is None and opening:
            fence = opening["fence"]
        elif fence is not None:
            if line.rstrip().startswith(fence) and set(line.rstrip()) == {fence[0]}:
                fence = None
        elif heading := HEADING.match(line):
            headings.append((index, heading["text"]))
    return headings


def requests_http(
    example: str,
    shown: Iterable[ShownBlock],
    host: str = HOST,
    run_on: Mapping[tuple[int, int], str] | None = None,
) -> str:
    """Every shown request of an example in the ``.http`` format of VS Code's REST Client.

    Each block starts with a ``### Fresh start`` line: the page sent its
    requests to a freshly started app, with no cookies. Request names are
    made unique in the file (REST Client looks names up file-wide), and the
    references to them follow. ``run_on`` gives, by (block, request), why a
    request answers otherwise when the file runs on without a fresh start:
    a comment says it before that request.
    """
    parts = [
        f"# Every request the site shows for the example {example!r}, in reading order.\n"
        "# Open this file in VS Code with the REST Client extension, start the\n"
        '# example (see README.txt), and click "Send Request" above a request.\n'
        "#\n"
        f'# On the site, each block that starts with "### {FRESH_START}" was sent to\n'
        "# a freshly started app, with no cookies. For exactly the page's answers,\n"
        "# restart the server there (Ctrl+C, then README.txt's command again) and run\n"
        '# the command "Rest Client: Clear Cookies". Where it says\n'
        f'# "{FRESH_START} {WITHOUT_DEBUG}", start the server without --debug.\n'
        "# Each request says @no-redirect: the page shows a redirect as it comes,\n"
        "# without following it. If your server listens on another port, change\n"
        "# the @host line below.\n"
        "\n"
        f"@host = {host}\n"
    ]
    used_names: set[str] = set()
    for number, item in enumerate(shown):
        renames = _unique_names(item.block.requests, used_names)
        for index, request in enumerate(item.block.requests):
            if index == 0:
                where = f"{item.note.title} ({item.note.url}), {item.heading}"
                mode = "" if item.block.debug else f" {WITHOUT_DEBUG}"
                parts.append(f"\n### {FRESH_START}{mode}: {where}\n")
            else:
                parts.append("\n###\n")
            if why := (run_on or {}).get((number, index)):
                parts.append("".join(f"{line}\n" for line in comment(why)))
            parts.append(_http_request(request, renames, host))
    return "".join(parts)


def _unique_names(requests: tuple[HttpRequest, ...], used: set[str]) -> dict[str, str]:
    renames = {}
    for request in requests:
        if request.name:
            unique, number = request.name, 1
            while unique in used:
                number += 1
                unique = f"{request.name}{number}"
            used.add(unique)
            renames[request.name] = unique
    return renames


def _http_request(request: HttpRequest, renames: dict[str, str], host: str) -> str:
    def renamed(text: str) -> str:
        def one(reference: re.Match[str]) -> str:
            inner = reference["inner"].strip()
            name, _, rest = inner.partition(".")
            return "{{" + f"{renames.get(name, name)}.{rest}" + "}}"

        return REFERENCE.sub(one, text)

    headers = [(name, _at_home(name, renamed(value))) for name, value in request.headers]
    # The page's client never follows a redirect; REST Client does unless told.
    lines = [*_curl_instead(request, headers, host), "# @no-redirect"]
    if request.name:
        lines.append(f"# @name {renames[request.name]}")
    lines.append(f"{request.method} {{{{host}}}}{renamed(request.target)}")
    lines += [f"{name}: {value}" for name, value in headers]
    if request.body:
        lines += ["", renamed(request.shown_body)]
    return "\n".join(lines) + "\n"


def comment(reason: str) -> list[str]:
    """The comment lines before a request that answers otherwise when the file runs on."""
    text = f"Run on from above without a fresh start, and {reason}"
    return textwrap.wrap(text, width=76, initial_indent="# ", subsequent_indent="# ")


def _at_home(name: str, value: str) -> str:
    """A header naming the page's own origin names the student's instead.

    A browser sends ``Origin`` with the address the page came from: at home,
    ``http://127.0.0.1:5000``, which is what an app that checks it compares.
    """
    return "{{host}}" if name.lower() in ORIGIN_HEADERS and value == PAGE_ORIGIN else value


def _curl_instead(request: HttpRequest, headers: list[tuple[str, str]], host: str) -> list[str]:
    """Comment lines for a request that refers to an earlier answer: how to send it with curl.

    ``{{name.response.headers.X}}`` is REST Client's form: other clients of
    ``.http`` files (httpyac, JetBrains' HTTP Client) read references to
    answers each their own way, and curl has none.
    """

    def placeholder(reference: re.Match[str]) -> str:
        answer = HEADER_REFERENCE.match(reference["inner"])
        return f"<{answer['header']}>" if answer else reference[0]

    if all(placeholder(m) == m[0] for _, value in headers for m in REFERENCE.finditer(value)):
        return []
    words = []
    for name, value in headers:
        value = REFERENCE.sub(placeholder, value)
        words.append(f"-H '{name}: {value.replace('{{host}}', host)}'")
    return [
        "# REST Client fills in the reference to an earlier answer below; httpyac",
        "# and JetBrains' HTTP Client do not read that form. With curl, send the",
        "# request above with -i, then this one with the value its answer gave in",
        "# place of <...>:",
        f"# curl -i {' '.join(words)} {host}{request.target}",
    ]
