"""One test per exchange in every note, run by the same parser and runner as the build."""

from __future__ import annotations

import pytest

from example_core.model import Exchange
from example_core.parse import ExchangeBlock
from site_build.jobs import run_exchange_block
from tests.support.notes import case_id, exchange_cases

CASES = exchange_cases()


@pytest.fixture(scope="session")
def block_results(project_settings):
    """Runs each block once, however many of its exchanges are tested."""
    results: dict[tuple[str, int], list[Exchange]] = {}

    def run(block: ExchangeBlock) -> list[Exchange]:
        key = (block.note, block.line)
        if key not in results:
            results[key] = run_exchange_block(block, project_settings)
        return results[key]

    return run


def test_the_site_shows_at_least_one_exchange():
    assert len(CASES) >= 10


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_exchange(case, block_results):
    block, index = case
    exchange = block_results(block)[index]
    assert exchange.request.method == block.requests[index].method
    expected = block.expected_status(index)
    if expected is not None:
        assert exchange.response.status_code == expected
    else:
        body = exchange.response.body.decode(errors="replace")
        assert exchange.response.status_code < 500, f"an unplanned server error: {body}"
