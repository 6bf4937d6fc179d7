"""Check your copy: every request of the notes, sent to a fresh app as the site's build sent it.

This file goes into each download as ``test_as_the_pages_show.py``: run
``pytest`` in the example's folder, with its venv active. Each test is one
block of a note. Its requests go, in order, to the app loaded afresh from a
copy of this folder's files, through Flask's test client, with the very
code the site's build used (``check_copy/example_core``). Every answer must
be the one the page shows (``pages.json``), apart from the known
differences that README.txt lists: the clock is not stopped here, so what
depends on the moment may differ. Change a route, and the blocks that show
it fail, naming the request. One more test checks that the app loads.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if (HERE / "check_copy").is_dir():  # in a download; on the site's side, the plugins are on the path
    sys.path.insert(0, str(HERE / "check_copy"))

from example_core.differences import as_a_student_sees_it  # noqa: E402
from example_core.loading import load_for_run  # noqa: E402
from example_core.runner import Replay  # noqa: E402
from example_core.wire import request_from_json, response_from_json  # noqa: E402

PAGES_FILE = HERE / "pages.json"
PAGES = json.loads(PAGES_FILE.read_text(encoding="utf-8")) if PAGES_FILE.is_file() else {}


def leave_the_clock_running(moment: int) -> None:
    """The build stops the clock with time_machine, which your venv does not need."""


@pytest.fixture
def fresh_copy(tmp_path: Path):
    """The example's own files in a folder of their own, as the build runs a block."""
    copy = tmp_path / PAGES["example"]
    for name in PAGES["files"]:
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(HERE / name, copy / name)
    environment, folder = dict(os.environ), Path.cwd()
    yield copy
    os.chdir(folder)
    os.environ.clear()
    os.environ.update(environment)


@pytest.mark.parametrize(
    "block", PAGES.get("blocks", []), ids=lambda block: f"{block['note']} line {block['line']}"
)
def test_the_block_answers_as_the_page_shows(block, fresh_copy):
    app = load_for_run(
        fresh_copy, PAGES["epoch"], debug=block["debug"], freeze=leave_the_clock_running
    )
    replay = Replay(app.test_client())
    for sent, shown in zip(block["requests"], block["responses"], strict=True):
        request = request_from_json(sent)
        answer = replay.send(request).response
        where = f"{block['note']} ({block['heading']}): {request.method} {request.target}"
        mine = as_a_student_sees_it(answer, PAGES["example"], request.target)
        page = as_a_student_sees_it(response_from_json(shown), PAGES["example"], request.target)
        assert mine.status == page.status, where
        assert mine.headers == page.headers, where
        assert mine.body == page.body, where


def test_the_app_loads(fresh_copy):
    """Your app imports, as ``flask run`` would load it, and has routes.

    The one check of a download no note sends requests to, such as an
    exercise's starting app (the exercise's own download checks the rest).
    """
    app = load_for_run(fresh_copy, PAGES["epoch"], debug=True, freeze=leave_the_clock_running)
    assert list(app.url_map.iter_rules())
