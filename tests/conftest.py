"""Shared fixtures: the project's paths, run settings, and throwaway examples and sites."""

from __future__ import annotations

import sys
import textwrap
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask

from example_core.pinning import source_date_epoch
from example_core.settings import RunSettings
from site_build.build import build_site
from tests.student import PYTHONS, make_venv

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CONTENT = ROOT / "content"


@pytest.fixture(scope="session")
def project_settings() -> RunSettings:
    """How the build runs the project's own examples."""
    return RunSettings(examples=EXAMPLES, timeout=10.0, epoch=source_date_epoch(ROOT))


@pytest.fixture
def make_example(tmp_path: Path) -> Callable[..., Path]:
    """Write an example app (and any extra files) into a temporary examples folder."""

    def make(name: str, source: str, **files: str) -> Path:
        folder = tmp_path / "examples" / name
        folder.mkdir(parents=True)
        (folder / "app.py").write_text(textwrap.dedent(source))
        for relative, text in files.items():
            path = folder / relative.replace("__", "/")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        return tmp_path / "examples"

    return make


@pytest.fixture
def scratch_settings(tmp_path: Path) -> RunSettings:
    """Run settings for examples made with ``make_example``, with a short timeout."""
    return RunSettings(examples=tmp_path / "examples", timeout=2.0, epoch=1_700_000_000)


def build_real_site(output: Path) -> Path:
    """Build the project's site into ``output`` with a cache of its own, so every block runs."""
    override = {"CACHE_PATH": str(output.parent / "cache")}
    assert build_site(ROOT / "pelicanconf.py", output, override) == 0
    return output


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once for the whole session."""
    return build_real_site(tmp_path_factory.mktemp("site") / "output")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    from tests.site_checks import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def fresh_app(monkeypatch) -> Iterator[Callable[..., Flask]]:
    """Load a project example in this process, as a build child does.

    The working directory, ``sys.path`` and ``sys.modules`` are put back after
    the test, so no module of the example stays behind for a later test.
    """
    from example_core.loading import load_app

    monkeypatch.chdir(Path.cwd())
    monkeypatch.setattr(sys, "path", list(sys.path))
    modules_before = set(sys.modules)

    def load(example: str, *, debug: bool) -> Flask:
        app = load_app(EXAMPLES / example)
        app.debug = debug
        return app

    yield load
    for name in set(sys.modules) - modules_before:
        if str(EXAMPLES) in str(getattr(sys.modules[name], "__file__", None) or ""):
            del sys.modules[name]


@pytest.fixture(scope="session")
def zips(site) -> dict[str, Path]:
    """The site's example downloads, by example."""
    return {path.stem: path for path in sorted((site / "examples").glob("*.zip"))}


@pytest.fixture(scope="session", params=sorted(PYTHONS), ids=lambda v: f"python{v}")
def student_venv(request, zips, tmp_path_factory) -> Path:
    """A fresh venv, per Python, holding only what the downloads' ``requirements.txt`` names."""
    python = PYTHONS[request.param]
    if not python.exists():
        pytest.fail(f"{python} is missing: the pyenv of the development machine and CI has it")
    requirements = {zipfile.ZipFile(z).read(f"{name}/requirements.txt") for name, z in zips.items()}
    assert len(requirements) == 1, "every download pins the same versions"
    folder = tmp_path_factory.mktemp(f"student-python{request.param}")
    (folder / "requirements.txt").write_bytes(requirements.pop())
    return make_venv(python, folder / "requirements.txt")
