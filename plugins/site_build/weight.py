"""Every page within its weight budget, checked by the build before the output is swapped in.

A page's weight here is what a reader's browser fetches before pressing
Run: the HTML and the files it names in ``<link>``, ``<script src>`` and
``<img src>``. ``tests/site/test_page_weight.py`` measures the same in Chromium,
response headers included, against the same ``PAGE_BUDGET``.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Bytes a page may weigh uncompressed before Run, its stylesheet and scripts included.
# The goal is 40 KB. With their exercises, predictions and glossary links, the
# flask-webserver, methods and sessions pages weigh 41.9 to 42.1 KB here (42.9 to 43.0 KB
# in Chromium, response headers included); a page published under a path weighs more.
PAGE_BUDGET = 43_500
# The kinds of <link> a browser fetches as the page loads (not a canonical or next page).
LOADED_LINKS = {"stylesheet", "icon", "preload", "modulepreload"}
TAG = re.compile(r"<(?P<name>link|script|img)\b(?P<attrs>[^>]*)>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*["']([^"']*)["']""")


def overweight_pages(output: Path, root: str = "", budget: int = PAGE_BUDGET) -> list[str]:
    """A message for each page of ``output`` over ``budget``, naming it and its weight.

    ``root`` is the path the pages link the site by (``SITE_ROOT``, such as
    ``/how-webservers-work`` on a project's GitHub Pages), which ``output`` lacks.
    """
    problems = []
    for page in sorted(output.rglob("*.html")):
        weight = page_weight(output, page, root)
        if weight > budget:
            problems.append(
                f"{page.relative_to(output).as_posix()}: the page weighs {weight:,} bytes "
                f"with the files it loads before Run, over its budget of {budget:,} "
                "(PAGE_BUDGET in plugins/site_build/weight.py): make the note shorter, "
                "split it, or show fewer headers (headers=, request-headers=)"
            )
    return problems


def page_weight(output: Path, page: Path, root: str = "") -> int:
    """The bytes of ``page`` and of each file of ``output`` it loads (each counted once)."""
    html = page.read_text(errors="replace")
    files = {_local_file(output, page, url, root) for url in _loaded_urls(html)}
    return page.stat().st_size + sum(path.stat().st_size for path in files if path)


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
