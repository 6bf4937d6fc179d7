"""On the built site, every exchange can be linked to by a readable id of its own."""

from __future__ import annotations

import re

from tests.support.notes import ROOT, exchange_anchor, exchange_blocks, page_file

EXCHANGE = re.compile(r'<div class="exchange highlight"( id="([^"]*)")?')
ANY_ID = re.compile(r'\sid="([^"]+)"')


def test_every_exchange_has_an_id_unique_on_its_page(site):
    for page in sorted(site.glob("*/index.html")):
        html = page.read_text()
        exchanges = EXCHANGE.findall(html)
        assert all(ident for _, ident in exchanges), f"{page}: an exchange without an id"
        ids = ANY_ID.findall(html)
        assert len(ids) == len(set(ids)), f"{page}: an id used twice"


def test_each_block_is_at_the_anchor_its_example_and_request_name(site):
    for block in exchange_blocks():
        anchor = exchange_anchor(block)
        assert anchor.startswith(f"ex-{block.example}-{block.requests[0].method.lower()}")
        html = (site / page_file(ROOT / block.note)).read_text()
        assert f'id="{anchor}"' in html
