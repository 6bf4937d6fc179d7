"""Gate: two fresh clones, built at different times, give byte-identical sites."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.site_checks import ROOT, tree_digest


def clone_and_build(destination: Path) -> Path:
    """Clone the project's last commit and build it from scratch, live runtime included.

    The clone shares the project's node_modules (installed from the same
    package-lock.json); everything else, the cache included, is its own.
    """
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(destination)], check=True)
    (destination / "node_modules").symlink_to(ROOT / "node_modules")
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "build"],
        cwd=destination,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return destination / "output"


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the project's git history")
def test_two_clones_built_at_different_times_are_identical(tmp_path):
    first = clone_and_build(tmp_path / "first")
    time.sleep(1.5)
    second = clone_and_build(tmp_path / "elsewhere" / "second")
    assert tree_digest(first) == tree_digest(second)


def test_the_comparison_catches_one_changed_byte(site, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    sitemap = copy / "sitemap.txt"
    sitemap.write_bytes(sitemap.read_bytes() + b"\n")
    assert tree_digest(copy) != tree_digest(site)
