"""A student's side of a download: a venv, the README's command, a terminal's environment.

Shared by the tests that run downloads as a student would (``test_take_home``,
``test_run_locally``); the fixtures that make the venvs are in ``conftest``.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from tests.support.servers import free_port, wait_for

# The Pythons the downloads are taken home with: each gets a venv of its own.
PYTHONS = ("3.11", "3.13")
# A Python older than the pinned packages allow (the note quotes pip's refusal).
TOO_OLD = "3.9"


@functools.cache
def find_python(version: str) -> Path:
    """``python<version>`` as a terminal finds it on ``PATH``: the first that runs.

    A pyenv shim on ``PATH`` refuses a version that pyenv has not selected;
    then pyenv itself says where that version is installed. Fails the test
    (it does not skip it) when no such Python runs: the suite needs each.
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
    pytest.fail(f"no {name} runs from PATH (nor from pyenv): the tests need Python {version}")


def _output(command: list) -> str:
    """What ``command`` prints, or nothing if it fails."""
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except OSError:
        return ""
    return result.stdout if result.returncode == 0 else ""


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
    """The command the README gives to start the server, such as ``flask --app app run --debug``."""
    lines = (folder / "README.txt").read_text().splitlines()
    commands = {line.strip() for line in lines if line.strip().startswith("flask --app ")}
    assert len(commands) == 1, "the same command for Windows and for macOS or Linux"
    return commands.pop()


def in_a_shell(command: str) -> list[str]:
    """``command`` as a student's terminal runs it: parsed by a shell (bash), quotes and all."""
    return ["bash", "-c", f"exec {command}"]


@contextmanager
def student_server(folder: Path, venv: Path, *, debug: bool) -> Iterator[int]:
    """The README's command (without ``--debug`` if the group says so) on a free port."""
    port = free_port()
    command = readme_command(folder)
    if not debug:
        command = command.replace(" --debug", "")
    elif " --debug" not in command:  # the README's example runs without; this group with
        command += " --debug"
    env = student_environment(venv)
    process = subprocess.Popen(
        in_a_shell(f"{command} --port {port}"),
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
