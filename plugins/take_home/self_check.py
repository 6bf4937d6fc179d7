"""What a download carries to check itself: ``pytest`` replays every block of its notes.

Three things go into the zip: ``test_as_the_pages_show.py`` (the module
``student_check`` here), ``pages.json`` (each block the notes show for the
example, with the requests and the answers the build got, in the JSON forms
of ``example_core.wire``) and ``check_copy/example_core/``: the modules of
the shared core that the check imports, directly or not, and their data,
found by reading the imports with ``ast``. The answers come from the build
itself (the ``ANSWERS`` setting, which ``site_build`` fills), so the zip's
check and the page can never disagree about what the page shows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from example_core.model import Exchange
from example_core.shipping import core_files
from example_core.wire import request_json, response_json

from .requests_file import ShownBlock

# The Pelican setting through which the build hands over a block's answers:
# a function of an ``ExchangeBlock`` that returns its list of ``Exchange``.
ANSWERS = "TAKE_HOME_ANSWERS"
CHECK = Path(__file__).with_name("student_check.py")
CHECK_FILE = "test_as_the_pages_show.py"
PAGES_FILE = "pages.json"
CORE_FOLDER = "check_copy/example_core"


def pages_json(
    example: str,
    files: list[str],
    epoch: int,
    shown: Iterable[ShownBlock],
    answers: Iterable[list[Exchange]],
) -> bytes:
    """The blocks the notes show for ``example``, with the build's answers, as JSON bytes."""
    blocks = [
        {
            "note": item.note.title,
            "heading": item.heading,
            "line": item.block.start + 1,
            "debug": item.block.debug,
            "requests": [request_json(exchange.request) for exchange in exchanges],
            "responses": [response_json(exchange.response) for exchange in exchanges],
        }
        for item, exchanges in zip(shown, answers, strict=True)
    ]
    data = {"example": example, "epoch": epoch, "files": files, "blocks": blocks}
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False).encode() + b"\n"


def check_files() -> dict[str, bytes]:
    """The check and the core's modules it needs, by their path in the download."""
    files = {CHECK_FILE: CHECK.read_bytes()}
    for path in core_files(CHECK):
        files[f"{CORE_FOLDER}/{path.name}"] = path.read_bytes()
    return files
