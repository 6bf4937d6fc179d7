"""The site as a host that reads ``_headers`` serves it: each path gets the headers of its rules.

``_headers`` is the format of Netlify and Cloudflare Pages: a line that starts
with ``/`` is a path pattern (``*`` matches anything, ``:name`` one segment),
and the indented ``Name: value`` lines under it are the headers of every path
it matches. A path that several rules match gets all their headers.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

from tests.support.site_checks import SiteServer, _QuietHandler

Rule = tuple[re.Pattern[str], list[tuple[str, str]]]


def _pattern(path: str) -> re.Pattern[str]:
    parts = re.split(r"(\*|:[A-Za-z]\w*)", path)
    regex = "".join(
        ".*" if part == "*" else "[^/]+" if part.startswith(":") else re.escape(part)
        for part in parts
    )
    return re.compile(regex + r"\Z")


def header_rules(text: str) -> list[Rule]:
    """The rules of a ``_headers`` file, in order: (path pattern, [(name, value)])."""
    rules: ClassVar[list[Rule]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((_pattern(line.strip()), []))
        else:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def headers_for(rules: list[Rule], path: str) -> list[tuple[str, str]]:
    """Every header the rules give the URL path ``path``."""
    return [header for pattern, headers in rules if pattern.match(path) for header in headers]


class _HeadersHandler(_QuietHandler):
    rules: ClassVar[list[Rule]] = []

    def end_headers(self) -> None:
        for name, value in headers_for(self.rules, self.path.partition("?")[0]):
            self.send_header(name, value)
        super().end_headers()


@contextmanager
def hosted(site: Path) -> Iterator[str]:
    """Serve ``site`` applying its own ``_headers``; yield its origin."""
    rules = header_rules((site / "_headers").read_text())
    handler = type("Handler", (_HeadersHandler,), {"rules": rules})
    server = SiteServer(site)
    server.RequestHandlerClass = functools.partial(handler, directory=str(site))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.origin
    finally:
        server.shutdown()
        server.server_close()
