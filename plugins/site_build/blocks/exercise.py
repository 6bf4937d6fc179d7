"""The exercise block (*write it*): the task, the requests that check it, and its data.

The page shows the task, the requests in the ``.http`` syntax, what each
check reads and a download; the live panel reads the rest from the JSON
data beside them (the checks' expected values, the hints, the number of
tries before the solution, the URL of the solution's files).
"""

from __future__ import annotations

from html import escape

from example_core.exercise_blocks import ExerciseBlock

from ..exercise_job import ExerciseJob, data_json, inline_html
from ..html.messages import render_requests
from .context import BlockContext


def render(block: ExerciseBlock, context: BlockContext, job: ExerciseJob) -> str:
    """The block's HTML; keeps the solution's bundle and the zip among the build's files.

    Raises the ``BlockError`` of an exercise the build cannot prove.
    """
    started = context.started
    started.refuse_duplicate(block)
    proven = job.proven()
    data, files = job.files(proven, started.bundle_url(block.example))
    started.live_files.update(files)
    ident = f"exercise-{block.id}"
    checks = "".join(
        f"<li><code>{escape(block.requests[c['request']].summary)}</code>: {escape(_reads(c))}</li>"
        for c in proven.checks
    )
    return (
        f'<section class="exercise" id="{ident}" data-exercise="{block.id}" data-kind="write" '
        f'aria-labelledby="{ident}-title">\n'
        f'<h3 class="exercise-title" id="{ident}-title">Exercise: {escape(block.title)}</h3>\n'
        f'<p class="exercise-task">{inline_html(block.task)}</p>\n'
        f"<p>Start from the example <code>{escape(block.example)}</code>. "
        "Check sends these requests to your app:</p>\n"
        f'<div class="exercise-requests highlight">{render_requests(block.requests)}</div>\n'
        f'<ul class="exercise-checks">{checks}</ul>\n'
        f'<p class="exercise-links"><a href="{escape(data["download"])}">'
        "Download the exercise</a> (with its checks, for pytest)</p>\n"
        f'<script type="application/json" class="exercise-data">{data_json(data)}</script>\n'
        "</section>"
    )


def _reads(check: dict) -> str:
    """What a check reads, in words: ``the status``, ``the Location header``."""
    kind, field = check["kind"], check["field"]
    return {
        "status": "the status",
        "body": "the body",
        "header": f"the {field} header",
        "has-header": f"a {field} header is sent",
        "no-header": f"no {field} header is sent",
        "json": f"the JSON field {field.removeprefix('JSON ')}",
        "cookie": f"the cookie {field.removeprefix('Cookie ')} is set",
    }[kind]
