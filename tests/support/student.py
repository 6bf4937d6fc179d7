"""A student's side of a download: a venv, the README's command, a terminal's environment.

Shared by the tests that run downloads as a student would (``test_take_home``,
``test_run_locally``); the fixtures that make the venvs are in ``conftest``.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
import shutil
import signal
import subprocess
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from take_home.requirements import flask_requirements
from tests.support.notes import ROOT
from tests.support.servers import free_port, wait_for

# A Python older than the pinned packages allow (the note quotes pip's refusal).
TOO_OLD = "3.9"
VERSIONED_PYTHON = re.compile(r"python(3\.\d+)")


def oldest_named() -> str:
    """The oldest Python the site tells students is enough ("You need Python 3.10 or newer").

    The same function gives the site's pages and README.txt that version.
    """
    return flask_requirements(ROOT / "requirements.txt")[1]


def newest_on_path() -> str:
    """The newest ``python3.X`` a terminal finds on ``PATH`` (or through pyenv) that runs."""
    names = {
        match[1]
        for folder in os.environ["PATH"].split(os.pathsep)
        if os.path.isdir(folder)
        for entry in os.listdir(folder)
        if (match := VERSIONED_PYTHON.fullmatch(entry))
    }
    for version in sorted(names, key=lambda v: tuple(map(int, v.split("."))), reverse=True):
        if _located(version):
            return version
    pytest.fail("no python3.X runs from PATH")


@functools.cache
def _located(version: str) -> Path | None:
    """``python<version>`` as a terminal finds it on ``PATH``: the first that runs, or None.

    A pyenv shim on ``PATH`` refuses a version that pyenv has not selected;
    then pyenv itself says where that version is installed.
    """
    name = f"python{version}"
    candidates = [Path(folder) / name for folder in os.environ["PATH"].split(os.pathsep)]
    if pyenv := shutil.which("pyenv"):
        versions = _output([pyenv, "whence", name]).split()
        prefixes = [_output([pyenv, "prefix", installed]).strip() for installed in versions]
        candidates += [Path(prefix) / "bin" / name for prefix in reversed(prefixes) if prefix]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            found = _output([candidate, "-c", "import sys; print(sys.executable)"]).strip()
            if found:
                return Path(found)
    return None


def find_python(version: str) -> Path:
    """``python<version>`` as a terminal finds it; fails the test (no skip) when none runs."""
    found = _located(version)
    if found is None:
        pytest.fail(f"no python{version} runs from PATH (nor from pyenv): the tests need it")
    return found


def _pythons() -> tuple[str, ...]:
    """The oldest Python the site names, then the newest one here (once if they are one)."""
    oldest, newest = oldest_named(), newest_on_path()
    return (oldest,) if oldest == newest else (oldest, newest)


def _output(command: list) -> str:
    """What ``command`` prints, or nothing if it fails."""
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except OSError:
        return ""
    return result.stdout if result.returncode == 0 else ""


# The Pythons the downloads are taken home with: each gets a venv of its own.
PYTHONS = _pythons()


def make_venv(python: Path, requirements: Path) -> Path:
    """A fresh venv beside ``requirements``, holding only what it names."""
    venv = requirements.parent / ".venv"
    env = student_environment()
    subprocess.run([python, "-m", "venv", venv], check=True, env=env)
    subprocess.run(
        [venv / "bin" / "pip", "install", "--quiet", "-r", requirements],
        check=True,
        env=env,
        cwd=requirements.parent,
    )
    return venv


def student_environment(venv: Path | None = None) -> dict[str, str]:
    """The environment of a student's terminal: nothing of the project's Python.

    With ``venv``, as after activating it: its ``bin`` first on ``PATH``.
    """
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHASHSEED", "FLASK_APP")
    }
    paths = [p for p in env["PATH"].split(os.pathsep) if ".venv" not in p]
    if venv:
        env["VIRTUAL_ENV"] = str(venv)
        paths.insert(0, str(venv / "bin"))
    env["PATH"] = os.pathsep.join(paths)
    return env


def unzip(archive: Path, destination: Path) -> Path:
    """Unpack a download into ``destination``; return the example's folder."""
    destination.mkdir()
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(destination)
    (folder,) = destination.iterdir()
    return folder


def readme_command(folder: Path) -> str:
    """The command the README gives to start the server, such as ``flask --app app run --debug``.

    It is the one after ``pip install -r requirements.txt``.
    """
    lines = [line.strip() for line in (folder / "README.txt").read_text().splitlines()]
    commands = {
        after
        for line, after in itertools.pairwise(lines)
        if line == "pip install -r requirements.txt"
    }
    assert len(commands) == 1, "the same command for Windows and for macOS or Linux"
    return commands.pop()


def in_a_shell(command: str) -> list[str]:
    """``command`` as a student's terminal runs it: parsed by a shell (bash), quotes and all."""
    return ["bash", "-c", f"exec {command}"]


@contextmanager
def student_server(folder: Path, venv: Path, *, debug: bool) -> Iterator[int]:
    """The README's command (without ``--debug`` if the group says so) on a free port.

    ``flask run`` gets ``--port``; another server (Waitress) the port in its
    ``127.0.0.1:<port>``, and never debug mode, which it does not have.
    """
    port = free_port()
    command = readme_command(folder)
    if not command.startswith("flask "):
        assert not debug, f"{command} has no debug mode"
        command = re.sub(r"127\.0\.0\.1:\d+", f"127.0.0.1:{port}", command)
    elif not debug:
        command = command.replace(" --debug", "") + f" --port {port}"
    elif " --debug" not in command:  # the README's example runs without; this group with
        command += f" --debug --port {port}"
    else:
        command += f" --port {port}"
    env = student_environment(venv)
    process = subprocess.Popen(
        in_a_shell(command),
        cwd=folder,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # the reloader's child goes with it
    )
    try:
        wait_for(port, process)
        yield port
    finally:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
