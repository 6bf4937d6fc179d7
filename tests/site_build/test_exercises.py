"""Exercise and predict blocks: the build proves each one, or stops with one clear message.

Each case builds a small site whose one note holds the block, with the
example ``shop`` as the starting app and ``solutions/done`` as a solution.
"""

from __future__ import annotations

import json
import logging
import re
import zipfile
from pathlib import Path
from unittest.mock import patch

import pytest

from site_build.build import build_site
from tests.support.broken_builds import GOOD_APP, make_site, previous_output
from tests.support.notes import ROOT

SOLUTION = GOOD_APP.replace('return "home"', 'return "home, finished", {"X-Done": "yes"}')
WRITE_IT = """\
```exercise id=done example=shop title="Finish the home page"
# @task Make `GET /` say it is finished.
# @hint Change what `home` returns.
# @check body
# @check has-header X-Done
GET /
```"""
PREDICT_IT = """\
```predict id=guess example=shop ask=status choices="200|404" title="Guess"
# @task What does a path no route matches get?
GET /nothing
```"""

CONSOLE = "# @check console"


def site_with(tmp_path: Path, block: str) -> dict:
    settings = make_site(tmp_path, block)
    solution = tmp_path / "solutions" / "done"
    solution.mkdir(parents=True)
    (solution / "app.py").write_text(SOLUTION)
    return settings


def test_an_exercise_gets_its_expected_values_from_the_solution(tmp_path):
    output = tmp_path / "output"
    errors = build_site(ROOT / "pelicanconf.py", output, site_with(tmp_path, WRITE_IT))
    assert errors == 0
    page = (output / "a-note" / "index.html").read_text()
    section = re.search(r'<section class="exercise" id="exercise-done".*?</section>', page, re.S)
    assert section, "the exercise is on the page, with its stable id"
    live = re.search(r'data-live="([^"]+)"', section[0])[1]
    data = json.loads((output / live.lstrip("/")).read_text())
    assert [(c["spec"], c["expected"]) for c in data["checks"]] == [
        ("body", "home, finished"),
        ("has-header X-Done", "yes"),
    ]
    assert data["hints"] == ["Change what <code>home</code> returns."]
    assert data["tries"] == 3 and data["bundle"].startswith("/live/examples/shop.")
    solution = json.loads((output / data["solution"].lstrip("/")).read_text())
    assert solution["files"]["app.py"]["text"] == SOLUTION
    assert "home, finished" not in page.replace(section[0], ""), "the solution is not on the page"
    with zipfile.ZipFile(output / "exercises" / "done.zip") as archive:
        names = set(archive.namelist())
        shipped = json.loads(archive.read("done/exercise.json"))
    shipped_files = {"app.py", "test_exercise.py", "requests.http", "README.txt"}
    assert {f"done/{name}" for name in shipped_files} <= names
    assert "done/check_copy/example_core/checking.py" in names
    assert shipped["checks"] == data["checks"] and shipped["solution"] is None


def test_a_console_check_expects_what_the_solution_logged_less_the_loggers_prefix(tmp_path):
    output = tmp_path / "output"
    settings = site_with(tmp_path, WRITE_IT.replace("# @check has-header X-Done", CONSOLE))
    logs = "def home():\n    app.logger.info('home asked')\n    print('and printed')\n"
    logging_solution = SOLUTION.replace("def home():\n", logs)
    (tmp_path / "solutions" / "done" / "app.py").write_text(logging_solution)
    assert build_site(ROOT / "pelicanconf.py", output, settings) == 0
    page = (output / "a-note" / "index.html").read_text()
    live = re.search(r'id="exercise-done" data-live="([^"]+)"', page)[1]
    checks = json.loads((output / live.lstrip("/")).read_text())["checks"]
    assert checks[1] == {"request": 0, "spec": "console", "expected": "home asked\nand printed"}


def test_a_prediction_knows_the_right_choice_and_shows_the_exchange(tmp_path):
    output = tmp_path / "output"
    errors = build_site(ROOT / "pelicanconf.py", output, site_with(tmp_path, PREDICT_IT))
    assert errors == 0
    page = (output / "a-note" / "index.html").read_text()
    assert 'id="exercise-guess"' in page and 'data-answer="404"' in page
    assert page.count('type="radio" name="exercise-guess"') == 2
    answer = page[page.index("<details>") :]
    assert 'class="exchange highlight" id="ex-shop-get-nothing"' in answer
    assert "404 NOT FOUND" in answer


