"""Every kind of bad input stops the build with one clear message and loses nothing.

Each case builds a small site whose one note holds the bad block, into an
``output/`` that already holds a previous build.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tasks import build_site

ROOT = Path(__file__).resolve().parents[1]
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
"""

CASES = {
    "unknown example": (
        "```exchange example=nowhere\nGET /\n```",
        3,
        "example 'nowhere': no such example (examples: shop)",
    ),
    "unknown fence option": (
        "```exchange example=shop colour=red\nGET /\n```",
        3,
        "unknown option 'colour'",
    ),
    "malformed request line": (
        "```exchange example=shop\nGET\n```",
        4,
        "example 'shop': malformed request line 'GET'",
    ),
    "malformed header": (
        "```exchange example=shop\nGET /\nAccept text/html\n```",
        5,
        "example 'shop': GET /: malformed header line 'Accept text/html'",
    ),
    "unknown @name": (
        "```exchange example=shop\nGET /\nIf-None-Match: {{a.response.headers.ETag}}\n```",
        4,
        "example 'shop': GET /: reference '{{a.response.headers.ETag}}' names no earlier request",
    ),
    "exception in a view": (
        "```exchange example=shop\nGET /broken\n```",
        4,
        "example 'shop': GET /broken: the view raised an exception:",
    ),
    "expect mismatch": (
        "```exchange example=shop expect=404\nGET /\n```",
        4,
        "example 'shop': GET /: expected 404, got 200",
    ),
    "hanging request": (
        "```exchange example=shop\nGET /slow\n```",
        4,
        "example 'shop': GET /slow: the request did not finish within 2 seconds",
    ),
    "include of a missing file": (
        "```include example=shop file=nope.py\n```",
        3,
        "example 'shop': no file 'nope.py' in the example",
    ),
    "include of a missing line range": (
        "```include example=shop lines=40-50\n```",
        3,
        "example 'shop': lines=40-50 goes past the end of app.py",
    ),
    "include of a missing function": (
        "```include example=shop function=gone\n```",
        3,
        "example 'shop': no function or class 'gone' in app.py",
    ),
}
APP_CASES = {
    "syntax error in app.py": (
        "from flask import Flask\napp = Flask(__name__\n",
        "example 'shop': loading app.py failed:",
        "SyntaxError",
    ),
    "import error in app.py": (
        "from flask import Flask\nimport no_such_module\n",
        "example 'shop': loading app.py failed:",
        "ModuleNotFoundError: No module named 'no_such_module'",
    ),
    "app.py that hangs while loading": (
        "import time\ntime.sleep(60)\n",
        "example 'shop': loading the app did not finish within 2 seconds",
        "",
    ),
}


def make_site(root: Path, block: str, app: str = GOOD_APP) -> dict:
    content = root / "content"
    content.mkdir(parents=True)
    (content / "note.md").write_text(f"Title: A note\n\n{block}\n")
    example = root / "examples" / "shop"
    example.mkdir(parents=True)
    (example / "app.py").write_text(app)
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


@pytest.mark.parametrize("case", CASES)
def test_bad_block_stops_the_build_and_keeps_output(case, tmp_path, caplog):
    block, line, words = CASES[case]
    message = build_and_fail(tmp_path, caplog, make_site(tmp_path, block))
    assert message.startswith(f"content/note.md:{line}: ")
    assert words in message


@pytest.mark.parametrize("case", APP_CASES)
def test_broken_app_stops_the_build_and_keeps_output(case, tmp_path, caplog):
    app, words, last_frame = APP_CASES[case]
    message = build_and_fail(
        tmp_path, caplog, make_site(tmp_path, "```exchange example=shop\nGET /\n```", app)
    )
    assert message.startswith("content/note.md:3: " + words)
    assert last_frame in message


def test_invoke_build_exits_non_zero_with_the_message(tmp_path):
    for name in ("pelicanconf.py", "tasks.py"):
        shutil.copy(ROOT / name, tmp_path / name)
    for folder in ("theme", "plugins"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    make_site(tmp_path, "```exchange example=shop expect=201\nGET /\n```")
    output = previous_output(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "build"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "content/note.md:4: example 'shop': GET /: expected 201, got 200" in result.stderr
    assert "output/ was left as it was" in result.stderr
    assert (output / "index.html").read_text() == "the previous build"
