"""Pack each example as a download a student runs at home: ``examples/<name>.zip``.

The zip holds one folder named after the example: its files exactly as the
build ran them, ``requirements.txt`` (Flask and what it depends on, pinned
as in the project's own ``requirements.txt``), ``requests.http`` (every
request the site shows for the example, grouped by note and heading, for
VS Code's REST Client) and ``README.txt`` (how to run it). Its bytes depend
only on those inputs and the build's moment: entries sorted, every
timestamp that moment, permissions fixed.
"""

from __future__ import annotations

import ast
import io
import re
import struct
import time
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import metadata, requires
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

from example_core.examples import app_spec, example_files
from example_core.model import HttpRequest
from example_core.parse import FENCE, REFERENCE, ExchangeBlock, find_blocks

FOLDER = "examples"
HOST = "http://127.0.0.1:5000"
# The files a download adds to the example's own.
ADDED_FILES = ("README.txt", "requirements.txt", "requests.http")
# Marks, in requests.http, where the page started a fresh app with no cookies,
# and, after it, a block the page ran without debug mode.
FRESH_START = "Fresh start"
WITHOUT_DEBUG = "without --debug"
HEADING = re.compile(r"^#{1,6}\s+(?P<text>.+?)\s*#*\s*$")
FILE_MODE = 0o644
FOLDER_MODE = 0o755
# Info-ZIP's "extended timestamp" field: the time in UTC, which unzip restores
# whatever the student's time zone (the DOS time of a zip entry has none).
EXTENDED_TIMESTAMP = 0x5455


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


def download_path(example: str) -> str:
    """Where an example's zip lives in the output, such as ``examples/caching.zip``."""
    return f"{FOLDER}/{example}.zip"


def description(example_dir: Path) -> str:
    """The first line of the docstring of the example's app module, or nothing."""
    module = app_spec(example_dir).split(":")[0].replace(".", "/")
    for path in (example_dir / f"{module}.py", example_dir / module / "__init__.py"):
        try:
            docstring = ast.get_docstring(ast.parse(path.read_text("utf-8")))
        except (OSError, SyntaxError):
            continue
        return (docstring or "").split("\n", 1)[0]
    return ""


# --- requirements.txt ------------------------------------------------------


def flask_requirements(project_requirements: Path) -> tuple[str, str]:
    """Flask's pins from the project's ``requirements.txt``, and the oldest Python they run on.

    The packages are Flask and what it depends on here, read from their
    installed metadata; the pins are copied, never retyped. Returns the
    lines of a ``requirements.txt`` and a version such as ``3.10``.
    """
    pins = {}
    for line in project_requirements.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            pins[canonicalize_name(Requirement(line).name)] = line.strip()
    needed = sorted(_dependencies("flask"))
    missing = [name for name in needed if name not in pins]
    if missing:
        raise LookupError(f"{project_requirements} pins no version of {', '.join(missing)}")
    lines = sorted((pins[name] for name in needed), key=str.lower)
    return "\n".join(lines) + "\n", _oldest_python(needed)


def _dependencies(name: str) -> set[str]:
    """``name`` and everything it needs on this platform, without extras."""
    found: set[str] = set()
    waiting = [canonicalize_name(name)]
    while waiting:
        current = waiting.pop()
        if current in found:
            continue
        found.add(current)
        for text in requires(current) or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                waiting.append(canonicalize_name(requirement.name))
    return found


def _oldest_python(packages: Iterable[str]) -> str:
    floors = [Version("3")]
    for package in packages:
        for specifier in SpecifierSet(metadata(package).get("Requires-Python") or ""):
            if specifier.operator == ">=":
                floors.append(Version(specifier.version))
    return str(max(floors))


# --- requests.http ---------------------------------------------------------


def shown_blocks(lines: list[str], note_path: str, note: NoteLink) -> list[ShownBlock]:
    """The exchange blocks of one note's lines, each with the heading above it."""
    headings = _headings(lines)
    shown = []
    for block in find_blocks(lines, note_path):
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


def requests_http(example: str, shown: Iterable[ShownBlock]) -> str:
    """Every shown request of an example in the ``.http`` format of VS Code's REST Client.

    Each block starts with a ``### Fresh start`` line: the page sent its
    requests to a freshly started app, with no cookies. Request names are
    made unique in the file (REST Client looks names up file-wide), and the
    references to them follow.
    """
    parts = [
        f"# Every request the site shows for the example {example!r}, in reading order.\n"
        "# Open this file in VS Code with the REST Client extension, start the\n"
        '# example (see README.txt), and click "Send Request" above a request.\n'
        "#\n"
        f'# On the site, each block that starts with "### {FRESH_START}" was sent to\n'
        "# a freshly started app, with no cookies. For exactly the page's answers,\n"
        "# restart the server there (Ctrl+C, then the flask command again) and run\n"
        '# the command "Rest Client: Clear Cookies". Where it says\n'
        f'# "{FRESH_START} {WITHOUT_DEBUG}", start the server without --debug.\n'
        "# Each request says @no-redirect: the page shows a redirect as it comes,\n"
        "# without following it. If your server listens on another port, change\n"
        "# the @host line below.\n"
        "\n"
        f"@host = {HOST}\n"
    ]
    used_names: set[str] = set()
    for item in shown:
        renames = _unique_names(item.block.requests, used_names)
        for index, request in enumerate(item.block.requests):
            if index == 0:
                where = f"{item.note.title} ({item.note.url}), {item.heading}"
                mode = "" if item.block.debug else f" {WITHOUT_DEBUG}"
                parts.append(f"\n### {FRESH_START}{mode}: {where}\n")
            else:
                parts.append("\n###\n")
            parts.append(_http_request(request, renames))
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


