"""The note "Run Flask on your own computer" quotes what really happens on a student's machine.

Each message it quotes is produced here for real, from a download unzipped
outside the repository and a venv made from its ``requirements.txt``.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import time
import zipfile
from contextlib import suppress
from pathlib import Path

import pytest

from tests.support.notes import ROOT
from tests.support.servers import free_port
from tests.support.student import (
    PYTHONS,
    TOO_OLD,
    find_python,
    in_a_shell,
    readme_command,
    student_environment,
    student_server,
    unzip,
)

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
    command = readme_command(hello)
    assert command == "flask --app app run --debug"
    server = Terminal(
        in_a_shell(f"{command} --port {port}"), hello, student_environment(student_venv)
    )
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
    first = Terminal(in_a_shell(f"{readme_command(hello)} --port {port}"), hello, env)
    first.wait_for_text("Press CTRL+C to quit")
    second = subprocess.run(
        in_a_shell(f"{readme_command(hello)} --port {port}"),
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
    first_lines = second.stdout.splitlines()
    assert first_lines == [" * Serving Flask app 'app'", " * Debug mode: on"]
    text = " ".join(NOTE.read_text().split())
    assert "the first two lines, ` * Serving Flask app 'app'` and ` * Debug mode: on`" in text


def test_python_too_old_cannot_install_the_requirements_as_the_note_says(hello, tmp_path):
    python = find_python(TOO_OLD)
    venv = tmp_path / "old"
    env = student_environment()
    subprocess.run([python, "-m", "venv", venv], check=True, env=env)
    result = subprocess.run(
        [venv / "bin" / "pip", "install", "-r", "requirements.txt"],
        cwd=hello,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    error = result.stderr.strip().splitlines()[-1]
    assert error.startswith("ERROR: No matching distribution found for ")
    assert error in quoted(), f"the note does not quote {error!r}"


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
    python = find_python(PYTHONS[-1])
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
    from example_core import differences

    note = NOTE.read_text()
    names = [
        *differences.ADDED_BY_A_REAL_SERVER,
        *differences.SET_BY_THE_MOMENT_OR_FOLDER,
        *differences.ORDER_CHANGES_WITH_EACH_START,
        differences.SIGNED_COOKIE,
        *(target for _, target in differences.CHANGING_BODIES),
        *(target for _, target in differences.SECURE_COOKIE_BODIES),
        "Secure",
        f"Host:\n  {differences.PAGE_ADDRESS}",
        "Origin: http://localhost",
        "Location",
    ]
    section = note.split("## What differs from the page, and why")[1].split("\n## ")[0]
    for name in names:
        assert f"`{name}`" in section, f"the note does not explain {name}"
    for part in differences.CONSOLE:
        assert part in section, f"the note does not explain the console's {part}"
    assert "Waitress, which sends the headers\n  sorted by name" in section  # header_order


def test_the_note_names_the_oldest_python_the_pins_need(zips):
    from take_home.requirements import flask_requirements

    _, python = flask_requirements(ROOT / "requirements.txt")
    assert f"You need Python {python} or newer" in NOTE.read_text()
    assert f"You need Python {python} or newer" in run_sections()["01-webserver.md"]
    with zipfile.ZipFile(zips["hello-flask"]) as archive:
        assert (
            f"You need Python {python} or newer" in archive.read("hello-flask/README.txt").decode()
        )


# --- Every note's "Run it yourself" section uses the download ---


def run_sections() -> dict[str, str]:
    """Each note's "Run it yourself" section (the start page's "Run the examples yourself")."""
    sections = {}
    for note in sorted((ROOT / "content").glob("*.md")):
        found = re.search(
            r"^## Run (?:it|the examples) yourself\n(.*?)(?=^## |\Z)",
            note.read_text(),
            re.MULTILINE | re.DOTALL,
        )
        if found:
            sections[note.name] = found[1]
    return sections


def test_every_run_section_downloads_its_example_and_points_to_the_note():
    from example_core.examples import app_spec

    sections = run_sections()
    assert len(sections) >= 14
    for name, section in sections.items():
        assert "invoke" not in section, f"{name}: invoke is for authors, in the README"
        assert "{filename}04-run-locally.md" in section, name
        zips = re.findall(r"\]\((?:\.\./)?examples/([\w-]+)\.zip\)", section)
        assert zips and all((ROOT / "examples" / z).is_dir() for z in zips), name
        specs = {app_spec(ROOT / "examples" / z) for z in zips}
        for command in re.findall(r"^\$ (flask .*)$", section, re.MULTILINE):
            spec = command.split()[2].strip('"')
            assert command.startswith("flask --app ") and spec in specs, f"{name}: {command}"


def test_the_first_notes_commands_run_the_download_as_they_say(zips, tmp_path):
    """Note 01 gives every command, from the unzipped folder to a running server."""
    section = run_sections()["01-webserver.md"]
    commands = re.findall(r"^\$ (.+)$", section, re.MULTILINE)
    assert commands[0] == "cd file-server" and commands[-1].startswith("flask ")
    unzip(zips["file-server"], tmp_path / "download")
    env = student_environment()
    env["PATH"] = f"{find_python(PYTHONS[-1]).parent}:{env['PATH']}"  # a python3 of 3.10+
    setup = " && ".join(commands[:-1])
    subprocess.run(["bash", "-c", setup], cwd=tmp_path / "download", env=env, check=True)
    port = free_port()
    folder = tmp_path / "download" / "file-server"
    server = Terminal(
        ["bash", "-c", f"source .venv/bin/activate && exec {commands[-1]} --port {port}"],
        folder,
        env,
    )
    try:
        server.wait_for_text("Press CTRL+C to quit")
        done = subprocess.run(
            ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", f"http://127.0.0.1:{port}/"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert done.stdout == "200"
    finally:
        server.stop()


def test_the_caching_notes_curl_commands_get_a_304_with_the_etag(zips, student_venv, tmp_path):
    section = run_sections()["10-caching.md"]
    first, second = re.findall(r"^\$ (curl .+)$", section, re.MULTILINE)
    folder = unzip(zips["caching"], tmp_path / "download")
    with student_server(folder, student_venv, debug=True) as port:

        def curl(command: str) -> str:
            words = shlex.split(command.replace(":5000", f":{port}"))
            return subprocess.run(words, capture_output=True, text=True, timeout=30).stdout

        answer = curl(first)
        assert answer.count("\nDate: ") == 2, "Flask's own Date for a file, and the server's"
        etag = re.search(r'^ETag: "(.+)"$', answer, re.MULTILINE)[1]
        assert '"..."' in second
        assert curl(second.replace("...", etag)).startswith("HTTP/1.1 304 NOT MODIFIED")


def test_a_package_a_run_section_installs_is_pinned_as_the_project_pins_it():
    project = set((ROOT / "requirements.txt").read_text().splitlines())
    for name, section in run_sections().items():
        for command in re.findall(r"^\$ pip install (.+)$", section, re.MULTILINE):
            for word in command.split():
                if word not in ("-r", "requirements.txt"):
                    assert word in project, f"{name}: {word} is not pinned as the project pins it"


def test_pip_outside_a_venv_on_a_managed_system_refuses_as_the_note_says(hello):
    system = Path("/usr/bin/python3")
    marker = list(Path("/usr/lib").glob("python3*/EXTERNALLY-MANAGED"))
    if not (system.exists() and marker):
        pytest.fail("this test needs Debian's python3, which marks itself externally managed")
    result = subprocess.run(
        [system, "-m", "pip", "install", "-r", "requirements.txt"],
        cwd=hello,
        env=student_environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    assert first == "error: externally-managed-environment"
    assert first in quoted()


def test_a_venv_without_ensurepip_stops_with_the_message_the_note_quotes():
    """Debian's own venv module prints the message; the note quotes its first lines."""
    source = Path("/usr/lib/python3.11/venv/__init__.py")
    if not source.exists():
        pytest.fail("this test needs Debian's python3.11, whose venv module carries the message")
    text = source.read_text()
    start = text.index("The virtual environment was not created")
    message = text[start:].split('"""', 1)[0].format("3.11", "...")
    shown = message.split("\n\nYou may need")[0].splitlines()
    note = quoted()
    at = note.index(shown[0])
    assert note[at : at + len(shown)] == shown
