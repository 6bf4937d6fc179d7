"""A block's fence line: its options (``key=value``, shell quoting), read one way for every kind."""

from __future__ import annotations

import re
import shlex

from .errors import BlockError

# An example is a folder directly inside examples/: no path, no way out of it.
EXAMPLE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


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
