"""The author's loop, driven for real: ``invoke livereload`` and ``invoke regenerate``.

Each test runs the task in a subprocess on a copy of the site, on a free
port, edits files as an author would, and waits (a few seconds at most)
for the page, the terminal and ``output/`` to show the change.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from example_core.settings import RunSettings
from site_build.dependencies import NoteStamps
from tests.support.live import open_panel, send
from tests.support.loop_driver import WAIT, Loop, copy_site, edit
from tests.support.servers import free_port
from tests.support.site_checks import ROOT, tree_digest

HELLO = "Hello from Flask!"
BROKEN = "raise RuntimeError('broken on purpose')\n"
NEW_EXAMPLE = '''"""A new example, with a module beside it."""

from flask import Flask

from answers import ANSWER

app = Flask(__name__)


@app.get("/")
def home():
    return ANSWER
'''
NEW_NOTE = """Title: A new note
Slug: new-note

```exchange example=brand-new expect=200
GET /
```
"""


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    return copy_site(tmp_path / "site")


@pytest.fixture
def start_loop(site_copy: Path) -> Iterator[Callable[[str], Loop]]:
    loops: list[Loop] = []

    def start(task: str) -> Loop:
        loop = Loop(site_copy, task, free_port())
        loops.append(loop)
        loop.wait_for(r"^Rebuilt in .* after start", timeout=60)
        return loop

    yield start
    for loop in loops:
        loop.stop()


def cached_results(site: Path) -> set[str]:
    return {p.name for p in (site / "cache" / "exchanges").glob("*.json")}


def hello_blocks() -> int:
    """How many different exchange blocks use the hello-flask example (each is run once).

    A predict block's exchange is one of them: it runs as an exchange block does.
    """
    from example_core.parse import ExchangeBlock, PredictBlock, find_blocks

    requests = set()
    for note in sorted((ROOT / "content").glob("*.md")):
        for block in find_blocks(note.read_text().split("\n"), note.name):
            exchange = block.exchange if isinstance(block, PredictBlock) else block
            if isinstance(exchange, ExchangeBlock) and exchange.example == "hello-flask":
                requests.add(exchange.requests)
    return len(requests)


def wait_until(check: Callable[[], bool], timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def live_file_of(page_html: str, example: str) -> str:
    """The path of the live panel's file for the first block of ``example`` on the page."""
    found = re.search(rf'data-example="{example}" data-live="([^"]+)"', page_html)
    assert found, f"no exchange of {example} on the page"
    return found[1].lstrip("/")


def bundle_in(output: Path, page_html: str, example: str) -> Path:
    """The example's bundle that a block of the page names, in ``output``."""
    block = json.loads((output / live_file_of(page_html, example)).read_text())
    return output / block["bundle"].lstrip("/")


def missing_live_files(output: Path) -> list[str]:
    """The live panels' files that some page of ``output`` names but the build did not write."""
    missing = []
    for page in sorted(output.rglob("*.html")):
        for url in re.findall(r'data-live="([^"]+)"', page.read_text()):
            block = output / url.lstrip("/")
            if not block.is_file():
                missing.append(f"{page.relative_to(output)}: {url}")
            elif not (output / json.loads(block.read_text())["bundle"].lstrip("/")).is_file():
                missing.append(f"{page.relative_to(output)}: the bundle of {url}")
    return missing


