"""Cached results are reused only while nothing they depend on has changed."""

from __future__ import annotations

from dataclasses import replace

from example_core.parse import find_blocks
from site_build import cache
from site_build.jobs import run_exchange_block

APP = (
    "from flask import Flask\napp = Flask(__name__)\n@app.get('/')\ndef home():\n    return 'v1'\n"
)


def block_for(request: str = "GET /"):
    (block,) = find_blocks(["```exchange example=shop", request, "```"], "content/note.md")
    return block


def test_a_stored_run_comes_back_equal(make_example, scratch_settings, tmp_path):
    make_example("shop", APP)
    block = block_for()
    exchanges = run_exchange_block(block, scratch_settings)
    cache.store(tmp_path / "cache", "k", exchanges)
    assert cache.load(tmp_path / "cache", "k") == exchanges


def test_the_key_changes_with_the_app_the_requests_the_clock_and_debug(
    make_example, scratch_settings
):
    examples = make_example("shop", APP)
    key = cache.cache_key(block_for(), scratch_settings)
    assert cache.cache_key(block_for(), scratch_settings) == key
    assert cache.cache_key(block_for("GET /other"), scratch_settings) != key
    assert cache.cache_key(block_for(), replace(scratch_settings, epoch=1)) != key
    assert cache.cache_key(replace(block_for(), debug=False), scratch_settings) != key
    (examples / "shop" / "app.py").write_text(APP.replace("v1", "v2"))
    assert cache.cache_key(block_for(), scratch_settings) != key


def test_a_changed_example_is_run_again_by_a_caching_build(
    make_example, scratch_settings, tmp_path
):
    examples = make_example("shop", APP)
    caching = replace(scratch_settings, cache=tmp_path / "cache")
    assert run_exchange_block(block_for(), caching)[0].response.body == b"v1"
    (examples / "shop" / "app.py").write_text(APP.replace("v1", "v2"))
    assert run_exchange_block(block_for(), caching)[0].response.body == b"v2"
    assert len(list((tmp_path / "cache").glob("*.json"))) == 2


def test_a_damaged_entry_is_ignored(tmp_path):
    (tmp_path / "k.json").write_text("{not json")
    assert cache.load(tmp_path, "k") is None
    assert cache.load(tmp_path, "missing") is None