def _http_request(request: HttpRequest, renames: dict[str, str]) -> str:
    def renamed(text: str) -> str:
        def one(reference: re.Match[str]) -> str:
            inner = reference["inner"].strip()
            name, _, rest = inner.partition(".")
            return "{{" + f"{renames.get(name, name)}.{rest}" + "}}"

        return REFERENCE.sub(one, text)

    # The page's client never follows a redirect; REST Client does unless told.
    lines = ["# @no-redirect"]
    if request.name:
        lines.append(f"# @name {renames[request.name]}")
    lines.append(f"{request.method} {{{{host}}}}{renamed(request.target)}")
    lines += [f"{name}: {renamed(value)}" for name, value in request.headers]
    if request.body:
        lines += ["", renamed(request.shown_body)]
    return "\n".join(lines) + "\n"


# --- README.txt ------------------------------------------------------------


def readme(download: Download) -> str:
    """How to run the example: the commands for Windows and for macOS or Linux."""
    name = download.example_dir.name
    debug_modes = {item.block.debug for item in download.shown}
    debug = "" if debug_modes == {False} else " --debug"
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
    notes = "\n".join(f"  {note.title}: {note.url}" for note in download.notes)
    source = (
        f"\nIts source, in the site's repository:\n  {download.source_url}\n"
        if download.source_url
        else ""
    )
    return f"""Example "{name}", from the notes "How webservers work"

{description(download.example_dir)}

The notes that show it (the first one explains it):
{notes or "  (none yet)"}
{source}
You need Python {download.python} or newer. Open a terminal in this folder
(the one holding README.txt), then run these commands, one at a time.

Windows (PowerShell):

  py -m venv .venv
  .venv\\Scripts\\Activate.ps1
  pip install -r requirements.txt
  {run}

  If PowerShell says that running scripts is disabled on this system, run
  this once, then activate again:
  Set-ExecutionPolicy -Scope CurrentUser RemoteSigned

macOS or Linux:

  python3 -m venv .venv
  source .venv/bin/activate
  pip install -r requirements.txt
  {run}
{run_note}
{_what_to_open(download.shown)} Stop the server with
Ctrl+C. Next time, only activate the venv (the second command) and start
the server (the last one).

requests.http holds every request the notes show for this example: open
it in VS Code with the REST Client extension. The note "Run Flask on your
own computer" explains each step, and what to do when one fails.
"""


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


# --- the zip ---------------------------------------------------------------


def zip_bytes(download: Download, epoch: int) -> bytes:
    """The zip of one example: the same bytes for the same inputs and moment."""
    example_dir = download.example_dir
    name = example_dir.name
    files: dict[str, bytes] = {}
    for path in example_files(example_dir):
        files[path.relative_to(example_dir).as_posix()] = path.read_bytes()
    clashes = sorted(set(ADDED_FILES) & set(files))
    if clashes:
        raise ValueError(f"example {name!r} has its own {', '.join(clashes)}; rename it")
    files["README.txt"] = readme(download).encode()
    files["requirements.txt"] = download.requirements.encode()
    files["requests.http"] = requests_http(name, download.shown).encode()
    folders = {f"{name}/"} | {
        f"{name}/{'/'.join(parts[:depth])}/"
        for parts in (relative.split("/") for relative in files)
        for depth in range(1, len(parts))
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for entry in sorted(folders | {f"{name}/{relative}" for relative in files}):
            is_folder = entry.endswith("/")
            data = b"" if is_folder else files[entry[len(name) + 1 :]]
            archive.writestr(_entry_info(entry, epoch, is_folder), data)
    return buffer.getvalue()


def _entry_info(name: str, epoch: int, is_folder: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=time.gmtime(max(epoch, 315532800))[:6])
    info.create_system = 3  # Unix, so that the permissions below count
    if is_folder:
        info.external_attr = (0o040000 | FOLDER_MODE) << 16 | 0x10  # and MS-DOS's folder bit
        info.compress_type = zipfile.ZIP_STORED
    else:
        info.external_attr = (0o100000 | FILE_MODE) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
    info.extra = struct.pack("<HHBl", EXTENDED_TIMESTAMP, 5, 1, epoch)
    return info


def write_download(download: Download, epoch: int, output: Path) -> Path:
    """Write one example's zip into the output; return its path."""
    target = output / download_path(download.example_dir.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(zip_bytes(download, epoch))
    return target
