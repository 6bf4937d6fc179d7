"""The take-home ``README.txt``: how to run the example, from the template beside this file.

``README.txt`` here is a ``string.Template``; this module works out what
goes into it: the commands (with the app's spec and debug mode), the notes
that show the example, and the first page to open.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from string import Template

from example_core.differences import LIST as DIFFERENCES
from example_core.model import Exchange

from .requests_file import FRESH_START, WITHOUT_DEBUG, NoteLink, ShownBlock
from .serving import HOST, Server
from .source import description

TEMPLATE = Template(files(__package__).joinpath("README.txt").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Download:
    """What goes into one example's zip, besides the example's own files."""

    example_dir: Path
    app_spec: str
    notes: tuple[NoteLink, ...]
    shown: tuple[ShownBlock, ...]
    requirements: str
    python: str
    source_url: str = ""
    server: Server | None = None
    # The build's answers to each of ``shown``, in order.
    answers: tuple[list[Exchange], ...] = ()
    # Why a request (block, index) answers otherwise when requests.http runs on.
    run_on: Mapping[tuple[int, int], str] = field(default_factory=dict)


def readme(download: Download) -> str:
    """How to run the example: the commands for Windows and for macOS or Linux."""
    notes = "\n".join(f"  {note.title}: {note.url}" for note in download.notes)
    source = (
        f"\nIts source, in the site's repository:\n  {download.source_url}\n"
        if download.source_url
        else ""
    )
    run, run_note = _run_command(download)
    return TEMPLATE.substitute(
        name=download.example_dir.name,
        description=description(download.example_dir),
        notes=notes or "  (none yet)",
        source=source,
        python=download.python,
        run=run,
        run_note=run_note,
        what_to_open=_what_to_open(download.shown),
        differences=known_differences(download.example_dir.name),
    )


def known_differences(example: str) -> str:
    """The entries of the one list of differences that apply at home to ``example``, as lines."""
    home = [entry for entry in _entries() if "home" in entry[1]["places"]]
    items = [
        f"{what}: {entry['why']}"
        for what, entry in home
        if entry.get("example", example) == example
    ]
    return "\n".join(
        textwrap.fill(item, width=74, initial_indent="  - ", subsequent_indent="    ")
        for item in items
    )


def _entries() -> Iterable[tuple[str, dict]]:
    """Every entry of the list, with what it is about: a header, a cookie, a body."""
    for kind in ("headers_added_by_a_real_server", "headers_set_by_the_moment_or_folder"):
        yield from ((entry["header"], entry) for entry in DIFFERENCES[kind])
    yield from ((entry["header"], entry) for entry in DIFFERENCES["headers_listing_a_set"])
    yield f"The {DIFFERENCES['signed_cookie']['cookie']} cookie", DIFFERENCES["signed_cookie"]
    yield "A cookie's Expires", DIFFERENCES["cookie_expires"]
    yield "The address", DIFFERENCES["address"]
    yield "The order of the headers", DIFFERENCES["header_order"]
    yield from ((f"The terminal's {entry['part']}", entry) for entry in DIFFERENCES["console"])
    for kind in ("changing_bodies", "secure_cookies_over_http"):
        yield from (
            (f"{entry['target']} ({entry['example']})", entry) for entry in DIFFERENCES[kind]
        )


def _run_command(download: Download) -> tuple[str, str]:
    """The ``flask run`` command, and what to say about debug mode and ``.flaskenv``.

    An example whose note runs it with another server gets that command.
    """
    if download.server:
        return download.server.command, f"\n{download.server.why}\n"
    debug_modes = {item.block.debug for item in download.shown}
    debug = " --debug" if starts_in_debug(download) else ""
    run = f"flask --app {_shell_word(download.app_spec)} run{debug}"
    if debug_modes == {True, False}:
        run_note = (
            f'\nWhere requests.http says "{FRESH_START} {WITHOUT_DEBUG}", start the server\n'
            "without --debug: the page ran those requests without debug mode.\n"
        )
    elif not debug:
        run_note = "\nThe notes run this example without debug mode: no --debug.\n"
    else:
        run_note = ""
    if download.app_spec != "app":
        run_note += (
            "\nFlask may print a tip about .env files: it has found .flaskenv, which\n"
            "it reads only with the package python-dotenv. The command above does\n"
            "not need it.\n"
        )
    return run, run_note


def starts_in_debug(download: Download) -> bool:
    """Whether the README's command runs the server in debug mode: unless no block does."""
    if download.server:
        return False
    return {item.block.debug for item in download.shown} != {False}


def first_page(shown: Iterable[ShownBlock]) -> tuple[str, bool] | None:
    """The page to open in a browser, and whether the notes expect it to succeed.

    Only requests a browser's address bar can make count: a GET with no
    ``Host`` of its own and no reference to an earlier answer. ``/`` comes
    first, then the first such request the notes expect to succeed (a 404 on
    purpose is no place to start), then the first at all.
    """
    pages = [
        (request.target, 200 <= (item.block.expected_status(index) or 200) < 300)
        for item in shown
        for index, request in enumerate(item.block.requests)
        if request.method == "GET"
        and "{{" not in request.target
        and not any(name.lower() == "host" for name, _ in request.headers)
    ]
    return min(pages, key=lambda page: (page != ("/", True), not page[1]), default=None)


def _what_to_open(shown: Iterable[ShownBlock]) -> str:
    shown = list(shown)
    if not shown:
        return (
            "No note sends this example requests: it is the starting app of an\n"
            "exercise. The exercise's own download, linked beside it on its note,\n"
            "holds its requests and its checks (pytest)."
        )
    page = first_page(shown)
    if page is None:
        return (
            "The notes send every request to this example with a Host header of\n"
            "their own, which a browser's address bar cannot set: send them from\n"
            "requests.http, or with curl as the notes show."
        )
    path, succeeds = page
    why = "the first page the notes ask for" if succeeds else "the notes show the error it answers"
    return (
        f"Then open {HOST}{path} in your browser\n({why}). If port 5000 is taken\n"
        "(on a Mac, the AirPlay Receiver uses it), add --port 5001 to the flask\n"
        "command, and use 5001 instead."
    )


def _shell_word(text: str) -> str:
    """``text`` as one word for PowerShell and for macOS's and Linux's shells.

    A factory call such as ``club:create_app()`` needs quotes: to a shell,
    brackets mean something else.
    """
    return text if re.fullmatch(r"[\w.:]+", text) else f'"{text}"'
