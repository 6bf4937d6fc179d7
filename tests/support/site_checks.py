"""Checks on a built site: links, HTML validity, and a static server and browser to load it.

Each check takes a folder and returns what is wrong, so the gate tests can
run it on the real build and on a folder with a fault planted in it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from socketserver import BaseServer
from typing import BinaryIO
from urllib.parse import unquote, urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
LINK_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "iframe": "src"}


def tree_digest(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder``, by relative path."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def plant(site: Path, scratch: Path, page: str, before: str, fault: str) -> Path:
    """Copy ``site`` into ``scratch`` with ``fault`` inserted before ``before`` in ``page``."""
    planted = scratch / "planted-site"
    shutil.copytree(site, planted)
    target = planted / page
    target.write_text(target.read_text().replace(before, fault + before, 1))
    return planted


def html_pages(site: Path) -> list[Path]:
    """Every HTML file of the site."""
    return sorted(site.rglob("*.html"))


def page_url(site: Path, page: Path) -> str:
    """The URL path a static server gives a file: ``/routes/`` for routes/index.html."""
    relative = page.relative_to(site).as_posix()
    return "/" + relative.removesuffix("index.html")


class _PageLinks(HTMLParser):
    """Collects a page's outgoing links and the anchors other links may point at."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if values.get("id"):
            self.anchors.add(values["id"])
        if tag == "a" and values.get("name"):
            self.anchors.add(values["name"])
        wanted = LINK_ATTRIBUTES.get(tag)
        if wanted and values.get(wanted):
            self.links.append(values[wanted])


@functools.cache
def _parse(page: Path) -> _PageLinks:
    parser = _PageLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _target_file(site: Path, path: str) -> Path:
    target = site / unquote(path).lstrip("/")
    return target / "index.html" if path.endswith("/") else target


def check_links(site: Path) -> tuple[list[str], list[str]]:
    """Return (broken internal links, external links), each as "page -> link"."""
    broken: list[str] = []
    external: list[str] = []
    for page in html_pages(site):
        here = page_url(site, page)
        for link in _parse(page).links:
            where = f"{here} -> {link}"
            parts = urlsplit(urljoin(here, link))
            if parts.scheme in ("http", "https", "mailto"):
                external.append(where)
                continue
            if parts.scheme == "data":
                continue
            target = _target_file(site, parts.path)
            if not target.is_file():
                broken.append(f"{where} (no file {target.relative_to(site)})")
            elif (
                parts.fragment
                and target.suffix == ".html"
                and parts.fragment not in _parse(target).anchors
            ):
                broken.append(f"{where} (no #{parts.fragment} in that page)")
    return broken, external


def validate_html(pages: list[Path]) -> list[str]:
    """Errors the Nu HTML Checker finds in ``pages``, as "file:line: message"."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stderr or '{"messages": []}')
    return [
        f"{unquote(m['url']).removeprefix('file:')}:{m.get('lastLine', '?')}: {m['message']}"
        for m in report["messages"]
        if m.get("type") == "error"
    ]


class _QuietHandler(SimpleHTTPRequestHandler):
    server: SiteServer

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output clean."""

    def copyfile(self, source: BinaryIO, outputfile: BinaryIO) -> None:
        """Send a file's body, counting its bytes."""
        body = source.read()
        outputfile.write(body)
        self.server.count_sent(len(body))


class SiteServer(ThreadingHTTPServer):
    """A plain static file server on a free port, counting the body bytes it sends."""

    def __init__(self, site: Path) -> None:
        super().__init__(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
        self.bytes_sent = 0
        self._lock = threading.Lock()

    @property
    def origin(self) -> str:
        """Where the site is served, such as ``http://127.0.0.1:8123``."""
        return f"http://127.0.0.1:{self.server_address[1]}"

    def count_sent(self, size: int) -> None:
        """Add a body's bytes to ``bytes_sent``; handlers call it from their threads."""
        with self._lock:
            self.bytes_sent += size


@contextmanager
def in_background[Server: BaseServer](server: Server) -> Iterator[Server]:
    """Let ``server`` answer in a background thread while the block runs; close it after."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def serving(site: Path) -> AbstractContextManager[SiteServer]:
    """Serve ``site`` in a background thread while the block runs."""
    return in_background(SiteServer(site))


@contextmanager
def static_server(site: Path) -> Iterator[str]:
    """Serve ``site`` with a plain static file server; yield its origin."""
    with serving(site) as server:
        yield server.origin
