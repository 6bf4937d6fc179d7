"""What a note's HTML depends on, so that Pelican's content cache knows when it is stale.

Pelican keeps a note's HTML in its content cache (``CACHE_CONTENT``,
``LOAD_CONTENT_CACHE``) for as long as the note's file keeps the same stamp:
its modification time, or a hash of it (``CHECK_MODIFIED_METHOD``). But a
note's HTML also holds what its examples answered, the source it includes
from them, and the URL of each example's bundle for the live panels, whose
name hashes the example's files. So the plugin widens the stamp Pelican
compares: the note's own stamp, plus a digest of every file of every example
its blocks name (and of an exercise's solution), of the moment the examples
run at, and of the settings and plugin code the blocks' HTML comes from.
Change any of these and Pelican reads the note again, so its blocks run
again; nothing else invalidates it.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from example_core.errors import BlockError
from example_core.examples import example_files, find_examples
from example_core.exercise_blocks import ExerciseBlock
from example_core.notes import normalized_lines
from example_core.parse import find_blocks
from example_core.settings import RunSettings

if TYPE_CHECKING:
    from pelican.cache import FileStampDataCacher

PLUGINS = Path(__file__).resolve().parents[1]
Stamp = tuple[object, str]


def examples_named(text: str, note: str) -> set[str] | None:
    """The folders a note's blocks name, or None if its blocks do not parse.

    An example is named by its folder (``shop``), an exercise's solution by
    its path from the examples' folder (``../solutions/<id>``).
    """
    # Tabs expanded and blank lines emptied, as the block preprocessor sees them.
    lines = normalized_lines(text)
    try:
        blocks = find_blocks(lines, note)
    except BlockError:
        return None
    solutions = {f"../solutions/{b.id}" for b in blocks if isinstance(b, ExerciseBlock)}
    return {block.example for block in blocks} | solutions


def example_digest(example_dir: Path) -> str:
    """A digest of an example's files; a missing example has one too, which its files change."""
    digest = hashlib.sha256(f"{example_dir.is_dir()}\0".encode())
    for path in example_files(example_dir) if example_dir.is_dir() else []:
        digest.update(path.relative_to(example_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


@cache
def plugin_digest() -> str:
    """A digest of the plugins' code and data: a cache written by other code is not trusted."""
    digest = hashlib.sha256()
    for path in sorted([*PLUGINS.rglob("*.py"), *PLUGINS.rglob("*.json"), *PLUGINS.rglob("*.txt")]):
        name = path.relative_to(PLUGINS).as_posix()
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def context_digest(settings: dict, run: RunSettings) -> str:
    """A digest of what every note's HTML depends on besides its own file and examples."""
    context = (plugin_digest(), run.epoch, run.site_url, str(run.examples), settings["MARKDOWN"])
    return hashlib.sha256(repr(context).encode()).hexdigest()


class NoteStamps:
    """The examples part of each note's stamp, for one build.

    It must describe the very files the note's HTML was made from. So it
    is taken for every note before the build starts any block
    (``prepare``), and Pelican caches what it read only if the files are
    still the same afterwards (``install``): an example saved during the
    build leaves the note out of the cache, and the next build reads it again.
    """

    def __init__(self, settings: dict, run: RunSettings) -> None:
        self._context = context_digest(settings, run)
        self._examples = run.examples
        self._parts: dict[str, str] = {}

    def prepare(self, notes: list[Path]) -> None:
        """Take the stamps of these notes now, before any of their blocks runs."""
        digests: dict[str, str] = {}
        for note in notes:
            self._parts[str(note)] = self._part(str(note), digests)

    def _part(self, filename: str, digests: dict[str, str]) -> str:
        try:
            names = examples_named(Path(filename).read_text(encoding="utf-8"), filename)
        except (OSError, UnicodeDecodeError):
            names = None  # Pelican's reader reports it
        if names is None:  # blocks that do not parse: depend on every example
            names = {folder.name for folder in find_examples(self._examples)}
        for name in names - digests.keys():
            digests[name] = example_digest(self._examples / name)
        parts = " ".join(f"{name}:{digests[name]}" for name in sorted(names))
        return f"{self._context} {parts}"

    def install(self, readers: FileStampDataCacher) -> None:
        """Make Pelican's readers compare the wider stamps, and cache only what still matches."""
        file_stamp = readers._get_file_stamp
        cache_data = readers.cache_data
        stamps: dict[str, Stamp] = {}

        def stamp(filename: str) -> Stamp:
            if filename not in stamps:
                if filename not in self._parts:  # a note that appeared during the build
                    self._parts[filename] = self._part(filename, {})
                stamps[filename] = (file_stamp(filename), self._parts[filename])
            return stamps[filename]

        def cache_if_unchanged(filename: str, data: object) -> None:
            if (file_stamp(filename), self._part(filename, {})) == stamp(filename):
                cache_data(filename, data)

        readers._get_file_stamp = stamp
        readers.cache_data = cache_if_unchanged
