"""How a download's README starts its example: ``flask run``, or the server its note uses.

Most notes run their example with Flask's development server on port 5000.
``servers.json`` names the others (``production`` runs under Waitress on
8080): the command, the address, the packages ``requirements.txt`` adds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files

HOST = "http://127.0.0.1:5000"
SERVERS = json.loads(files(__package__).joinpath("servers.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Server:
    """A server other than ``flask run``, as the example's note runs it."""

    command: str
    address: str
    packages: tuple[str, ...]
    why: str


def server_for(example: str) -> Server | None:
    """The server the note runs ``example`` with, or None for ``flask run``."""
    entry = SERVERS.get(example)
    if entry is None:
        return None
    return Server(entry["command"], entry["address"], tuple(entry["packages"]), entry["why"])


def address_of(server: Server | None) -> str:
    """Where the student's server listens: ``http://127.0.0.1:5000`` for ``flask run``."""
    return server.address if server else HOST
