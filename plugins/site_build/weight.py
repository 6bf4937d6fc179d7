"""Every page within its weight budget, checked by the build before the output is swapped in.

A page's weight here is what a reader's browser fetches before pressing
Run: the HTML and the files it names in ``<link>``, ``<script src>`` and
``<img src>``, each with its response's head. ``tests/site/test_page_weight.py``
measures the same in Chromium against the same ``PAGE_BUDGET``, and checks
that the two counts agree.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

# The goal of 40 KB, as tests/site/test_page_weight.py counts it in Chromium: 40,000 bytes
# downloaded before Run, uncompressed, each response's head (status line and headers)
# included, from a plain static file server. The build sees files, not responses: it
# counts each file's bytes and RESPONSE_HEAD bytes for its head, never less than Chromium
# counts (that test checks it). A page loads the stylesheet and one script (page.js),
# its icon written in. The heaviest pages are sessions (39,816 bytes here) and methods
# (39,813), with exercises, a prediction, a sequence diagram and glossary links. This is
# the budget at the root of a host: under a path, each link carries the path, and
# overweight_pages allows for those bytes (path_allowance).
PAGE_BUDGET = 40_000
# A plain static server's head (Python's http.server: a status line, then Server, Date,
# Content-type, Content-Length, Last-Modified) is 186 to 192 bytes; rounded up.
RESPONSE_HEAD = 200
# The kinds of <link> a browser fetches as the page loads (not a canonical or next page).
LOADED_LINKS = {"stylesheet", "icon", "preload", "modulepreload"}
TAG = re.compile(r"<(?P<name>link|script|img)\b(?P<attrs>[^>]*)>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*["']([^"']*)["']""")


def overweight_pages(output: Path, root: str = "", budget: int = PAGE_BUDGET) -> list[str]:
    """A message for each page of ``output`` over ``budget``, naming it and its weight.

    ``root`` is the path the pages link the site by (``SITE_ROOT``, such as
    ``/how-webservers-work`` on a project's GitHub Pages), which ``output`` lacks.
    The budget is for the site at the root of its host; under a path, each
    link carries the path's bytes too, and the budget grows by as many.
    """
    problems = []
    for page in sorted(output.rglob("*.html")):
        weight = page_weight(output, page, root)
        allowance = path_allowance(page, root)
        if weight > budget + allowance:
            for_path = f", plus {allowance:,} for the path {root} its links carry" if root else ""
            problems.append(
                f"{page.relative_to(output).as_posix()}: the page weighs {weight:,} bytes "
                "with the files it loads before Run and their responses' heads, "
                f"over its budget of {budget:,}{for_path} "
                "(PAGE_BUDGET in plugins/site_build/weight.py): make the note shorter, "
                "split it, or show fewer headers (headers=, request-headers=)"
            )
    return problems


def path_allowance(page: Path, root: str) -> int:
    """The bytes ``root`` adds to ``page``: its length, once for each link that carries it."""
    if not root:
        return 0  # a site at the root of its host: nothing to read
    return len(root) * page.read_text(errors="replace").count(f"{root}/")


def page_weight(output: Path, page: Path, root: str = "") -> int:
    """The bytes of ``page`` and of each file of ``output`` it loads (each counted once).

    Each of them also counts ``RESPONSE_HEAD`` bytes, for the head of the response
    that brings it.
    """
    html = page.read_text(errors="replace")
    files = {file for url in _loaded_urls(html) if (file := _local_file(output, page, url, root))}
    return sum(path.stat().st_size + RESPONSE_HEAD for path in {page.resolve(), *files})


def _loaded_urls(html: str) -> list[str]:
    """The URLs a page loads by itself: stylesheets, icons, scripts, images.

    A regular expression, not an HTML parser: the build runs this on every
    page of every rebuild, and our templates write plain tags.
    """
    urls = []
    for tag in TAG.finditer(html):
        attrs = {name.lower(): value for name, value in ATTRIBUTE.findall(tag["attrs"])}
        if tag["name"].lower() == "link":
            loaded = LOADED_LINKS & set(attrs.get("rel", "").split())
            url = attrs.get("href") if loaded else None
        else:
            url = attrs.get("src")
        if url:
            urls.append(url)
    return urls


def _local_file(output: Path, page: Path, url: str, root: str) -> Path | None:
    path = unquote(urlsplit(url).path)
    if not path:
        return None
    if root and path.startswith(f"{root}/"):
        path = path.removeprefix(root)
    target = output / path.lstrip("/") if path.startswith("/") else page.parent / path
    target = target.resolve()
    inside = target.is_relative_to(output.resolve())
    return target if inside and target.is_file() else None
