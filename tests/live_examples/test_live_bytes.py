"""What the first Run downloads: stored archives, one copy of each module, the rest on demand.

The built runtime's archives store their entries uncompressed (the host's
gzip or brotli compresses them whole) and hold bytecode without its source.
In Chromium, the first Run fetches neither the second part of the standard
library nor any source; an import of one of its modules in the editor
fetches that part and answers; a traceback through Flask shows Flask's own
lines, fetched when shown; and the progress bar's total never changes.
The first download's bytecode has no docstrings; ``help()`` and
``inspect.getdoc()`` in the editor still show them, read from the source.
"""

from __future__ import annotations

import ast
import inspect
import json
import re
import zipfile
from pathlib import Path

import flask
import pytest

from tests.support.browser import open_offline, visit_offline
from tests.support.live import open_panel, replace_file, send
from tests.support.notes import ROOT

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
FIRST_ARCHIVES = ("python_stdlib.zip", "notes.zip")
LATER = ("python_stdlib_rest.zip", "python-source/")

IMPORTS_ON_DEMAND = """
import csv
import io
import sqlite3
import zoneinfo

from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    database = sqlite3.connect(":memory:")
    total = database.execute("SELECT 6 * 7").fetchone()[0]
    rows = io.StringIO()
    csv.writer(rows).writerow([total, zoneinfo.__name__])
    return rows.getvalue().strip()
"""


DOCSTRINGS_ON_DEMAND = """
import contextlib
import inspect
import io
import json

from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        help(json.dumps)
    return {"getdoc": inspect.getdoc(Flask), "help": shown.getvalue()}
"""


def runtime(site: Path) -> Path:
    return next((site / "live").glob("runtime-*"))


def archives(site: Path) -> list[Path]:
    folder = runtime(site)
    return sorted([*(folder / name for name in FIRST_ARCHIVES), *folder.glob("*.whl")])


def test_every_archive_is_stored_sorted_and_dated_1980(site):
    for archive in [*archives(site), runtime(site) / "python_stdlib_rest.zip"]:
        with zipfile.ZipFile(archive) as opened:
            entries = opened.infolist()
        names = [entry.filename for entry in entries]
        assert names == sorted(names), archive.name
        assert {entry.compress_type for entry in entries} == {zipfile.ZIP_STORED}, archive.name
        assert {entry.date_time for entry in entries} == {ZIP_DATE}, archive.name


def test_the_first_download_holds_bytecode_and_no_source_but_the_pages_own(site):
    folder = runtime(site)
    for archive in [folder / "python_stdlib.zip", *folder.glob("*.whl")]:
        names = zipfile.ZipFile(archive).namelist()
        assert [name for name in names if name.endswith(".py")] == [], archive.name
        assert any(name.endswith(".pyc") for name in names), archive.name
    first = set(zipfile.ZipFile(folder / "python_stdlib.zip").namelist())
    rest = set(zipfile.ZipFile(folder / "python_stdlib_rest.zip").namelist())
    assert first & rest == set()
    assert {"json/__init__.pyc", "typing.pyc"} <= first
    # Frozen into Python itself, so never read from a file.
    assert {"os.pyc", "site.pyc", "importlib/util.pyc"} & first == set()
    assert {"sqlite3/__init__.pyc", "csv.pyc", "zoneinfo/__init__.pyc"} <= rest
    assert (folder / "python-source" / "stdlib" / "csv.py").is_file()
    assert (folder / "python-source" / "site-packages" / "flask" / "app.py").is_file()


def first_docstring(source: Path) -> str:
    """The first line of the first docstring in ``source`` (a module's, class's or function's)."""
    for node in ast.walk(ast.parse(source.read_bytes())):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)):
            docstring = ast.get_docstring(node, clean=False)
            if docstring and len(docstring.splitlines()[0]) > 20:
                return docstring.splitlines()[0]
    raise AssertionError(f"{source} has no docstring")


