"""Pelican plugin: every theme asset is published under a URL holding its content hash.

Templates call ``asset_url("style.css")`` and get ``theme/style.<hash>.css``;
notes write ``{asset}style.css`` (in a link or in text) and get
``/theme/style.<hash>.css``. A changed file always gets a new URL, so an
unchanged one can be cached for a year (``Cache-Control: immutable``). The
hash is of the bytes published, so it is the same on every machine. The
CSS and JS a reader downloads are minified by esbuild (pinned in
package.json). A file about as small as its own response's head (the
favicon) is written into each page instead, as a data: URL (``data_url(name)``).
"""

from __future__ import annotations

import functools
import hashlib
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from pelican import Pelican, signals
from pelican.contents import Content
from pelican.generators import Generator

DIGEST_LENGTH = 10
ESBUILD = Path(__file__).resolve().parents[2] / "node_modules" / ".bin" / "esbuild"
# What a browser reads as code, so whitespace and comments are only weight.
MINIFIED = (".css", ".js")
ASSET_LINK = re.compile(r"\{asset\}([\w./-]+)")
# What a data: URL of ours carries, by the file's suffix; every other character
# of the file is percent-encoded, so the URL is valid in an attribute.
DATA_TYPES = {".svg": "image/svg+xml"}
DATA_URL_KEEPS = "/:=',"


def hashed_name(path: Path) -> str:
    """``style.css`` becomes ``style.<first hex digits of its SHA-256>.css``.

    The hash is of the bytes published, minified or not.
    """
    digest = hashlib.sha256(published_bytes(path)).hexdigest()[:DIGEST_LENGTH]
    return f"{path.stem}.{digest}{path.suffix}"


def published_bytes(path: Path) -> bytes:
    """A theme file as the site serves it: CSS and JS minified by esbuild, the rest as is."""
    source = path.read_bytes()
    return _minified(source, path.suffix) if path.suffix in MINIFIED else source


@functools.cache
def _minified(source: bytes, suffix: str) -> bytes:
    # Cached by content: a rebuild minifies only what changed.
    if not ESBUILD.is_file():
        raise FileNotFoundError(f"{ESBUILD} is missing, and minifies the theme: run npm ci")
    command = [str(ESBUILD), f"--loader={suffix.lstrip('.')}", "--minify", "--log-level=warning"]
    if suffix == ".js":
        # Every script of the theme is an ES module: its top-level names are its own, and shrink.
        command.append("--format=esm")
    return subprocess.run(command, input=source, capture_output=True, check=True).stdout


def _theme_static(settings: dict) -> list[Path]:
    theme = Path(settings["THEME"])
    return [theme / folder for folder in settings["THEME_STATIC_PATHS"]]


def asset_resolver(settings: dict) -> Callable[[str], str]:
    """A function from a theme file's name to its hashed path in the output."""
    folders = _theme_static(settings)
    prefix = settings["THEME_STATIC_DIR"]

    def asset_url(name: str) -> str:
        source = next((f / name for f in folders if (f / name).is_file()), None)
        if source is None:
            raise FileNotFoundError(f"theme asset {name!r} is not in {folders}")
        return f"{prefix}/{Path(name).with_name(hashed_name(source)).as_posix()}"

    return asset_url


def data_resolver(settings: dict) -> Callable[[str], str]:
    """A function from the name of a file at the theme's top to a data: URL of its text.

    For a file of a few hundred bytes that every page names, such as the
    favicon: in the page, it costs no request of its own, whose response's
    head would weigh about as much as the file.
    """
    theme = Path(settings["THEME"])

    @functools.cache  # every page of a build names the same file
    def data_url(name: str) -> str:
        path = theme / name
        text = path.read_text().strip()
        return f"data:{DATA_TYPES[path.suffix]},{quote(text, safe=DATA_URL_KEEPS)}"

    return data_url


def add_asset_url(generator: Generator) -> None:
    """Make ``asset_url(name)`` and ``data_url(name)`` available to every template."""
    generator.env.globals["asset_url"] = asset_resolver(generator.settings)
    generator.env.globals["data_url"] = data_resolver(generator.settings)


def replace_asset_links(content: Content) -> None:
    """Turn ``{asset}name`` in a note into the asset's hashed URL."""
    if "{asset}" not in (content._content or ""):
        return
    asset_url = asset_resolver(content.settings)
    site = content.settings.get("SITE_ROOT", "")
    content._content = ASSET_LINK.sub(lambda m: f"{site}/{asset_url(m[1])}", content._content)


def rename_to_hashed(pelican: Pelican) -> None:
    """Publish the theme files Pelican copied into the output under their hashed names."""
    output = Path(pelican.settings["OUTPUT_PATH"]) / pelican.settings["THEME_STATIC_DIR"]
    for folder in _theme_static(pelican.settings):
        for source in sorted(p for p in folder.rglob("*") if p.is_file()):
            copied = output / source.relative_to(folder)
            if copied.is_file():
                copied.with_name(hashed_name(source)).write_bytes(published_bytes(source))
                copied.unlink()


def register() -> None:
    """Pelican's entry point for the plugin."""
    signals.generator_init.connect(add_asset_url)
    signals.content_object_init.connect(replace_asset_links)
    signals.finalized.connect(rename_to_hashed)
