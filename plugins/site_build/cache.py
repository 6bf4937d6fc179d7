"""Remember what a block's requests got, keyed by everything the answers depend on.

The key hashes the example's files, the block's requests, the pinned clock,
and the versions of Python, Flask and Werkzeug: change any of them and the
block runs again. Only successful runs are stored, so a failing block fails
on every build. Entries are JSON, one file per key, under Pelican's
``CACHE_PATH``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
from importlib.metadata import version
from pathlib import Path

from example_core.examples import example_files
from example_core.model import Exchange
from example_core.parse import ExchangeBlock
from example_core.settings import RunSettings
from example_core.wire import exchange_from_json, exchange_json

FORMAT = 7


@functools.cache
def _versions() -> tuple[object, ...]:
    # Looking up installed versions is slow, and they cannot change during a build.
    return (FORMAT, sys.version, version("flask"), version("werkzeug"))


def cache_key(block: ExchangeBlock, settings: RunSettings) -> str:
    """A hex digest that changes whenever the block's answers could change."""
    digest = hashlib.sha256()
    answers = (_versions(), settings.epoch, block.debug, block.over_socket, block.requests)
    digest.update(repr(answers).encode())
    example_dir = settings.examples / block.example
    for path in example_files(example_dir):
        digest.update(str(path.relative_to(example_dir)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def load(folder: Path, key: str) -> list[Exchange] | None:
    """The stored exchanges for ``key``, or None if there are none (or they are unreadable)."""
    try:
        entries = json.loads((folder / f"{key}.json").read_text())
        return [exchange_from_json(entry) for entry in entries]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store(folder: Path, key: str, exchanges: list[Exchange]) -> None:
    """Save the exchanges for ``key``, atomically, so a crash never leaves half an entry."""
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f"{key}.json.partial"
    partial.write_text(json.dumps([exchange_json(e) for e in exchanges], sort_keys=True))
    partial.replace(folder / f"{key}.json")