def test_livereload_shows_each_edit_and_each_mistake_in_the_open_page(
    site_copy, start_loop, browser
):
    from playwright.sync_api import expect

    loop = start_loop("livereload")
    before_edit = cached_results(site_copy)
    page = browser.new_page()
    try:
        page.goto(loop.url("/"))
        loop.wait_for("Browser Connected")
        responses = page.locator(".exchange[data-example=hello-flask] .exchange-response")
        expect(responses.first).to_contain_text(HELLO)

        app = site_copy / "examples" / "hello-flask" / "app.py"
        edit(app, HELLO, "Hello from the loop!")
        expect(responses.first).to_contain_text("Hello from the loop!", timeout=WAIT * 1000)
        # Only the edited example's blocks ran again, and its requests.http from top to
        # bottom (what the zip says of it); the others came from the cache.
        assert len(cached_results(site_copy) - before_edit) == hello_blocks() + 1
        assert missing_live_files(site_copy / "output") == []
        with urllib.request.urlopen(loop.url("/")) as response:
            assert response.headers["Cache-Control"] == "no-cache"
            assert "/livereload.js" in response.read().decode()
        # The loop's scripts are added as the page is sent, never written into output/.
        assert "livereload" not in (site_copy / "output" / "index.html").read_text()
        live_file = live_file_of(page.content(), "hello-flask")
        with urllib.request.urlopen(loop.url("/" + live_file)) as response:
            bundle = json.load(response)["bundle"]
        with urllib.request.urlopen(loop.url(bundle)) as response:
            files = json.load(response)["files"]
        assert "Hello from the loop!" in files["app.py"]["text"]
        # The page's Run panel loads that bundle and answers as the page says.
        panel = open_panel(page, page.locator(".exchange[data-example=hello-flask]").first)
        assert send(page, panel)[1] == "Hello from the loop!"

        good_build = tree_digest(site_copy / "output")
        app.write_text(app.read_text() + BROKEN)
        message = loop.wait_for(r"^ERROR: content/.*example 'hello-flask': loading app.py failed")
        loop.wait_for(r"^Build failed after app\.py .*output/ keeps the last good build")
        banner = page.locator("#author-loop-problems")
        expect(banner).to_contain_text(message.removeprefix("ERROR: "), timeout=WAIT * 1000)
        expect(banner).to_contain_text("RuntimeError: broken on purpose")
        expect(responses.first).to_contain_text("Hello from the loop!")
        assert tree_digest(site_copy / "output") == good_build

        edit(app, BROKEN, "")
        edit(app, "Hello from the loop!", "Fixed, and back")
        expect(responses.first).to_contain_text("Fixed, and back", timeout=WAIT * 1000)
        expect(banner).to_have_count(0)

        add_example_and_note(site_copy, loop)
        # In a tab of its own: the open page may still be reloading after that build.
        new_page = browser.new_page()
        new_page.goto(loop.url("/new-note/"))
        expect(new_page.locator(".exchange-response")).to_contain_text("Brand new answer")
        new_page.close()
    finally:
        page.close()


def add_example_and_note(site: Path, loop: Loop) -> Path:
    """Write a new example (an app.py and a module beside it), then a note using it."""
    new_example = site / "examples" / "brand-new"
    new_example.mkdir()
    (new_example / "answers.py").write_text('ANSWER = "Brand new answer"\n')
    (new_example / "app.py").write_text(NEW_EXAMPLE)
    wait_until(lambda: any((site / "output" / "live" / "examples").glob("brand-new.*")))
    (site / "content" / "99-new.md").write_text(NEW_NOTE)
    loop.wait_for(r"^Rebuilt in .* after 99-new\.md")
    return new_example


