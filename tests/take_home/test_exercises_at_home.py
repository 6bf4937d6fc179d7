"""A student takes an exercise home: pytest fails the start and passes the solution, as the build.

For every *write it* exercise and two Pythons (the oldest the site names and
the newest here): the zip from the built site is unpacked into an empty
folder outside the repository, and its ``test_exercise.py`` runs with the
``pytest`` of a fresh venv holding only what the zip's ``requirements.txt``
names (no ``PYTHONPATH``, nothing of the project). On the starting app, each
check passes or fails exactly as the build's own run of the start said (the
build's runner, a forked child, and ``example_core.checking``), and at least
one fails; with the solution's files copied in, every check passes.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from example_core.checking import verdicts
from example_core.exercise_blocks import ExerciseBlock
from site_build.exercise_job import as_exchange
from site_build.jobs import run_exchange_block
from tests.support.notes import ROOT, exercise_blocks
from tests.support.student import student_environment, unzip

EXERCISES = list(exercise_blocks())


def home_verdicts(folder: Path, venv: Path, report: Path) -> list[bool]:
    """Each check's verdict from the student's ``pytest``, in the order of the checks."""
    subprocess.run(
        [venv / "bin" / "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}"],
        cwd=folder,
        env=student_environment(venv),
        capture_output=True,
        timeout=120,
        check=False,
    )
    cases = ElementTree.parse(report).getroot().iter("testcase")
    return [not any(child.tag in ("failure", "error") for child in case) for case in cases]


def take_home(block: ExerciseBlock, archive: Path, venv: Path, where: Path) -> dict:
    """The exercise unpacked into ``where``: verdicts on the start, then on the solution."""
    folder = unzip(archive, where)
    checks = json.loads((folder / "exercise.json").read_text())["checks"]
    on_start = home_verdicts(folder, venv, where.parent / f"{where.name}-start.xml")
    for path in (ROOT / "solutions" / block.id).rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            target = folder / path.relative_to(ROOT / "solutions" / block.id)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    on_solution = home_verdicts(folder, venv, where.parent / f"{where.name}-solution.xml")
    return {"checks": checks, "start": on_start, "solution": on_solution}


@pytest.mark.parametrize("block", EXERCISES, ids=[block.id for block in EXERCISES])
def test_a_write_it_exercise_taken_home_fails_its_start_and_passes_its_solution(
    block, site, student_venv, project_settings, tmp_path
):
    result = take_home(
        block, site / "exercises" / f"{block.id}.zip", student_venv, tmp_path / block.id
    )
    where = f"{block.note}:{block.line} ({block.id})"
    count = len(result["checks"])
    assert result["solution"] == [True] * count, f"{where}: the solution passes every check"
    assert not all(result["start"]), f"{where}: the start fails a check"
    assert len(result["start"]) == count, where
    start = as_exchange(block, block.example, block.debug)
    exchanges = run_exchange_block(start, project_settings)
    built = [v["passed"] for v in verdicts(result["checks"], list(exchanges))]
    assert result["start"] == built, f"{where}: pytest at home agrees with the build"


def test_every_exercise_of_the_notes_is_taken_home():
    assert len(EXERCISES) >= 26
