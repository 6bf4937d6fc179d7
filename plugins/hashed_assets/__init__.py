"""Pelican plugin: every theme asset is published under a URL holding its content hash.

Templates call ``asset_url("style.css")`` and get ``theme/style.<hash>.css``;
notes write ``{asset}style.css`` (in a link or in text) and get
``/theme/style.<hash>.css``. A changed file always gets a new URL, so an
unchanged one can be cached for a year (``Cache-Control: immutable``). The
hash is of the file's bytes, so it is the same on every machine.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from pelican import Pelican, signals
from pelican.contents import Content
from pelican.generators import Generator

DIGEST_LENGTH = 10
ASSET_LINK = re.compile(r"\{asset\}([\w./-]+)")


def hashed_name(path: Path) -> str:
    """``style.css`` becomes ``style.<first hex digits of its SHA-256>.css``."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:DIGEST_LENGTH]
    return f"{path.stem}.{digest}{path.suffix}"


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


def add_asset_url(generator: Generator) -> None:
    """Make ``asset_url(name)`` available to every template."""
    generator.env.globals["asset_url"] = asset_resolver(generator.settings)


def replace_asset_links(content: Content) -> None:
    """Turn ``{asset}name`` in a note into the asset's hashed URL."""
    if "{asset}" not in (content._content or ""):
        return
    asset_url = asset_resolver(content.settings)
    site = content.settings["SITEURL"]
    content._content = ASSET_LINK.sub(lambda m: f"{site}/{asset_url(m[1])}", content._content)


def rename_to_hashed(pelican: Pelican) -> None:
    """Give the theme files Pelican copied into the output their hashed names."""
    output = Path(pelican.settings["OUTPUT_PATH"]) / pelican.settings["THEME_STATIC_DIR"]
    for folder in _theme_static(pelican.settings):
        for source in sorted(p for p in folder.rglob("*") if p.is_file()):
            copied = output / source.relative_to(folder)
            if copied.is_file():
                copied.replace(copied.with_name(hashed_name(source)))


def register() -> None:
    """Pelican's entry point for the plugin."""
    signals.generator_init.connect(add_asset_url)
    signals.content_object_init.connect(replace_asset_links)
    signals.finalized.connect(rename_to_hashed)
