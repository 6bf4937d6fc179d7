"""A block's fence line: its options (``key=value``, shell quoting), read one way for every kind."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from typing import Any

from .errors import BlockError

# An example is a folder directly inside examples/: no path, no way out of it.
EXAMPLE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


@dataclass(frozen=True)
class Fence:
    """Where a block is written: its note, the line of its options, its fence's lines, its example.

    ``line`` counts from 1, as an editor does; ``start`` and ``end`` are the
    0-based indexes of the opening and closing fence lines.
    """

    note: str
    line: int
    start: int
    end: int
    example: str

    def fence(self, **changes: Any) -> dict[str, Any]:
        """The ``Fence`` fields of this block, with ``changes``: for a block made from it."""
        return {
            "note": self.note,
            "line": self.line,
            "start": self.start,
            "end": self.end,
            "example": self.example,
            **changes,
        }

    def error(
        self, message: str, *, line: int | None = None, request: str | None = None
    ) -> BlockError:
        """A ``BlockError`` at this block (or at ``line`` of its note), naming its example."""
        return BlockError(
            self.note, line or self.line, message, example=self.example, request=request
        )


def fence_at(note: str, start: int, end: int, example: str) -> dict[str, Any]:
    """The ``Fence`` fields of a block whose options are on the opening fence, line ``start``."""
    return {"note": note, "line": start + 1, "start": start, "end": end, "example": example}


def parse_options(note: str, line: int, text: str, known: tuple[str, ...]) -> dict[str, str]:
    """The fence's options by name; each known, each once, ``example=`` a plain folder name."""
    try:
        words = shlex.split(text)
    except ValueError as error:
        raise BlockError(note, line, f"cannot read the fence options: {error}") from None
    options: dict[str, str] = {}
    for word in words:
        key, _, value = word.partition("=")
        if key not in known:
            raise BlockError(
                note, line, f"unknown option '{key}' (known options: {', '.join(known)})"
            )
        if key in options:
            raise BlockError(note, line, f"option '{key}' is given twice: give it once")
        options[key] = value
    example = options.get("example")
    if not example:
        raise BlockError(note, line, "the block needs an example=<name> option")
    if not EXAMPLE_NAME.fullmatch(example) or ".." in example:
        raise BlockError(
            note,
            line,
            f"example={example!r} is refused: an example is a folder name directly "
            "inside examples/, not a path",
        )
    return options


def parse_int(note: str, line: int, option: str, value: str) -> int:
    """An option's whole number."""
    if not value.isdigit():
        raise BlockError(note, line, f"option {option}={value!r} is not a whole number")
    return int(value)


def parse_names(value: str | None) -> tuple[str, ...] | None:
    """A comma-separated list, or None when the option is not given."""
    if value is None:
        return None
    return tuple(name.strip() for name in value.split(",") if name.strip())


def parse_switch(note: str, line: int, option: str, value: str) -> bool:
    """An ``on``/``off`` option."""
    if value not in ("on", "off"):
        raise BlockError(note, line, f"option {option}={value!r} must be on or off")
    return value == "on"