def test_the_first_downloads_bytecode_has_no_docstrings_but_pyodides_and_the_rests(site):
    folder = runtime(site)
    sources = folder / "python-source"
    flask_app = zipfile.ZipFile(next(folder.glob("flask-*.whl"))).read("flask/app.pyc")
    source = (sources / "site-packages/flask/app.py").read_bytes()
    assert b"central registry for" in source
    assert b"central registry for" not in flask_app
    assert b"make_response" in flask_app
    first = zipfile.ZipFile(folder / "python_stdlib.zip")
    rest = zipfile.ZipFile(folder / "python_stdlib_rest.zip")
    for name, archive, kept in [
        ("json/__init__", first, False),
        ("typing", first, False),
        ("_pyodide/_core_docs", first, True),
        ("csv", rest, True),
    ]:
        docstring = first_docstring(sources / "stdlib" / f"{name}.py").encode()
        assert (docstring in archive.read(f"{name}.pyc")) == kept, name


@pytest.fixture
def watched_panel(origin, browser):
    """The first panel of a page, Run once; every URL the page and its worker asked for."""
    page, problems = open_offline(browser, origin)
    asked: list[str] = []
    page.context.on("request", lambda request: asked.append(request.url))
    texts: list[str] = []
    page.expose_function("noteProgress", lambda text: texts.append(text))
    page.goto(origin + "/flask-webserver/", wait_until="networkidle")
    page.evaluate(
        """() => new MutationObserver(() => {
            const status = document.querySelector(".live-progress span");
            if (status) window.noteProgress(status.textContent);
        }).observe(document, { subtree: true, childList: true, characterData: true })"""
    )
    panel = open_panel(page, page.locator(".exchange").first)
    yield page, panel, asked, texts
    page.context.close()
    assert problems == []


def test_the_first_run_fetches_neither_the_rest_of_the_library_nor_sources(watched_panel):
    _, _, asked, _ = watched_panel
    assert any(url.endswith("/python_stdlib.zip") for url in asked)
    assert [url for url in asked if any(later in url for later in LATER)] == []


def test_an_import_from_the_rest_of_the_library_fetches_it_and_answers(watched_panel):
    page, panel, asked, _ = watched_panel
    replace_file(page, panel, IMPORTS_ON_DEMAND)
    status, body, shown = send(page, panel)
    assert (status, body) == ("200", "42,zoneinfo"), shown
    assert [url for url in asked if url.endswith("/python_stdlib_rest.zip")] != []


def test_the_progress_total_never_changes_and_the_count_never_goes_back(watched_panel):
    _, _, _, texts = watched_panel
    sizes = [re.search(r"([\d.]+) MB of ([\d.]+) MB", text) for text in texts]
    readings = [(float(found[1]), float(found[2])) for found in sizes if found]
    assert len(readings) > 2, texts
    assert len({total for _, total in readings}) == 1, readings
    loaded = [done for done, _ in readings]
    assert loaded == sorted(loaded)
    assert loaded[-1] == readings[0][1]


def test_a_traceback_through_flask_shows_flasks_own_lines(origin, browser):
    page, problems = visit_offline(browser, origin, "/flask-webserver/")
    panel = open_panel(page, page.locator(".exchange").first)
    source = (ROOT / "examples" / "hello-flask" / "app.py").read_text()
    replace_file(page, panel, source.replace('return "Hello from Flask!"', "return 1 / 0"))
    status, _, shown = send(page, panel)
    assert status == "error"
    frame = r'site-packages/flask/app\.py", line (\d+), in \w+\n( +(?!File ).+)?'
    frames = re.findall(frame, shown)
    assert frames, shown
    assert all(line for _, line in frames), shown
    flask_lines = Path(flask.__file__).with_name("app.py").read_text().splitlines()
    for number, line in frames:
        assert flask_lines[int(number) - 1].strip() == line.strip()
    page.context.close()
    assert problems == []


def test_help_and_getdoc_in_the_editor_read_docstrings_left_out_of_the_bytecode(watched_panel):
    page, panel, asked, _ = watched_panel
    replace_file(page, panel, DOCSTRINGS_ON_DEMAND)
    status, body, shown = send(page, panel)
    assert status == "200", shown
    answer = json.loads(body)
    assert answer["getdoc"] == inspect.getdoc(flask.Flask)
    assert "Help on function dumps in module json:" in answer["help"]
    assert "Serialize ``obj`` to a JSON formatted ``str``." in answer["help"]
    fetched = [url.partition("/python-source/")[2] for url in asked if "/python-source/" in url]
    assert {"site-packages/flask/app.py", "stdlib/json/__init__.py"} <= set(fetched)
