"""Every kind of bad input stops the build with one clear message and loses nothing.

Each case builds a small site whose one note holds the bad block, into an
``output/`` that already holds a previous build.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from unittest.mock import patch

import pytest

from site_build.build import build_site
from tests.support.broken_builds import GOOD_APP, build_and_fail, make_site, previous_output

ROOT = Path(__file__).resolve().parents[2]
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
        "example 'shop': GET /slow: the request did not finish within 2 seconds "
        "(stuck at examples/shop/app.py:20 in slow)",
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
    "response body over the size limit": (
        "```exchange example=shop\nGET /big\n```",
        4,
        "example 'shop': GET /big: the response body is 3,000,000 bytes, over the 8,192 "
        "a page may show (EXCHANGE_MAX_BODY)",
    ),
    "function= in a file that is not Python": (
        "```include example=shop file=static/site.css function=home\n```",
        3,
        "example 'shop': function= needs a Python file, not static/site.css",
    ),
    "console asked for, but the app printed nothing": (
        "```exchange example=shop console\nGET /\n```",
        3,
        "example 'shop': the block asks for the server's console, but the app printed nothing",
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
        "example 'shop': loading the app did not finish within 2 seconds "
        "(stuck at examples/shop/app.py:2 in <module>)",
        "",
    ),
}


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


SYNTAX_ERROR = "from flask import Flask\napp = Flask(__name__\n\n\ndef home():\n    return 1\n"
SYNTAX_ERROR_CASES = {
    "exchange": ("```exchange example=shop\nGET /\n```", "loading app.py failed: "),
    "include of a function": ("```include example=shop function=home\n```", ""),
    "include of a whole file": ("```include example=shop\n```", ""),
}


@pytest.mark.parametrize("case", SYNTAX_ERROR_CASES)
def test_a_syntax_error_in_an_example_names_its_file_and_line(case, tmp_path, caplog):
    block, doing = SYNTAX_ERROR_CASES[case]
    message = build_and_fail(tmp_path, caplog, make_site(tmp_path, block, SYNTAX_ERROR))
    assert message == (
        f"content/note.md:3: example 'shop': {doing}"
        "examples/shop/app.py:2: SyntaxError: '(' was never closed"
    )


def test_an_error_while_importing_names_the_line_of_the_example_at_fault(tmp_path, caplog):
    app = "from flask import Flask\nimport no_such_module\n"
    block = "```exchange example=shop\nGET /\n```"
    message = build_and_fail(tmp_path, caplog, make_site(tmp_path, block, app))
    first_line = message.split("\n", 1)[0]
    assert first_line == (
        "content/note.md:3: example 'shop': loading app.py failed: examples/shop/app.py:2: "
        "ModuleNotFoundError: No module named 'no_such_module'"
    )


def test_the_body_size_limits_are_settings(tmp_path):
    app = GOOD_APP + '\n\n@app.get("/png")\ndef png():\n    return b"\\x89PNG" * 1_000_000\n'
    site = make_site(tmp_path, "```exchange example=shop\nGET /big\n###\nGET /png\n```", app)
    output = tmp_path / "output"
    limits = {"EXCHANGE_MAX_BODY": 3_500_000, "EXCHANGE_MAX_BINARY_BODY": 4_000_000}
    # The page would weigh 3 MB: this test is about the bodies, not the page's budget.
    with patch("site_build.build.overweight_pages", return_value=[]):
        assert build_site(ROOT / "pelicanconf.py", output, {**site, **limits}) == 0
    pages = [page.read_text() for page in output.rglob("*.html")]
    assert any("x" * 3_000_000 in text for text in pages)
    assert any("[4,000,000 bytes of binary data]" in text for text in pages)


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
