"""The exercise block (*write it*): the task, the requests that check it, and its data.

The page shows the task, the requests in the ``.http`` syntax and a
download; the live panel fetches the rest from the file ``data-live`` names
(the requests as JSON, the checks' expected values, the hints, the number
of tries before the solution, the URL of the solution's files).
"""

from __future__ import annotations

from html import escape

from example_core.exercise_blocks import ExerciseBlock
from take_home.exercise_zip import exercise_path

from ..exercise_job import ExerciseJob, inline_html
from ..html.messages import render_requests
from .context import BlockContext


def render(block: ExerciseBlock, context: BlockContext, job: ExerciseJob) -> str:
    """The block's HTML; keeps the solution's bundle and the zip among the build's files.

    Raises the ``BlockError`` of an exercise the build cannot prove.
    """
    started = context.started
    started.refuse_duplicate(block)
    proven = job.proven()
    live, files = job.files(proven, started.bundle_url(block.example))
    started.live_files.update(files)
    ident = f"exercise-{block.id}"
    download = f"{context.settings.site_url}/{exercise_path(block.id)}"
    return (
        f'<section class="exercise" id="{ident}" '
        f'data-live="{escape(live)}">\n'
        f"<h3>Exercise: {escape(block.title)}</h3>\n"
        f"<p>{inline_html(block.task)}</p>\n"
        f'<div class="highlight">{render_requests(block.requests)}</div>\n'
        f'<p><a href="{escape(download)}">'
        "Download the exercise</a></p>\n"
        "</section>"
    )
