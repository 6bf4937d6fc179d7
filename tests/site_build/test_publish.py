"""Publishing for real: `invoke gh-pages` to a bare repository, `publish`'s rsync to a web root."""

from __future__ import annotations

import io
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

import tasks
from site_build.build import build_site
from tests.support.broken_builds import make_site
from tests.support.notes import ROOT


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the project's git history")
def test_gh_pages_pushes_the_site_with_a_nojekyll_file(site, tmp_path):
    """``invoke gh-pages`` in a clone builds the production site and pushes it, ``.nojekyll`` too.

    The clone starts with the caches the session's build left (the blocks'
    answers, the live runtime), as a publisher's working copy would after
    ``invoke build``: a cold build is the reproducibility gate's to prove.
    """
    remote = tmp_path / "remote.git"
    git("init", "--quiet", "--bare", str(remote), cwd=tmp_path)
    clone = tmp_path / "clone"
    git("clone", "--quiet", str(ROOT), str(clone), cwd=tmp_path)
    git("remote", "set-url", "origin", str(remote), cwd=clone)
    (clone / "node_modules").symlink_to(ROOT / "node_modules")
    shutil.copytree(site.parent / "cache", clone / "cache")
    (clone / "cache" / "live").symlink_to(ROOT / "cache" / "live")
    env = {
        **os.environ,
        "SITEURL": "https://someone.github.io/webservers",
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
    assert sitemap.startswith("https://someone.github.io/webservers/")
    show = ["git", "show", "gh-pages:examples/caching.zip"]
    archive = subprocess.run(show, cwd=remote, capture_output=True, check=True).stdout
    readme = zipfile.ZipFile(io.BytesIO(archive)).read("caching/README.txt").decode()
    assert "https://someone.github.io/webservers/caching/" in readme, "a README links full URLs"
    # A page links the site by path alone: the same bytes on any host, and fewer of them.
    note = git("show", "gh-pages:caching/index.html", cwd=remote)
    assert 'href="/webservers/examples/caching.zip"' in note
    assert re.search(r'<link rel="stylesheet" href="/webservers/theme/style\.\w+\.css">', note)
    assert 'href="https://someone.github.io/webservers/examples/' not in note


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


def test_publish_copies_a_site_the_web_servers_user_can_read(tmp_path):
    """Built under a strict umask, copied with ``publish``'s rsync, read by ``nobody``."""
    site = make_site(tmp_path, "```exchange example=shop\nGET /\n```")
    output = tmp_path / "output"
    strict = os.umask(0o077)
    try:
        assert build_site(ROOT / "pelicanconf.py", output, site) == 0
    finally:
        os.umask(strict)
    # A web root outside pytest's own folders, which only root may enter.
    web_root = Path(tempfile.mkdtemp(prefix="web-root.", dir="/tmp"))
    try:
        web_root.chmod(0o755)
        subprocess.run(
            tasks.rsync_command(str(output), str(web_root / "site")), shell=True, check=True
        )
        published = web_root / "site"
        for path in [published, *published.rglob("*")]:
            expected = 0o755 if path.is_dir() else 0o644
            assert stat.S_IMODE(path.stat().st_mode) == expected, path
        if os.geteuid() != 0 or not shutil.which("runuser"):
            pytest.skip("reading as another user needs root and runuser; the modes were checked")
        page = published / "a-note" / "index.html"
        read = subprocess.run(
            ["runuser", "-u", "nobody", "--", "cat", str(page)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert read.returncode == 0, read.stderr
        assert "<h1" in read.stdout
    finally:
        shutil.rmtree(web_root)