def test_regenerate_rebuilds_for_examples_notes_and_mistakes(site_copy, start_loop):
    loop = start_loop("regenerate")
    index = site_copy / "output" / "index.html"

    edit(site_copy / "examples" / "hello-flask" / "app.py", HELLO, "Hello again")
    loop.wait_for(r"^Rebuilt in .* after app\.py")
    # The notes taken from the content cache still find their live files.
    assert missing_live_files(site_copy / "output") == []
    assert "Hello again" in index.read_text()
    assert bundle_in(site_copy / "output", index.read_text(), "hello-flask").is_file()

    # A broken app.py keeps output/ as it was, until it is fixed.
    good_build = tree_digest(site_copy / "output")
    app = site_copy / "examples" / "hello-flask" / "app.py"
    app.write_text(app.read_text() + BROKEN)
    loop.wait_for(r"^ERROR: content/.*example 'hello-flask': loading app.py failed")
    loop.wait_for(r"^Build failed after app\.py .*output/ keeps the last good build")
    assert tree_digest(site_copy / "output") == good_build
    edit(app, BROKEN, "")
    loop.wait_for(r"^Rebuilt in .* after app\.py")

    # A new example, then a note that uses it.
    new_example = add_example_and_note(site_copy, loop)
    new_page = site_copy / "output" / "new-note" / "index.html"
    assert "Brand new answer" in new_page.read_text()
    assert bundle_in(site_copy / "output", new_page.read_text(), "brand-new").is_file()

    # A module beside app.py, and a template, are parts of their examples too.
    edit(new_example / "answers.py", "Brand new", "Edited")
    loop.wait_for(r"^Rebuilt in .* after answers\.py")
    assert "Edited answer" in new_page.read_text()
    assert bundle_in(site_copy / "output", new_page.read_text(), "brand-new").is_file()
    edit(
        site_copy / "examples" / "templates" / "templates" / "lessons.html",
        "lessons</h1>",
        "lessons to learn</h1>",
    )
    loop.wait_for(r"^Rebuilt in .* after lessons\.html")
    assert "lessons to learn" in (site_copy / "output" / "templates" / "index.html").read_text()

    # Deleting the example breaks the note that uses it; output/ keeps the last good build.
    good_build = tree_digest(site_copy / "output")
    shutil.rmtree(site_copy / "examples" / "brand-new")
    loop.wait_for(r"^ERROR: content/99-new\.md:4: example 'brand-new': no such example")
    loop.wait_for(r"^Build failed after .*output/ keeps the last good build")
    assert tree_digest(site_copy / "output") == good_build

    (site_copy / "content" / "99-new.md").unlink()
    loop.wait_for(r"^Rebuilt in .* after 99-new\.md")
    assert not (site_copy / "output" / "new-note").exists()

    # A template that does not parse stops Pelican itself: the same message, output/ kept.
    good_build = tree_digest(site_copy / "output")
    base = site_copy / "theme" / "templates" / "base.html"
    edit(base, "<head>", "<head>{% if %}")
    loop.wait_for(r"^ERROR: theme/templates/base\.html:\d+: TemplateSyntaxError: ")
    loop.wait_for(r"^Build failed after base\.html")
    assert tree_digest(site_copy / "output") == good_build
    edit(base, "<head>{% if %}", "<head>")
    loop.wait_for(r"^Rebuilt in .* after base\.html")
    assert sorted(p.name for p in site_copy.glob("output*")) == ["output"]

    # The theme, and the settings.
    edit(site_copy / "theme" / "static" / "style.css", "body {", "body {\n  color: #123456;")
    loop.wait_for(r"^Rebuilt in .* after style\.css")
    assert "#123456" in "".join(
        p.read_text() for p in (site_copy / "output").glob("theme/style.*.css")
    )
    settings = site_copy / "pelicanconf.py"
    edit(settings, "TIMEZONE = ", "TIMEZONE = (")
    loop.wait_for(r"^ERROR: pelicanconf\.py:\d+: SyntaxError: ")
    edit(settings, "TIMEZONE = (", "TIMEZONE = ")
    edit(settings, "Tech notes with", "Notes with")
    loop.wait_for(r"^Rebuilt in .* after pelicanconf\.py")
    assert "Notes with Flask examples" in index.read_text()


def test_a_loop_started_on_a_stale_cache_shows_what_the_code_does_now(site_copy, start_loop):
    first = start_loop("regenerate")
    first.stop()
    edit(site_copy / "examples" / "hello-flask" / "app.py", HELLO, "Changed while stopped")
    start_loop("regenerate")
    index = (site_copy / "output" / "index.html").read_text()
    assert "Changed while stopped" in index
    assert bundle_in(site_copy / "output", index, "hello-flask").is_file()


class FakeReaders:
    """What ``NoteStamps`` uses of Pelican's ``Readers``: a stamp, and a cache that uses it."""

    def __init__(self) -> None:
        self.cached: dict[str, tuple[object, str]] = {}

    def _get_file_stamp(self, filename: str) -> object:
        return "the note's own stamp"

    def cache_data(self, filename: str, data: str) -> None:
        self.cached[filename] = (self._get_file_stamp(filename), data)


