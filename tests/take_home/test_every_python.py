"""Every example runs on the oldest Python the site names; the build refuses one needing newer.

A student's venv on each of those Pythons holds only pinned packages: what
pip installs on Python 3.10 alone (pytest's ``tomli`` and ``exceptiongroup``)
is pinned too.
"""

from __future__ import annotations

import subprocess
import zipfile

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.support.broken_builds import build_and_fail, make_site
from tests.support.student import PYTHONS, oldest_named

NEWER_SYNTAX = """\
from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    try:
        answer = "home"
    except* ValueError:
        answer = "never"
    return answer
"""


def test_the_take_home_tests_run_on_the_oldest_python_the_site_names_and_the_newest_here():
    assert PYTHONS[0] == oldest_named()
    assert len(PYTHONS) == 2 and PYTHONS[1] > PYTHONS[0]


def test_an_example_that_needs_a_newer_python_than_the_site_names_stops_the_build(tmp_path, caplog):
    override = make_site(tmp_path, "```exchange example=shop\nGET /\n```", app=NEWER_SYNTAX)
    override["EXCHANGE_CACHE"] = False
    message = build_and_fail(tmp_path, caplog, override)
    assert message == (
        "example downloads: shop/app.py, line 12: needs a newer Python than the 3.10 the site "
        "names (Exception groups are only supported in Python 3.11 and greater)"
    )


def test_a_students_venv_holds_exactly_the_pinned_packages_on_each_python(student_venv, zips):
    python = student_venv / "bin" / "python"
    version = subprocess.run(
        [python, "-c", "import sys; print(f'{sys.version_info[0]}.{sys.version_info[1]}')"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    wanted = set()
    for name, archive in zips.items():
        for line in zipfile.ZipFile(archive).read(f"{name}/requirements.txt").decode().splitlines():
            pin = Requirement(line)
            if pin.marker is None or pin.marker.evaluate({"python_version": version}):
                wanted.add((canonicalize_name(pin.name), str(pin.specifier)))
    frozen = subprocess.run(
        [python, "-m", "pip", "freeze"], capture_output=True, text=True, check=True
    ).stdout.split()
    pairs = (line.partition("==") for line in frozen)
    installed = {(canonicalize_name(name), f"=={version}") for name, _, version in pairs}
    assert installed == wanted
