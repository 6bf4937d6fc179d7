"""The author's loop, driven for real: ``invoke livereload`` and ``invoke regenerate``.

Each test runs the task in a subprocess on a copy of the site, on a free
port, edits files as an author would, and waits (a few seconds at most)
for the page, the terminal and ``output/`` to show the change.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask_exchanges.dependencies import note_stamper
from flask_exchanges.run import RunSettings

from tests.site_checks import ROOT, tree_digest

HELLO = "Hello from Flask!"
BROKEN = "raise RuntimeError('broken on purpose')\n"
WAIT = 8.0  # seconds: generous for a shared machine; the benchmark measures the real time
NEW_EXAMPLE = '''"""A new example."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    return "Brand new answer"
'''
NEW_NOTE = """Title: A new note
Slug: new-note

```exchange example=brand-new expect=200
GET /
```
"""


def copy_site(destination: Path) -> Path:
    """A copy of the project that builds on its own, sharing the live runtime's cache."""
    destination.mkdir()
    for name in ("pelicanconf.py", "tasks.py", "author_loop.py", "package-lock.json"):
        shutil.copy(ROOT / name, destination / name)
    for folder in ("content", "examples", "theme", "plugins"):
        shutil.copytree(
            ROOT / folder, destination / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    (destination / "node_modules").symlink_to(ROOT / "node_modules")
    (destination / "cache").mkdir()
    (destination / "cache" / "live").symlink_to((ROOT / "cache" / "live").resolve())
    return destination


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Loop:
    """One ``invoke`` loop task running on a copy of the site; its terminal, line by line."""

    def __init__(self, site: Path, task: str, port: int) -> None:
        self.site = site
        self.port = port
        self.lines: list[str] = []
        self._new: queue.Queue[str] = queue.Queue()
        arguments = ["--port", str(port)] if task == "livereload" else []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "invoke", task, *arguments],
            cwd=site,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONUNBUFFERED": "1"},
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout
        for line in self.process.stdout:
            self._new.put(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float = WAIT) -> str:
        """The next line of the terminal matching ``pattern``; fails after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self._new.get(timeout=left)
            except queue.Empty:
                break
            self.lines.append(line)
            if re.search(pattern, line):
                return line
        raise AssertionError(f"no line matching {pattern!r}; terminal:\n" + "\n".join(self.lines))

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)

    def url(self, path: str) -> str:
        return f"http://localhost:{self.port}{path}"


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


def edit(path: Path, old: str, new: str) -> None:
    """Save a file with ``old`` replaced, the way editors do: a new file renamed over the old."""
    text = path.read_text()
    assert old in text
    partial = path.with_name(path.name + ".partial~")
    partial.write_text(text.replace(old, new))
    partial.replace(path)


def cached_results(site: Path) -> set[str]:
    return {p.name for p in (site / "cache" / "exchanges").glob("*.json")}


def hello_blocks() -> int:
    """How many different exchange blocks use the hello-flask example (each is run once)."""
    from flask_exchanges.parse import ExchangeBlock, find_blocks

    requests = set()
    for note in sorted((ROOT / "content").glob("*.md")):
        for block in find_blocks(note.read_text().split("\n"), note.name):
            if isinstance(block, ExchangeBlock) and block.example == "hello-flask":
                requests.add(block.requests)
    return len(requests)


def wait_until(check: Callable[[], bool], timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def bundle_of(page_html: str, example: str) -> str:
    found = re.search(rf'data-example="{example}" data-bundle="([^"]+)"', page_html)
    assert found, f"no exchange of {example} on the page"
    return found[1].lstrip("/")


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
        # Only the edited example's blocks ran again; the others came from the cache.
        assert len(cached_results(site_copy) - before_edit) == hello_blocks()
        bundle = bundle_of(page.content(), "hello-flask")
        with urllib.request.urlopen(loop.url("/" + bundle)) as response:
            files = json.load(response)["files"]
        assert "Hello from the loop!" in files["app.py"]["text"]

        good_build = tree_digest(site_copy / "output")
        app.write_text(app.read_text() + BROKEN)
        message = loop.wait_for(r"^ERROR: content/.*example 'hello-flask': loading app.py failed")
        loop.wait_for(r"^Build failed after app\.py .*output/ keeps the last good build")
        banner = page.locator("#author-loop-problems")
        expect(banner).to_contain_text(message.removeprefix("ERROR: "), timeout=WAIT * 1000)
        expect(banner).to_contain_text("RuntimeError: broken on purpose")
        expect(responses.first).to_contain_text("Hello from the loop!")
        assert tree_digest(site_copy / "output") == good_build
        page.screenshot(path=str(site_copy.parent / "banner.png"), full_page=False)

        edit(app, BROKEN, "")
        edit(app, "Hello from the loop!", "Fixed, and back")
        expect(responses.first).to_contain_text("Fixed, and back", timeout=WAIT * 1000)
        expect(banner).to_have_count(0)
    finally:
        page.close()


def test_regenerate_rebuilds_for_examples_notes_and_mistakes(site_copy, start_loop):
    loop = start_loop("regenerate")
    index = site_copy / "output" / "index.html"

    edit(site_copy / "examples" / "hello-flask" / "app.py", HELLO, "Hello again")
    loop.wait_for(r"^Rebuilt in .* after app\.py")
    assert "Hello again" in index.read_text()
    assert (site_copy / "output" / bundle_of(index.read_text(), "hello-flask")).is_file()

    # A new example, then a note that uses it.
    (site_copy / "examples" / "brand-new").mkdir()
    (site_copy / "examples" / "brand-new" / "app.py").write_text(NEW_EXAMPLE)
    loop.wait_for(r"^Rebuilt in .* after .*app\.py")
    (site_copy / "content" / "99-new.md").write_text(NEW_NOTE)
    loop.wait_for(r"^Rebuilt in .* after 99-new\.md")
    new_page = (site_copy / "output" / "new-note" / "index.html").read_text()
    assert "Brand new answer" in new_page
    assert (site_copy / "output" / bundle_of(new_page, "brand-new")).is_file()

    # Deleting the example breaks the note that uses it; output/ keeps the last good build.
    good_build = tree_digest(site_copy / "output")
    shutil.rmtree(site_copy / "examples" / "brand-new")
    loop.wait_for(r"^ERROR: content/99-new\.md:4: example 'brand-new': no such example")
    loop.wait_for(r"^Build failed after .*output/ keeps the last good build")
    assert tree_digest(site_copy / "output") == good_build

    (site_copy / "content" / "99-new.md").unlink()
    loop.wait_for(r"^Rebuilt in .* after 99-new\.md")
    assert not (site_copy / "output" / "new-note").exists()


def test_a_loop_started_on_a_stale_cache_shows_what_the_code_does_now(site_copy, start_loop):
    first = start_loop("regenerate")
    first.stop()
    edit(site_copy / "examples" / "hello-flask" / "app.py", HELLO, "Changed while stopped")
    start_loop("regenerate")
    index = (site_copy / "output" / "index.html").read_text()
    assert "Changed while stopped" in index
    assert (site_copy / "output" / bundle_of(index, "hello-flask")).is_file()


def test_a_notes_stamp_follows_the_examples_it_uses(tmp_path, make_example):
    examples = make_example("used", "app = 1\n", **{"templates__page.html": "<p>"})
    make_example("other", "app = 2\n")
    note = tmp_path / "note.md"
    note.write_text("```include example=used\n```\n")
    settings = {"MARKDOWN": {}}
    run = RunSettings(examples=examples, timeout=1, epoch=1)

    def stamp() -> object:
        return note_stamper(lambda name: "file stamp", settings, run)(str(note))

    first = stamp()
    (examples / "other" / "app.py").write_text("app = 3\n")
    assert stamp() == first
    (examples / "used" / "templates" / "page.html").write_text("<p>changed")
    assert stamp() != first
    second = stamp()
    (examples / "used" / "static").mkdir()
    (examples / "used" / "static" / "new.css").write_text("p {}")
    assert stamp() != second
