"""The production note's example, served by Waitress, answers as the page shows.

Waitress is started the way ``content/15-production.md`` tells a student to
start it, in the example's folder, once per block. Each block's requests go
to it over real HTTP, with the very headers the page shows. Status, body and
headers must agree, apart from what ``example_core.differences`` lists: the
headers only a real server adds, and their order, since Waitress sorts them.
"""

from __future__ import annotations

import pytest

from example_core.differences import in_any_order, without_server_headers
from site_build.jobs import run_exchange_block
from tests.support.notes import EXAMPLES, exchange_blocks
from tests.support.servers import send_over_http, waitress

NOTE = "content/15-production.md"
BLOCKS = [block for block in exchange_blocks() if block.note == NOTE]
# What the note tells a student to run, less the address.
WAITRESS_OPTIONS = ["--no-clear-untrusted-proxy-headers", "app:app"]


def test_the_note_has_blocks_and_runs_them_without_debug_mode():
    assert len(BLOCKS) >= 4
    assert all(not block.debug for block in BLOCKS)


@pytest.mark.parametrize("block", BLOCKS, ids=[f"{b.note}:{b.line}" for b in BLOCKS])
def test_waitress_answers_as_the_page_shows(block, project_settings):
    shown = run_exchange_block(block, project_settings)
    with waitress(EXAMPLES / block.example, WAITRESS_OPTIONS) as port:
        real = send_over_http(port, shown)
    expected = [without_server_headers(exchange.response) for exchange in shown]
    assert [in_any_order(r) for r in real] == [in_any_order(r) for r in expected]
