"""The predict block (*predict it*): choose what the server will answer, then see it.

The question is about the last request's answer (``ask=``, a check's spec:
see ``example_core.checking``); the right choice is what the build got,
and must be among the author's ``choices=``. Below the choices, the
exchange itself, folded until the reader asks for it, with its Run button.
"""

from __future__ import annotations

from html import escape

from example_core.checking import field_value, parse_spec
from example_core.model import Exchange
from example_core.parse import PredictBlock

from ..exercise_job import inline_html
from ..jobs import BlockJob
from .context import BlockContext
from .exchange import render_answers


def right_answer(block: PredictBlock, exchange: Exchange) -> str:
    """The choice that is right: the part of ``exchange`` the block asks about, as text."""
    kind, name = parse_spec(block.ask)
    value = field_value(kind, name, exchange)
    if value is None:
        raise block.error(
            f"ask={block.ask!r}: the answer has no such part, so no choice can be right"
        )
    return value.split(maxsplit=1)[0] if kind == "status" else value


def render(block: PredictBlock, context: BlockContext, job: BlockJob, anchor: str) -> str:
    """The block's HTML: the question, the choices, and the exchange behind a summary.

    Raises ``BlockError`` when the right answer is not among the choices.
    """
    context.started.refuse_duplicate(block)
    exchanges = job.exchanges()
    answer = right_answer(block, exchanges[-1])
    if answer not in block.choices:
        raise block.error(
            f"the right answer {answer!r} is not among the choices "
            f"({' | '.join(block.choices)}): add it to choices="
        )
    ident = f"exercise-{block.id}"
    choices = "".join(
        f'<label><input type="radio" name="{ident}">{escape(choice)}</label>'
        for choice in block.choices
    )
    task = f"<p>{inline_html(block.task)}</p>\n" if block.task else ""
    shown = render_answers(block.exchange, context, exchanges, anchor)
    return (
        f'<section class="exercise predict" id="{ident}" data-answer="{escape(answer)}">\n'
        f"<h3>Predict: {escape(block.title)}</h3>\n"
        f"{task}"
        f"<fieldset><legend>{escape(_question(block))}</legend>"
        f"{choices}</fieldset>\n"
        f"<details><summary>Show the answer</summary>\n{shown}\n</details>\n"
        "</section>"
    )


def _question(block: PredictBlock) -> str:
    kind, name = parse_spec(block.ask)
    requests = block.exchange.requests
    last = "the last request, " if len(requests) > 1 else ""
    request = f"{last}{requests[-1].summary}"
    return {
        "status": f"The status of {request}",
        "body": f"The body of the answer to {request}",
        "header": f"The {name} header of the answer to {request}",
        "has-header": f"Does the answer to {request} have a {name} header?",
        "no-header": f"Does the answer to {request} have a {name} header?",
        "json": f"The JSON field {name} of the answer to {request}",
        "cookie": f"Does the answer to {request} set the cookie {name}?",
    }[kind]
