"""An exercise block on its way: its solution and its starting app run, its checks proven.

Both apps run as exchange blocks do (``jobs.BlockJob``: from the cache or a
forked child, the same limits), started as soon as the build finds the
block. The solution's answers give each check its expected value
(``example_core.checking``); the starting app, run the same way (debug
mode or not, as the page's Check and the student's pytest run it), must
answer every request, and fail at least one check, else there is nothing
left to write. Then come the files the
page and the student need: the exercise's data file, the solution's bundle
(fetched only when the reader asks for it) and the exercise's zip.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from functools import cache
from html import escape

from example_core.checking import expected_check, verdicts
from example_core.errors import BlockError
from example_core.examples import is_example
from example_core.exercise_blocks import ExerciseBlock
from example_core.parse import DEFAULT_BODY_LINES, ExchangeBlock
from example_core.settings import RunSettings
from example_core.wire import request_json
from live_examples.bundle import bundle_bytes
from take_home.downloads_page import CHECKED_WITH, PROJECT_REQUIREMENTS
from take_home.exercise_zip import ExerciseDownload, exercise_path, exercise_zip
from take_home.requirements import flask_requirements

from .block_job import BlockJob

SOLUTIONS_FOLDER = "live/solutions"
EXERCISES_FOLDER = "live/exercises"


def as_exchange(block: ExerciseBlock, example: str, debug: bool) -> ExchangeBlock:
    """The exercise's requests as an exchange block of ``example``."""
    return ExchangeBlock(
        **block.fence(example=example),
        requests=block.requests,
        expect=(),
        headers=None,
        body_lines=DEFAULT_BODY_LINES,
        preview=False,
        debug=debug,
    )


@dataclass(frozen=True)
class Proven:
    """The checks of an exercise the build proved, with their expected values."""

    checks: list[dict]


class ExerciseJob:
    """The runs of one exercise's solution and starting app, begun at once."""

    def __init__(self, block: ExerciseBlock, settings: RunSettings) -> None:
        self.block = block
        self.settings = settings
        self.solution_dir = settings.solutions / block.id
        self._start = BlockJob(as_exchange(block, block.example, block.debug), settings)
        self._solution = None
        if is_example(self.solution_dir):
            solutions = replace(settings, examples=settings.solutions)
            self._solution = BlockJob(as_exchange(block, block.id, block.debug), solutions)

    def proven(self) -> Proven:
        """The checks with their expected values; raises ``BlockError`` for the author."""
        block = self.block
        if self._solution is None:
            raise block.error(
                f"no solution: write the finished app in solutions/{block.id}/ "
                "(an app.py that defines app)"
            )
        try:
            solution = self._solution.exchanges()
        except BlockError as error:
            raise block.error(
                f"the solution (solutions/{block.id}): {error.reason}",
                line=error.line,
                request=error.request,
            ) from None
        checks = []
        for check in block.checks:
            try:
                checks.append(expected_check(check.request, check.spec, solution[check.request]))
            except ValueError as error:
                summary = block.requests[check.request].summary
                raise block.error(str(error), line=check.line, request=summary) from None
        start = self._start.exchanges()
        if all(v["passed"] for v in verdicts(checks, list(start))):
            raise block.error(
                f"the starting app (examples/{block.example}) already passes every check: "
                "leave out the part the student is to write"
            )
        return Proven(checks)

    def files(self, proven: Proven, bundle: str) -> tuple[str, dict[str, bytes]]:
        """The URL of the exercise's data file, and its files: that, the solution's bundle, the zip.

        ``bundle`` is the URL of the starting app's bundle. The data is what
        the page's Check needs (the requests, the checks, the hints...): a
        file fetched on the reader's first sign of interest, as an exchange
        block's ``data-live`` is, so that a page's weight stays within budget.
        """
        block, settings = self.block, self.settings
        solution = bundle_bytes(self.solution_dir, settings.epoch)
        digest = hashlib.sha256(solution).hexdigest()[:10]
        solution_path = f"{SOLUTIONS_FOLDER}/{block.id}.{digest}.json"
        data = {
            "bundle": bundle,
            "solution": f"{settings.site_root}/{solution_path}",
            "debug": block.debug,
            "tries": block.tries,
            "hints": [inline_html(hint) for hint in block.hints],
            "requests": [request_json(request) for request in block.requests],
            "checks": proven.checks,
        }
        requirements, python = _requirements()
        download = ExerciseDownload(
            id=block.id,
            title=block.title,
            task=block.task,
            start_dir=settings.examples / block.example,
            exchange=as_exchange(block, block.example, block.debug),
            data=data,
            requirements=requirements,
            python=python,
        )
        zipped = exercise_zip(download, settings.epoch)
        data_bytes = data_json(data).encode()
        data_path = f"{EXERCISES_FOLDER}/{hashlib.sha256(data_bytes).hexdigest()[:12]}.json"
        files = {solution_path: solution, exercise_path(block.id): zipped, data_path: data_bytes}
        return f"{settings.site_root}/{data_path}", files

    def close(self) -> None:
        """Stop both runs' child processes, if still running."""
        self._start.close()
        if self._solution is not None:
            self._solution.close()


@cache
def _requirements() -> tuple[str, str]:
    return flask_requirements(PROJECT_REQUIREMENTS, *CHECKED_WITH)


def inline_html(text: str) -> str:
    """Text with `code` spans, as HTML: escaped, each pair of backticks a ``<code>``."""
    parts = escape(text, quote=False).split("`")
    return "".join(
        f"<code>{part}</code>" if index % 2 else part for index, part in enumerate(parts)
    )


def data_json(data: dict) -> str:
    """The exercise's data file: JSON, always the same text for the same data."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
