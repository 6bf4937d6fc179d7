"""The production note's example, served by Waitress, answers as the page shows.

Waitress is started the way ``content/15-production.md`` tells a student to
start it, in the example's folder, once per block. Each block's requests go
to it over real HTTP, with the very headers the page shows. Status, body and
headers must agree, apart from what ``example_core.differences`` lists: the
headers only a real server adds, and their order, since Waitress sorts them.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from example_core.differences import in_any_order, without_server_headers
from site_build.jobs import run_exchange_block
from tests.conftest import EXAMPLES
from tests.notes import exchange_blocks
from tests.test_real_server import free_port, send_over_http, wait_for

NOTE = "content/15-production.md"
BLOCKS = [block for block in exchange_blocks() if block.note == NOTE]
# What the note tells a student to run, less the address.
WAITRESS_OPTIONS = ["--no-clear-untrusted-proxy-headers", "app:app"]


@contextmanager
def waitress(folder: Path, options: list[str]) -> Iterator[int]:
    """Run ``waitress-serve`` in ``folder`` on a free port of 127.0.0.1; yield the port."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "waitress", f"--listen=127.0.0.1:{port}", *options],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(port, process)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


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
