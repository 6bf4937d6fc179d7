"""Honour a note's blocks: one module per kind of block, each rendering its own HTML.

``render_blocks`` is the only entry: it takes every exchange block's job
(started ahead by ``jobs.StartedJobs``, so all of a note's examples run at
once; an exercise's two runs; a prediction's exchange) and hands each
block to its kind's ``render``, an exchange with its anchor (see ``anchors``).
"""

from __future__ import annotations

from example_core.exercise_blocks import ExerciseBlock
from example_core.parse import Block, ExchangeBlock, IncludeBlock, PredictBlock
from example_core.settings import RunSettings

from ..jobs import StartedJobs
from . import exchange, exercise, include, predict
from .anchors import exchange_anchors
from .context import BlockContext


def render_blocks(
    blocks: list[Block], settings: RunSettings, started: StartedJobs | None = None
) -> list[str]:
    """The HTML for each block, in order.

    Blocks found in ``started`` are not run again. Raises the ``BlockError``
    of the first block, in reading order, that fails.
    """
    context = BlockContext(settings, started or StartedJobs(settings))
    jobs = [_take(block, context.started) for block in blocks]
    anchors = exchange_anchors(blocks)
    try:
        return [
            _render(block, context, job, anchors.get(block.line, ""))
            for block, job in zip(blocks, jobs, strict=True)
        ]
    finally:
        for job in jobs:
            if job:
                job.close()


def _take(block: Block, started: StartedJobs) -> object:
    """The block's runs, started ahead: none for an include block."""
    if isinstance(block, ExerciseBlock):
        return started.take_exercise(block)
    if isinstance(block, PredictBlock):
        return started.take(block.exchange)
    return started.take(block) if isinstance(block, ExchangeBlock) else None


def _render(block: Block, context: BlockContext, job: object, anchor: str) -> str:
    if isinstance(block, ExchangeBlock):
        return exchange.render(block, context, job, anchor)
    if isinstance(block, ExerciseBlock):
        return exercise.render(block, context, job)
    if isinstance(block, PredictBlock):
        return predict.render(block, context, job, anchor)
    if isinstance(block, IncludeBlock):
        return include.render(block, context)
    raise TypeError(f"no renderer for {type(block).__name__}")
