"""The exercise blocks: *write it* (``exercise``) and the directives both kinds share.

An ``exercise`` block holds requests in the ``.http`` syntax, with comment
lines of its own: ``# @task`` (what to do), ``# @hint`` (one hint a line)
and ``# @check <spec>`` (a check on the answer to the request that follows,
see ``checking.parse_spec``). The starting app is the example it names; the
solution lives in ``solutions/<id>/``, beside ``examples/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .checking import parse_spec
from .errors import BlockError
from .fences import Fence, fence_at, parse_int, parse_options, parse_switch
from .http_file import parse_requests
from .model import HttpRequest

DIRECTIVE = re.compile(r"^\s*#\s*@(?P<kind>task|hint|check)\b\s*(?P<text>.*?)\s*$")
EXERCISE_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
EXERCISE_OPTIONS = ("id", "example", "title", "tries", "debug")
DEFAULT_TRIES = 3


@dataclass(frozen=True)
class CheckSpec:
    """A ``# @check`` line: the request it reads (its index), the spec, the line it is on."""

    request: int
    spec: str
    line: int


@dataclass(frozen=True)
class Directives:
    """What an exercise's comment lines say, and its lines with those made plain comments."""

    lines: tuple[str, ...]
    task: str
    hints: tuple[str, ...]
    checks: tuple[tuple[int, str], ...]  # (line, spec)


@dataclass(frozen=True)
class Task(Fence):
    """What both kinds of exercise have: an id (its link), a title and the task."""

    id: str
    title: str
    task: str


@dataclass(frozen=True)
class ExerciseBlock(Task):
    """An ``exercise`` fence: a task, requests and checks; the solution in ``solutions/<id>/``."""

    hints: tuple[str, ...]
    tries: int
    debug: bool
    requests: tuple[HttpRequest, ...]
    checks: tuple[CheckSpec, ...]


def read_directives(note: str, start: int, body: list[str]) -> Directives:
    """Take the ``# @task``, ``# @hint`` and ``# @check`` lines out of a block's body.

    They become plain ``#`` lines, so every other line keeps its number.
    """
    lines, task, hints, checks = [], [], [], []
    for number, text in enumerate(body, start=start + 2):
        found = DIRECTIVE.match(text)
        if not found:
            lines.append(text)
            continue
        lines.append("#")
        if not found["text"]:
            raise BlockError(note, number, f"'# @{found['kind']}' needs some text after it")
        {"task": task, "hint": hints}.get(found["kind"], []).append(found["text"])
        if found["kind"] == "check":
            checks.append((number, found["text"]))
    return Directives(tuple(lines), " ".join(task), tuple(hints), tuple(checks))


def exercise_id(note: str, line: int, options: dict[str, str]) -> str:
    """The ``id=`` option: lower-case letters, digits and dashes, the exercise's stable name."""
    given = options.get("id", "")
    if not EXERCISE_ID.fullmatch(given):
        raise BlockError(
            note, line, f"id={given!r}: an exercise needs an id of lower-case letters, digits and -"
        )
    return given


def required(note: str, line: int, options: dict[str, str], option: str) -> str:
    """An option the block cannot do without."""
    if not options.get(option):
        raise BlockError(
            note, line, f"the block needs a {option}= option", example=options["example"]
        )
    return options[option]


def task_at(
    note: str, start: int, end: int, options: dict[str, str], directives: Directives
) -> dict[str, Any]:
    """The ``Task`` fields of an exercise block whose options are on line ``start``."""
    line = start + 1
    return {
        **fence_at(note, start, end, options["example"]),
        "id": exercise_id(note, line, options),
        "title": required(note, line, options, "title"),
        "task": directives.task,
    }


def parse_exercise(note: str, start: int, end: int, info: str, body: list[str]) -> ExerciseBlock:
    """An ``exercise`` block, its checks tied to their requests; raises ``BlockError``."""
    line = start + 1
    options = parse_options(note, line, info, EXERCISE_OPTIONS)
    example = options["example"]
    directives = read_directives(note, start, body)
    requests = parse_requests(note, example, start + 2, list(directives.lines))
    if not requests:
        raise BlockError(note, line, "the block holds no request", example=example)
    if not directives.task:
        raise BlockError(note, line, "an exercise needs a '# @task' line", example=example)
    if not directives.checks:
        raise BlockError(note, line, "an exercise needs a '# @check' line", example=example)
    return ExerciseBlock(
        **task_at(note, start, end, options, directives),
        hints=directives.hints,
        tries=parse_int(note, line, "tries", options.get("tries", str(DEFAULT_TRIES))),
        debug=parse_switch(note, line, "debug", options.get("debug", "on")),
        requests=requests,
        checks=tuple(_tied(note, example, spec, requests) for spec in directives.checks),
    )


def _tied(
    note: str, example: str, check: tuple[int, str], requests: tuple[HttpRequest, ...]
) -> CheckSpec:
    """The check, tied to the first request after its line."""
    line, spec = check
    try:
        parse_spec(spec)
    except ValueError as error:
        raise BlockError(note, line, str(error), example=example) from None
    index = next((i for i, request in enumerate(requests) if request.line > line), None)
    if index is None:
        raise BlockError(
            note,
            line,
            "'# @check' comes before the request it checks: none follows it",
            example=example,
        )
    return CheckSpec(index, spec, line)
