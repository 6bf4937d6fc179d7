"""The note "Run Flask on your own computer" quotes what really happens on a student's machine.

Each message it quotes is produced here for real, from a download unzipped
outside the repository and a venv made from its ``requirements.txt``.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import zipfile
from contextlib import suppress
from pathlib import Path

import pytest

from tests.notes import ROOT
from tests.student import (
    PYTHONS,
    readme_command,
    student_environment,
    student_server,
    unzip,
)
from tests.test_real_server import free_port

NOTE = ROOT / "content" / "04-run-locally.md"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def quoted(note: Path = NOTE) -> list[str]:
    """The lines of every ``text`` block of the note: what it quotes from a terminal."""
    blocks = re.findall(r"^```text\n(.*?)^```$", note.read_text(), re.MULTILINE | re.DOTALL)
    return [line for block in blocks for line in block.splitlines()]


class Terminal:
    """A command started as in a student's terminal, its output kept in a file."""

    def __init__(self, command: list[str], folder: Path, env: dict[str, str]) -> None:
        self.log = folder.parent / "terminal.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                command, cwd=folder, env=env, stdout=log, stderr=log, start_new_session=True
            )

    def output(self) -> str:
        """What it printed so far, without colours."""
        return ANSI.sub("", self.log.read_text())

    def wait_for_text(self, text: str, times: int = 1) -> None:
        """Wait until ``text`` has been printed ``times`` times."""
        deadline = time.monotonic() + 20
        while self.output().count(text) < times:
            assert time.monotonic() < deadline, f"no {text!r} in {self.output()!r}"
            time.sleep(0.1)

    def stop(self) -> str:
        """Stop it and its reloader; return all it printed."""
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=10)
        return self.output()


@pytest.fixture
def hello(zips, tmp_path) -> Path:
    """The example the note uses, unzipped as a student does."""
    return unzip(zips["hello-flask"], tmp_path / "download")


def test_the_note_quotes_what_the_terminal_shows_at_start_and_after_an_edit(hello, student_venv):
    port = free_port()
    command = [*readme_command(hello), "--port", str(port)]
    assert command[:5] == ["flask", "--app", "app", "run", "--debug"]
    server = Terminal(command, hello, student_environment(student_venv))
    server.wait_for_text(" * Debugger PIN: ")
    time.sleep(1.5)  # the reloader takes the files' times once it runs; edit after that
    with (hello / "app.py").open("a") as app:
        app.write("# an edit\n")
    server.wait_for_text(" * Detected change in ")
    server.wait_for_text(" * Debugger PIN: ", times=2)
    shown = server.stop().replace(str(port), "5000").replace(str(hello), "")
    lines = quoted()
    for line in shown.splitlines():
        if line.startswith(" * Debugger PIN: "):
            assert any(re.fullmatch(r" \* Debugger PIN: \d{3}-\d{3}-\d{3}", q) for q in lines)
        elif line.startswith(" * Detected change in "):
            assert line == " * Detected change in '/app.py', reloading"
            assert " * Detected change in '/home/ada/hello-flask/app.py', reloading" in lines
        else:
            assert line in lines, f"the note does not quote {line!r}"
    assert " * Detected change in " in shown


def test_a_port_in_use_gives_the_message_the_note_quotes(hello, student_venv):
    port = free_port()
    env = student_environment(student_venv)
    first = Terminal([*readme_command(hello), "--port", str(port)], hello, env)
    first.wait_for_text("Press CTRL+C to quit")
    second = subprocess.run(
        ["flask", "--app", "app", "run", "--port", str(port)],
        cwd=hello,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    first.stop()
    assert second.returncode == 1
    message = second.stderr.replace(str(port), "5000").splitlines()
    assert message == [
        "Address already in use",
        "Port 5000 is in use by another program. Either identify and stop that program,"
        " or start the server with a different port.",
    ]
    lines = quoted()
    assert all(line in lines for line in message)


def test_one_folder_too_high_flask_cannot_find_the_app_as_the_note_says(hello, student_venv):
    env = student_environment(student_venv)
    lines = quoted()
    for command in (["flask", "--app", "app", "run"], ["flask", "run"]):
        result = subprocess.run(
            command, cwd=hello.parent, env=env, capture_output=True, text=True, timeout=30
        )
        assert result.returncode == 2
        error = result.stderr.splitlines()[-1]
        assert error.startswith("Error: ")
        assert error in lines, f"the note does not quote {error!r}"


def test_without_the_venv_there_is_no_flask_as_the_note_says(hello, tmp_path):
    python = PYTHONS["3.13"]
    bare = tmp_path / "bare"
    subprocess.run([python, "-m", "venv", "--without-pip", bare], check=True)
    env = student_environment()
    result = subprocess.run(
        [bare / "bin" / "python", "app.py"], cwd=hello, env=env, capture_output=True, text=True
    )
    last = result.stderr.splitlines()[-1]
    assert last == "ModuleNotFoundError: No module named 'flask'"
    assert last in quoted()
    env["PATH"] = f"{bare / 'bin'}:/usr/bin:/bin"
    shell = subprocess.run(
        ["bash", "-c", "flask --app app run"], cwd=hello, env=env, capture_output=True, text=True
    )
    assert shell.returncode == 127 and "flask: command not found" in shell.stderr
    assert "`command not found`" in NOTE.read_text()


def test_the_curl_commands_of_the_note_get_the_answers_it_describes(hello, student_venv):
    note = NOTE.read_text()
    commands = re.findall(r"^\$ (curl .+)$", note, re.MULTILINE)
    assert len(commands) == 2
    with student_server(hello, student_venv, debug=True) as port:
        for command in commands:
            result = subprocess.run(
                command.replace(":5000", f":{port}").split(),
                capture_output=True,
                text=True,
                timeout=30,
            )
            head = result.stdout.split("\n\n")[0]  # text=True made each CRLF a LF
            assert head.startswith("HTTP/1.1 2"), head
            assert "\nServer: Werkzeug/" in head and "\nDate: " in head
            assert "\nConnection: close" in head


def test_the_note_explains_every_difference_the_tests_allow():
    from tests import server_differences as differences

    note = NOTE.read_text()
    names = [
        *differences.ADDED_BY_A_REAL_SERVER,
        *differences.SET_BY_THE_MOMENT_OR_FOLDER,
        *differences.ORDER_CHANGES_WITH_EACH_START,
        differences.SIGNED_COOKIE,
        *(target for _, target in differences.RANDOM_BODIES),
    ]
    section = note.split("## What differs from the page, and why")[1].split("\n## ")[0]
    for name in names:
        assert f"`{name}`" in section, f"the note does not explain {name}"


def test_the_note_names_the_oldest_python_the_pins_need(zips):
    from flask_exchanges.download import flask_requirements

    _, python = flask_requirements(ROOT / "requirements.txt")
    assert f"You need Python {python} or newer" in NOTE.read_text()
    with zipfile.ZipFile(zips["hello-flask"]) as archive:
        assert (
            f"You need Python {python} or newer" in archive.read("hello-flask/README.txt").decode()
        )
