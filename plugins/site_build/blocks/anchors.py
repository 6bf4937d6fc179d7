"""Each exchange block's anchor: a readable id that survives rebuilds and unrelated edits.

An anchor is made of what the block is, not where it stands: its example and
its first request line (``ex-caching-get-page``). Two blocks of one note with
the same example and first request get ``-2``, ``-3``... in reading order, so
adding a block elsewhere on the page never renames an existing one.
"""

from __future__ import annotations

import re

from example_core.parse import Block, ExchangeBlock, PredictBlock

NOT_A_WORD = re.compile(r"[^a-z0-9]+")


def anchor_base(block: ExchangeBlock) -> str:
    """The anchor a block gets when no earlier block on its page has the same one."""
    request = block.requests[0]
    target = _slug(request.target) or "root"
    return f"ex-{_slug(block.example)}-{_slug(request.method)}-{target}"


def exchange_anchors(blocks: list[Block]) -> dict[int, str]:
    """Each exchange block's anchor, by the line its fence starts on, unique on the page."""
    anchors: dict[int, str] = {}
    seen: dict[str, int] = {}
    for found in blocks:
        # A prediction's exchange gets an anchor as any exchange does.
        block = found.exchange if isinstance(found, PredictBlock) else found
        if not isinstance(block, ExchangeBlock):
            continue
        base = anchor_base(block)
        seen[base] = seen.get(base, 0) + 1
        anchors[block.line] = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return anchors


def _slug(text: str) -> str:
    return NOT_A_WORD.sub("-", text.lower()).strip("-")
