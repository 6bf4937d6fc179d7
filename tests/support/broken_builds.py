"""Small sites with one bad block, built into an ``output/`` that holds a previous build."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from site_build.build import build_site
from tests.support.notes import ROOT

GOOD_APP = """\
from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    return "home"


@app.get("/broken")
def broken():
    return {"ratio": 1 / 0}


@app.get("/slow")
def slow():
    import time

    time.sleep(60)


@app.get("/big")
def big():
    return "x" * 3_000_000
"""


def make_site(root: Path, block: str, app: str = GOOD_APP) -> dict:
    content = root / "content"
    content.mkdir(parents=True)
    (content / "note.md").write_text(f"Title: A note\n\n{block}\n")
    example = root / "examples" / "shop"
    example.mkdir(parents=True)
    (example / "app.py").write_text(app)
    (example / "static").mkdir()
    (example / "static" / "site.css").write_text("body { margin: 0; }\n")
    return {
        "PATH": str(content),
        "EXAMPLES_PATH": str(root / "examples"),
        "EXCHANGE_TIMEOUT": 2,
        "CACHE_PATH": str(root / "cache"),
    }


def previous_output(root: Path) -> Path:
    output = root / "output"
    output.mkdir()
    (output / "index.html").write_text("the previous build")
    return output


def build_and_fail(tmp_path: Path, caplog, override: dict) -> str:
    output = previous_output(tmp_path)
    started = time.monotonic()
    with caplog.at_level(logging.ERROR):
        errors = build_site(ROOT / "pelicanconf.py", output, override)
    assert time.monotonic() - started < 30
    assert errors > 0
    assert (output / "index.html").read_text() == "the previous build"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "examples", "output"], (
        "no scratch folder or cache entry is left behind"
    )
    return caplog.records[0].getMessage()
