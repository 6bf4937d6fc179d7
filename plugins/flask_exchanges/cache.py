"""Remember what a block's requests got, keyed by everything the answers depend on.

The key hashes the example's files, the block's requests, the pinned clock,
and the versions of Python, Flask and Werkzeug: change any of them and the
block runs again. Only successful runs are stored, so a failing block fails
on every build. Entries are JSON, one file per key, under Pelican's
``CACHE_PATH``.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import sys
from dataclasses import asdict
from importlib.metadata import version
from pathlib import Path

from .parse import ExchangeBlock, HttpRequest
from .run import Exchange, HttpResponse, RunSettings

FORMAT = 4


@functools.cache
def _versions() -> tuple[object, ...]:
    # Looking up installed versions is slow, and they cannot change during a build.
    return (FORMAT, sys.version, version("flask"), version("werkzeug"))


def cache_key(block: ExchangeBlock, settings: RunSettings) -> str:
    """A hex digest that changes whenever the block's answers could change."""
    digest = hashlib.sha256()
    digest.update(repr((_versions(), settings.epoch, block.debug, block.requests)).encode())
    example_dir = settings.examples / block.example
    for path in sorted(example_dir.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(example_dir)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def load(folder: Path, key: str) -> list[Exchange] | None:
    """The stored exchanges for ``key``, or None if there are none (or they are unreadable)."""
    try:
        entries = json.loads((folder / f"{key}.json").read_text())
        return [_exchange(entry) for entry in entries]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store(folder: Path, key: str, exchanges: list[Exchange]) -> None:
    """Save the exchanges for ``key``, atomically, so a crash never leaves half an entry."""
    folder.mkdir(parents=True, exist_ok=True)
    entries = [
        {
            "request": asdict(e.request),
            "sent_headers": e.sent_headers,
            "response": {
                "status": e.response.status,
                "headers": e.response.headers,
                "body": base64.b64encode(e.response.body).decode(),
            },
        }
        for e in exchanges
    ]
    partial = folder / f"{key}.json.partial"
    partial.write_text(json.dumps(entries, sort_keys=True))
    partial.replace(folder / f"{key}.json")


def _exchange(entry: dict) -> Exchange:
    request = entry["request"]
    response = entry["response"]
    return Exchange(
        HttpRequest(
            **{**request, "headers": tuple(tuple(h) for h in request["headers"])},
        ),
        HttpResponse(
            response["status"],
            tuple(tuple(h) for h in response["headers"]),
            base64.b64decode(response["body"]),
        ),
        tuple(tuple(h) for h in entry["sent_headers"]),
    )
