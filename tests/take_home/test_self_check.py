"""Each download checks itself: ``pytest`` in its folder replays its notes' blocks on a fresh app.

In a fresh venv holding only what the downloads' ``requirements.txt``
names, on the oldest Python the site names and the newest one here: the
untouched copy passes, for every example; a copy whose route says
something else fails, and says which request.
"""

from __future__ import annotations

import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.support.notes import shown_examples
from tests.support.student import in_a_shell, student_environment, unzip

EXAMPLES = shown_examples()
SIDE_BY_SIDE = 2


def run_pytest(folder: Path, venv: Path) -> subprocess.CompletedProcess:
    """``pytest`` as the README says: in the example's folder, with the venv active."""
    return subprocess.run(
        in_a_shell("pytest -q -p no:cacheprovider"),
        cwd=folder,
        env=student_environment(venv),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_every_untouched_download_passes_its_own_check(zips, student_venv, tmp_path):
    def check(example: str) -> tuple[str, subprocess.CompletedProcess]:
        folder = unzip(zips[example], tmp_path / example)
        return example, run_pytest(folder, student_venv)

    with ThreadPoolExecutor(SIDE_BY_SIDE) as pool:
        results = dict(pool.map(check, EXAMPLES))
    for example, result in results.items():
        assert result.returncode == 0, f"{example}:\n{result.stdout[-3000:]}{result.stderr}"
        assert " passed" in result.stdout and " failed" not in result.stdout, example
    readme = (tmp_path / "hello-flask" / "hello-flask" / "README.txt").read_text()
    assert "To check your copy, run `pytest` in this folder" in readme


def test_a_copy_with_a_broken_route_fails_its_check_naming_the_request(
    zips, student_venv, tmp_path
):
    folder = unzip(zips["hello-flask"], tmp_path / "hello-flask")
    app = folder / "app.py"
    app.write_text(app.read_text().replace('return f"Hello, {escape(name)}!"', 'return "Hi"'))
    result = run_pytest(folder, student_venv)
    assert result.returncode == 1, result.stdout
    assert "GET /hello/Ada" in result.stdout
    assert " failed" in result.stdout and " passed" in result.stdout
