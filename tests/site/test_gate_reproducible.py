"""Gate: a fresh clone, built later and elsewhere with cold caches, gives byte-identical sites."""

from __future__ import annotations

import shutil
import subprocess
import sys
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


def working_tree_is_the_last_commit() -> bool:
    """Whether the files the build reads are the last commit's: nothing changed, nothing new.

    The build reads everything but the tests (``tests/``), which may change freely.
    """
    status = ["git", "status", "--porcelain", "--untracked-files=all", "--", ".", ":!tests"]
    result = subprocess.run(status, cwd=ROOT, capture_output=True, text=True, check=True)
    return result.stdout == ""


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the project's git history")
def test_a_fresh_clone_built_later_and_elsewhere_is_identical(site, tmp_path):
    """``invoke build`` in a fresh clone gives the bytes of the session's own build.

    The two builds differ in everything the output must not depend on: the
    moment (the session's site was built first), the folder, the process
    (``invoke`` against the tests' ``build_site``), and the caches (the clone's
    are empty; the session's live runtime may come from the project's cache).
    When the working tree is not the last commit (an edit not yet committed),
    the session's build is of other files: a second clone stands in for it,
    as a cold build too.
    """
    clone = clone_and_build(tmp_path / "clone")
    if working_tree_is_the_last_commit():
        other = site
    else:
        other = clone_and_build(tmp_path / "elsewhere" / "second")
    assert tree_digest(clone) == tree_digest(other)


def test_the_comparison_catches_one_changed_byte(site, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    sitemap = copy / "sitemap.txt"
    sitemap.write_bytes(sitemap.read_bytes() + b"\n")
    assert tree_digest(copy) != tree_digest(site)
