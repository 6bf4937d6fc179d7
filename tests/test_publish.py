"""``invoke gh-pages``, for real: a clone of the project publishes to a bare repository."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support.notes import ROOT


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the project's git history")
def test_gh_pages_pushes_the_site_with_a_nojekyll_file(tmp_path):
    remote = tmp_path / "remote.git"
    git("init", "--quiet", "--bare", str(remote), cwd=tmp_path)
    clone = tmp_path / "clone"
    git("clone", "--quiet", str(ROOT), str(clone), cwd=tmp_path)
    git("remote", "set-url", "origin", str(remote), cwd=clone)
    (clone / "node_modules").symlink_to(ROOT / "node_modules")
    env = {
        **os.environ,
        "SITEURL": "https://notes.example.org",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GIT_AUTHOR_NAME": "Publisher",
        "GIT_AUTHOR_EMAIL": "publisher@example.org",
        "GIT_COMMITTER_NAME": "Publisher",
        "GIT_COMMITTER_EMAIL": "publisher@example.org",
    }
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "gh-pages"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    published = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).splitlines()
    assert ".nojekyll" in published
    assert {"index.html", "_headers", "examples/caching.zip", "run-locally/index.html"} <= set(
        published
    )
    sitemap = git("show", "gh-pages:sitemap.txt", cwd=remote)
    assert sitemap.startswith("https://notes.example.org/")
    show = ["git", "show", "gh-pages:examples/caching.zip"]
    archive = subprocess.run(show, cwd=remote, capture_output=True, check=True).stdout
    readme = zipfile.ZipFile(io.BytesIO(archive)).read("caching/README.txt").decode()
    assert "https://notes.example.org/caching/" in readme, "a published README links full URLs"


def test_gh_pages_refuses_to_run_without_siteurl(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SITEURL"}
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "gh-pages"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "Set SITEURL" in result.stderr
