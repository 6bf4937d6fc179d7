"""Shared fixtures: the project's paths, run settings, and throwaway examples and sites.

Under pytest-xdist each worker has a session of its own: what takes long to
make and is only read (the built site, the students' venvs) is made once for
the whole run, by whichever worker asks first, under a file lock (``shared``).
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from filelock import FileLock
from flask import Flask

from example_core.pinning import source_date_epoch
from example_core.settings import RunSettings
from tests.support.browser import GateVisit, gate_visits_side_by_side, visit_offline
from tests.support.hosting import header_rules, hosted
from tests.support.notes import EXAMPLES, ROOT
from tests.support.site import build_real_site
from tests.support.site_checks import html_pages, page_url, static_server
from tests.support.student import PYTHONS, find_python, make_venv

# Tests that measure time or start real servers and loops: one after another, on one worker,
# so that they do not compete with each other for the machine.
SERIAL = {
    "test_author_loop",
    "test_started_jobs",
    "test_real_server",
    "test_waitress",
    "test_take_home",
    "test_run_locally",
    "test_exercises_at_home",
}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Put the timing-sensitive modules in one xdist group (see ``--dist loadgroup``)."""
    for item in items:
        if item.module.__name__.rpartition(".")[2] in SERIAL:
            item.add_marker(pytest.mark.xdist_group("serial"))
    if getattr(config.option, "loadgroup", False):  # set by xdist on its workers
        for item in items:
            _name_its_group(item)


def _name_its_group(item: pytest.Item) -> None:
    """Give the item's node id the ``@group`` suffix by which xdist's loadgroup groups it.

    pytest-xdist 3.8 appends it to ``item._nodeid``, which pytest 9.2's
    structured node ids no longer read, so no test is grouped at all
    (pytest-dev/pytest-xdist#1386, fixed by #1388): this does it on the id.
    """
    groups = {
        str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
        for mark in item.iter_markers("xdist_group")
    }
    if groups and item.nodeid.rfind("@") <= item.nodeid.rfind("]"):
        item._id = type(item._id).parse(f"{item.nodeid}@{'_'.join(sorted(groups))}")


def shared(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]):
    """The folder ``name``, made by ``make`` once for the whole run, whichever worker asks first.

    Without xdist it is a folder of the session's; with it, of the run's
    (the parent of the workers' own folders). A worker that finds the lock
    taken waits for the folder; one that finds it made uses it.
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    folder, made = root / name, root / f"{name}.made"
    with FileLock(root / f"{name}.lock"):
        if not made.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            made.touch()
    return folder


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


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once for the whole run."""
    return shared(tmp_path_factory, "site", build_site_into) / "output"


def build_site_into(folder: Path) -> None:
    build_real_site(folder / "output")


@pytest.fixture(scope="session")
def origin(site) -> Iterator[str]:
    """The real site on a plain static file server."""
    with static_server(site) as served:
        yield served


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright."""
    from playwright.sync_api import expect, sync_playwright

    from tests.support.site_checks import CHROMIUM, CHROMIUM_ARGS

    # Playwright's assertions wait 5 seconds by default: too short on a busy machine.
    expect.set_options(timeout=30_000)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def visit(origin, browser):
    """Open a page of the site; at the end, check nothing went wrong on it."""
    visited = []

    def visit(path: str, color_scheme: str = "light"):
        page, problems = visit_offline(browser, origin, path, color_scheme)
        visited.append((page, problems))
        return page

    yield visit
    for page, problems in visited:
        page.context.close()
        assert problems == []


@pytest.fixture(scope="session")
def hosted_origin(site) -> Iterator[str]:
    """The real site served as a host that reads its ``_headers`` serves it."""
    with hosted(site) as served:
        yield served


@pytest.fixture(scope="session")
def gate_visits(site, hosted_origin, browser) -> Callable[[str], list[GateVisit]]:
    """Every page of the site loaded once per colour scheme, with every gate's findings.

    The offline, axe-core, weight and hosted gates read the same visits: a
    page is loaded once in the light theme and once in the dark one, served
    with the headers of the built ``_headers`` (every other browser test
    loads the site from a plain static server, ``origin``).
    """
    visits: dict[str, list[GateVisit]] = {}
    rules = header_rules((site / "_headers").read_text())

    def of(color_scheme: str) -> list[GateVisit]:
        if color_scheme not in visits:
            paths = [page_url(site, html) for html in html_pages(site)]
            visits[color_scheme] = gate_visits_side_by_side(
                browser, hosted_origin, paths, color_scheme, rules
            )
        return visits[color_scheme]

    return of


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


@pytest.fixture(scope="session", params=PYTHONS, ids=lambda v: f"python{v}")
def student_venv(request, zips, tmp_path_factory) -> Path:
    """A fresh venv, per Python, holding only what the downloads' ``requirements.txt`` name.

    Every download pins the same versions; a few add a package (Waitress),
    which the venv holds too.
    """
    python = find_python(request.param)
    pins = {
        line
        for name, z in zips.items()
        for line in zipfile.ZipFile(z).read(f"{name}/requirements.txt").decode().splitlines()
    }
    packages = [pin.partition("==")[0].lower() for pin in pins]
    assert len(packages) == len(set(packages)), "every download pins the same versions"

    def make(folder: Path) -> None:
        (folder / "requirements.txt").write_text("".join(f"{pin}\n" for pin in sorted(pins)))
        make_venv(python, folder / "requirements.txt")

    folder = shared(tmp_path_factory, f"student-python{request.param}", make)
    return folder / ".venv"