CASES = {
    "a check naming a header the solution does not send": (
        WRITE_IT.replace("has-header X-Done", "header ETag"),
        7,
        "example 'shop': GET /: the check 'header ETag' names a header the solution's "
        "answer does not send",
    ),
    "a check naming a JSON field the solution's answer lacks": (
        WRITE_IT.replace("# @check body", "# @check json ratio"),
        6,
        "GET /: the check 'json ratio' names a field the solution's answer has no value for",
    ),
    "an unknown starting example": (
        WRITE_IT.replace("example=shop", "example=nowhere"),
        3,
        "example 'nowhere': no such example (examples: shop)",
    ),
    "a missing solution": (
        WRITE_IT.replace("id=done", "id=undone"),
        3,
        "example 'shop': no solution: write the finished app in solutions/undone/",
    ),
    "a starting app that passes already": (
        WRITE_IT.replace("# @check body\n# @check has-header X-Done\n", "# @check status\n"),
        3,
        "the starting app (examples/shop) already passes every check",
    ),
    "an unknown check": (
        WRITE_IT.replace("# @check body", "# @check colour"),
        6,
        "example 'shop': unknown check 'colour'",
    ),
    "a check with no request after it": (
        WRITE_IT.replace("GET /\n```", "GET /\n\n###\n# @check status\n```"),
        11,
        "'# @check' comes before the request it checks: none follows it",
    ),
    "a prediction whose right answer is not a choice": (
        PREDICT_IT.replace('choices="200|404"', 'choices="200|405"'),
        3,
        "example 'shop': the right answer '404' is not among the choices (200 | 405)",
    ),
    "a prediction whose expect= the answer does not meet": (
        PREDICT_IT.replace("ask=status", "ask=status expect=200"),
        5,
        "example 'shop': GET /nothing: expected 200, got 404",
    ),
    "a prediction asking about a header the answer lacks": (
        PREDICT_IT.replace("ask=status", "ask='header Location'"),
        3,
        "ask='header Location': the answer has no such part",
    ),
    "a console check on a solution that prints nothing": (
        WRITE_IT.replace("# @check has-header X-Done", CONSOLE),
        7,
        "GET /: the check 'console' fails on the solution: it printed nothing while answering",
    ),
    "a prediction asking about the console": (
        PREDICT_IT.replace("ask=status", "ask=console"),
        3,
        "ask='console': the check 'console' cannot be used here",
    ),
    "two exercises with one id": (
        f"{WRITE_IT}\n\n{PREDICT_IT.replace('id=guess', 'id=done')}",
        3,
        "the exercise id 'done' is used at content/note.md:11 too",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_an_exercise_the_build_cannot_prove_stops_it(case, tmp_path, caplog):
    block, line, words = CASES[case]
    output = previous_output(tmp_path)
    with caplog.at_level(logging.ERROR):
        errors = build_site(ROOT / "pelicanconf.py", output, site_with(tmp_path, block))
    assert errors > 0
    assert (output / "index.html").read_text() == "the previous build"
    message = caplog.records[0].getMessage()
    assert message.startswith(f"content/note.md:{line}: "), message
    assert words in message, message
    assert "\n" not in message


def test_a_changed_solution_is_run_again_and_its_note_read_again(tmp_path):
    from author_loop import watched_paths
    from example_core.parse import find_blocks
    from example_core.settings import RunSettings
    from site_build.cache import cache_key
    from site_build.dependencies import NoteStamps
    from site_build.exercise_job import as_exchange

    settings = site_with(tmp_path, WRITE_IT)
    note = Path(settings["PATH"]) / "note.md"
    run = RunSettings(examples=tmp_path / "examples", timeout=1, epoch=1)
    (block,) = find_blocks(note.read_text().split("\n"), "content/note.md")
    solutions = RunSettings(examples=run.solutions, timeout=1, epoch=1)

    def stamps() -> tuple[str, str]:
        note_stamps = NoteStamps({"MARKDOWN": {}}, run)
        note_stamps.prepare([note])
        key = cache_key(as_exchange(block, "done", block.debug), solutions)
        return note_stamps._part(str(note), {}), key

    before = stamps()
    (tmp_path / "solutions" / "done" / "app.py").write_text(SOLUTION + "\n# changed\n")
    after = stamps()
    assert before[0] != after[0], "the note's stamp follows its exercise's solution"
    assert before[1] != after[1], "the result cache's key follows the solution's files"
    watched = watched_paths({**settings, "THEME": str(ROOT / "theme")}, tmp_path / "conf.py")
    assert (tmp_path / "solutions").resolve() in watched.folders, "the author's loop sees it"


def test_a_note_taken_from_the_content_cache_keeps_its_exercises_files(tmp_path):
    settings = {
        **site_with(tmp_path, f"{WRITE_IT}\n\n{PREDICT_IT}"),
        "CACHE_CONTENT": True,
        "CONTENT_CACHING_LAYER": "reader",
        "LOAD_CONTENT_CACHE": True,
    }
    first, second = tmp_path / "first", tmp_path / "second"
    assert build_site(ROOT / "pelicanconf.py", first, settings) == 0
    with patch("site_build.blocks.exercise.render", side_effect=AssertionError("rendered")):
        # The note comes from Pelican's content cache: its blocks are not rendered again.
        assert build_site(ROOT / "pelicanconf.py", second, settings) == 0
    page = (second / "a-note" / "index.html").read_text()
    assert page == (first / "a-note" / "index.html").read_text()
    for url in re.findall(r'data-live="/([^"]+)"', page):
        assert (second / url).read_bytes() == (first / url).read_bytes(), url
    solutions = sorted(p.name for p in (second / "live" / "solutions").iterdir())
    assert solutions == sorted(p.name for p in (first / "live" / "solutions").iterdir())
    assert solutions and (second / "exercises" / "done.zip").is_file()
