"""Find exchange and include blocks in a note and turn them into plain data.

Nothing here runs an example: the result is a description of what to run or
show, with the note and line of every piece, so that any later failure can
say where it came from.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

from .checking import OF_THE_ANSWER, parse_spec
from .errors import BlockError
from .exercise_blocks import ExerciseBlock, Task, parse_exercise, read_directives, required, task_at
from .fences import Fence, fence_at, parse_int, parse_names, parse_options, parse_switch
from .http_file import parse_requests
from .model import HttpRequest

FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
# A block's fence that does not start its line: indented, in a list item or a
# quote. Markdown would publish it as it is, so it is refused instead.
MISPLACED_FENCE = re.compile(
    r"^[ \t>*+\-\d.)]+(?:`{3,}|~{3,})\s*(?P<kind>exchange|include|exercise|predict)\b"
)

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
PREDICT_OPTIONS = (
    "id",
    "title",
    "ask",
    "choices",
    "example",
    "expect",
    "headers",
    "request-headers",
    "lines",
    "debug",
)
DEFAULT_BODY_LINES = 30


@dataclass(frozen=True)
class ExchangeBlock(Fence):
    """An ``exchange`` fence: requests to send to one example, and how to show them."""

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
class IncludeBlock(Fence):
    """An ``include`` fence: which part of which example file to show."""

    file: str
    lines: tuple[int, int] | None
    function: str | None


@dataclass(frozen=True)
class PredictBlock(Task):
    """A ``predict`` fence: pick what the last request's answer holds, then see the exchange.

    ``ask`` is a check's spec (see ``checking``); ``exchange`` runs and shows like any block.
    """

    ask: str
    choices: tuple[str, ...]
    exchange: ExchangeBlock


Block = ExchangeBlock | IncludeBlock | ExerciseBlock | PredictBlock
KINDS = ("exchange", "include", "exercise", "predict")


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
        if kind in KINDS:
            if end is None:
                raise BlockError(note, index + 1, f"this {kind} block has no closing {fence}")
            body = lines[index + 1 : end]
            parse = {
                "exchange": _parse_exchange,
                "include": _parse_include,
                "exercise": parse_exercise,
                "predict": _parse_predict,
            }[kind]
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


def _parse_exchange(note: str, start: int, end: int, info: str, body: list[str]) -> ExchangeBlock:
    line = start + 1
    options = parse_options(note, line, info, EXCHANGE_OPTIONS)
    example = options["example"]
    requests = parse_requests(note, example, start + 2, body)
    if not requests:
        raise BlockError(note, line, "the block holds no request", example=example)
    expect = tuple(
        parse_int(note, line, "expect", status)
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
        **fence_at(note, start, end, example),
        requests=requests,
        expect=expect,
        headers=parse_names(options.get("headers")),
        request_headers=parse_names(options.get("request-headers")),
        body_lines=parse_int(note, line, "lines", options.get("lines", str(DEFAULT_BODY_LINES))),
        preview="preview" in options,
        diagram="diagram" in options,
        console="console" in options,
        over_socket="over-socket" in options,
        debug=parse_switch(note, line, "debug", options.get("debug", "on")),
    )


def _parse_predict(note: str, start: int, end: int, info: str, body: list[str]) -> PredictBlock:
    line = start + 1
    options = parse_options(note, line, info, PREDICT_OPTIONS)
    directives = read_directives(note, start, body)
    if directives.hints or directives.checks:
        raise BlockError(note, line, "a predict block takes '# @task' lines only, no hint or check")
    ask = required(note, line, options, "ask")
    try:
        parse_spec(ask, OF_THE_ANSWER)  # a prediction is about the answer the page shows
    except ValueError as error:
        raise BlockError(note, line, f"ask={ask!r}: {error}", example=options["example"]) from None
    choices = tuple(c.strip() for c in required(note, line, options, "choices").split("|"))
    if len(choices) < 2 or "" in choices or len(set(choices)) < len(choices):
        raise BlockError(
            note, line, 'choices= needs two or more different choices, such as choices="200|404"'
        )
    shown = [f"{key}={value}" for key, value in options.items() if key in EXCHANGE_OPTIONS]
    exchange = _parse_exchange(note, start, end, shlex.join(shown), list(directives.lines))
    return PredictBlock(
        **task_at(note, start, end, options, directives),
        ask=ask,
        choices=choices,
        exchange=exchange,
    )


def _parse_include(note: str, start: int, end: int, info: str, body: list[str]) -> IncludeBlock:
    line = start + 1
    options = parse_options(note, line, info, INCLUDE_OPTIONS)
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
        **fence_at(note, start, end, options["example"]),
        file=options.get("file", "app.py"),
        lines=_parse_line_range(note, line, options["lines"]) if "lines" in options else None,
        function=options.get("function"),
    )


def _parse_line_range(note: str, line: int, text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d+)-(\d+)", text)
    if not match or not 0 < int(match[1]) <= int(match[2]):
        raise BlockError(note, line, f"lines={text!r} is not a range like 3-10")
    return int(match[1]), int(match[2])