def stamped_readers(note: Path, examples: Path) -> FakeReaders:
    """Readers given the wider stamps, taken now, as at the start of a build."""
    stamps = NoteStamps({"MARKDOWN": {}}, RunSettings(examples=examples, timeout=1, epoch=1))
    stamps.prepare([note])
    readers = FakeReaders()
    stamps.install(readers)
    return readers


def test_a_notes_stamp_follows_the_examples_it_uses(tmp_path, make_example):
    examples = make_example("used", "app = 1\n", **{"templates__page.html": "<p>"})
    make_example("other", "app = 2\n")
    note = tmp_path / "note.md"
    note.write_text("```include example=used\n```\n\n```exchange example=later\nGET /\n```\n")

    def stamp() -> object:
        return stamped_readers(note, examples)._get_file_stamp(str(note))

    stamps = [stamp()]
    (examples / "other" / "app.py").write_text("app = 3\n")
    assert stamp() == stamps[-1]
    changes = [
        lambda: (examples / "used" / "templates" / "page.html").write_text("<p>changed"),
        lambda: (examples / "used" / "static").mkdir(),  # an empty folder is no file
        lambda: (examples / "used" / "static" / "new.css").write_text("p {}"),
        lambda: (examples / "later").mkdir(),
        lambda: (examples / "later" / "app.py").write_text("app = 4\n"),
        # A note whose blocks do not parse depends on every example.
        lambda: note.write_text("```exchange example=used colour=red\nGET /\n```\n"),
        lambda: (examples / "other" / "app.py").write_text("app = 5\n"),
    ]
    for change in changes:
        change()
        stamps.append(stamp())
    assert stamps[2] == stamps[1]
    assert len({stamps[0], stamps[1], *stamps[3:]}) == len(stamps) - 1


def test_a_note_whose_example_changed_during_the_build_is_not_cached(tmp_path, make_example):
    examples = make_example("used", "app = 1\n")
    note = tmp_path / "note.md"
    note.write_text("```include example=used\n```\n")
    readers = stamped_readers(note, examples)
    readers.cache_data(str(note), "the HTML")
    assert str(note) in readers.cached

    readers = stamped_readers(note, examples)
    (examples / "used" / "app.py").write_text("app = 2\n")  # saved while the note was read
    readers.cache_data(str(note), "the HTML of which app.py?")
    assert readers.cached == {}


def test_invoke_build_names_a_broken_template_and_keeps_output(site_copy):
    def build() -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "invoke", "build"],
            cwd=site_copy,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
        )

    assert build().returncode == 0
    good_build = tree_digest(site_copy / "output")
    edit(site_copy / "theme" / "templates" / "base.html", "<head>", "<head>{% if %}")
    result = build()
    assert result.returncode == 1
    assert re.search(
        r"^ERROR: theme/templates/base\.html:\d+: TemplateSyntaxError: Expected an expression",
        result.stderr,
        re.MULTILINE,
    ), result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(site_copy / "output") == good_build
    assert sorted(p.name for p in site_copy.glob("output*")) == ["output"]


def test_answers_of_an_example_saved_while_its_block_ran_are_not_cached(tmp_path, make_example):
    from example_core.parse import find_blocks
    from site_build.jobs import BlockJob

    app = "from flask import Flask\napp = Flask(__name__)\napp.get('/')(lambda: {answer!r})\n"
    examples = make_example("shop", app.format(answer="first"))
    settings = RunSettings(examples=examples, timeout=5, epoch=1, cache=tmp_path / "cache")
    (block,) = find_blocks(["```exchange example=shop", "GET /", "```"], "content/note.md")

    job = BlockJob(block, settings)  # its cache key is of the first app.py
    (examples / "shop" / "app.py").write_text(app.format(answer="second"))
    job.exchanges()
    job.close()
    assert not (tmp_path / "cache").exists()

    job = BlockJob(block, settings)
    assert job.exchanges()[0].response.body == b"second"
    job.close()
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1


def test_livereload_on_a_port_in_use_says_so(site_copy):
    with socket.socket() as taken:
        taken.bind(("localhost", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "invoke", "livereload", "--port", str(port)],
            cwd=site_copy,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 1
    assert f"Cannot serve on localhost:{port} (Address already in use)" in result.stderr
    assert not (site_copy / "output").exists()
