"""Find exchange and include blocks in a note and turn them into plain data.

Nothing here runs an example: the result is a description of what to run or
show, with the note and line of every piece, so that any later failure can
say where it came from.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

from .errors import BlockError
from .http_file import parse_requests
from .model import HttpRequest

FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
# An example is a folder directly inside examples/: no path, no way out of it.
EXAMPLE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
# A block's fence that does not start its line: indented, in a list item or a
# quote. Markdown would publish it as it is, so it is refused instead.
MISPLACED_FENCE = re.compile(r"^[ \t>*+\-\d.)]+(?:`{3,}|~{3,})\s*(?P<kind>exchange|include)\b")

EXCHANGE_OPTIONS = (
    "example",
    "expect",
    "headers",
    "request-headers",
    "lines",
    "preview",
    "debug",
    "diagram",
    "console",
    "over-socket",
)
INCLUDE_OPTIONS = ("example", "file", "lines", "function")
DEFAULT_BODY_LINES = 30


@dataclass(frozen=True)
class ExchangeBlock:
    """An ``exchange`` fence: requests to send to one example, and how to show them."""

    note: str
    line: int
    start: int
    end: int
    example: str
    requests: tuple[HttpRequest, ...]
    expect: tuple[int, ...]
    headers: tuple[str, ...] | None
    body_lines: int
    preview: bool
    debug: bool = True
    request_headers: tuple[str, ...] | None = None
    diagram: bool = False
    console: bool = False
    over_socket: bool = False

    def expected_status(self, index: int) -> int | None:
        """The status the request at ``index`` must get, or None if any will do."""
        if not self.expect:
            return None
        return self.expect[0] if len(self.expect) == 1 else self.expect[index]


@dataclass(frozen=True)
class IncludeBlock:
    """An ``include`` fence: which part of which example file to show."""

    note: str
    line: int
    start: int
    end: int
    example: str
    file: str
    lines: tuple[int, int] | None
    function: str | None


Block = ExchangeBlock | IncludeBlock


def find_blocks(lines: list[str], note: str) -> list[Block]:
    """Return every exchange and include block in a note's lines, in order.

    Other fenced code is skipped whole, so a note may show the syntax of a
    block inside a longer fence without it being run. A block's fence that
    does not start its line would not run, and is refused.
    """
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            _refuse_misplaced(lines[index], note, index + 1)
            index += 1
            continue
        fence, info = opening["fence"], opening["info"].strip()
        end = _closing_fence(lines, index, fence)
        kind = info.split(maxsplit=1)[0] if info else ""
        if kind in ("exchange", "include"):
            if end is None:
                raise BlockError(note, index + 1, f"this {kind} block has no closing {fence}")
            body = lines[index + 1 : end]
            parse = _parse_exchange if kind == "exchange" else _parse_include
            blocks.append(parse(note, index, end, info[len(kind) :], body))
        index = len(lines) if end is None else end + 1
    return blocks


def _refuse_misplaced(text: str, note: str, line: int) -> None:
    misplaced = MISPLACED_FENCE.match(text)
    if misplaced:
        kind = misplaced["kind"]
        raise BlockError(
            note,
            line,
            f"{kind} blocks must start at the beginning of a line, not indented nor inside "
            f"a list or a quote: there the block would not run, and its fence would be "
            "published as it is",
        )


def _closing_fence(lines: list[str], opening: int, fence: str) -> int | None:
    for index in range(opening + 1, len(lines)):
        candidate = lines[index].rstrip()
        if candidate.startswith(fence) and set(candidate) == {fence[0]}:
            return index
    return None


def _parse_options(note: str, line: int, text: str, known: tuple[str, ...]) -> dict[str, str]:
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


def _parse_int(note: str, line: int, option: str, value: str) -> int:
    if not value.isdigit():
        raise BlockError(note, line, f"option {option}={value!r} is not a whole number")
    return int(value)


def _parse_names(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(name.strip() for name in value.split(",") if name.strip())


def _parse_switch(note: str, line: int, option: str, value: str) -> bool:
    if value not in ("on", "off"):
        raise BlockError(note, line, f"option {option}={value!r} must be on or off")
    return value == "on"


def _parse_exchange(note: str, start: int, end: int, info: str, body: list[str]) -> ExchangeBlock:
    line = start + 1
    options = _parse_options(note, line, info, EXCHANGE_OPTIONS)
    example = options["example"]
    requests = parse_requests(note, example, start + 2, body)
    if not requests:
        raise BlockError(note, line, "the block holds no request", example=example)
    expect = tuple(
        _parse_int(note, line, "expect", status)
        for status in options.get("expect", "").split(",")
        if options.get("expect")
    )
    if len(expect) > 1 and len(expect) != len(requests):
        raise BlockError(
            note,
            line,
            f"expect= lists {len(expect)} statuses for {len(requests)} requests",
            example=example,
        )
    return ExchangeBlock(
        note=note,
        line=line,
        start=start,
        end=end,
        example=example,
        requests=requests,
        expect=expect,
        headers=_parse_names(options.get("headers")),
        request_headers=_parse_names(options.get("request-headers")),
        body_lines=_parse_int(note, line, "lines", options.get("lines", str(DEFAULT_BODY_LINES))),
        preview="preview" in options,
        diagram="diagram" in options,
        console="console" in options,
        over_socket="over-socket" in options,
        debug=_parse_switch(note, line, "debug", options.get("debug", "on")),
    )


def _parse_include(note: str, start: int, end: int, info: str, body: list[str]) -> IncludeBlock:
    line = start + 1
    options = _parse_options(note, line, info, INCLUDE_OPTIONS)
    if any(text.strip() for text in body):
        raise BlockError(
            note,
            line,
            "an include block must be empty: options say what to show",
            example=options["example"],
        )
    if "lines" in options and "function" in options:
        raise BlockError(
            note, line, "give lines= or function=, not both", example=options["example"]
        )
    return IncludeBlock(
        note=note,
        line=line,
        start=start,
        end=end,
        example=options["example"],
        file=options.get("file", "app.py"),
        lines=_parse_line_range(note, line, options["lines"]) if "lines" in options else None,
        function=options.get("function"),
    )


def _parse_line_range(note: str, line: int, text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d+)-(\d+)", text)
    if not match or not 0 < int(match[1]) <= int(match[2]):
        raise BlockError(note, line, f"lines={text!r} is not a range like 3-10")
    return int(match[1]), int(match[2])
