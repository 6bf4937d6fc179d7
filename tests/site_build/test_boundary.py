"""The build publishes only the repository, and keeps the examples' processes contained.

Each case builds a small throwaway project (``content/``, ``examples/shop``)
inside ``tmp_path/project``; what lies beside it in ``tmp_path`` is
"outside": a secret, another app. Every case checks the message, and that
nothing from outside was published or changed.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import time
from pathlib import Path

import pytest

from example_core.errors import RunError
from example_core.model import HttpRequest
from site_build import run
from site_build.build import build_site
from site_build.forker import Forker, shared_forker, stop_shared_forker

ROOT = Path(__file__).resolve().parents[2]
SECRET = "-----BEGIN OPENSSH PRIVATE KEY----- not-really-a-key"
DIED = "the example runner (the fork server) died (killed by signal 9 (SIGKILL))"
HOME_APP = """\
from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    return "home"
"""
OUTSIDE_APP = """\
from pathlib import Path

from flask import Flask

Path(__file__).with_name("ran").write_text("the outside app ran")
app = Flask(__name__)


@app.get("/")
def home():
    return "outside"
"""


def make_project(tmp_path: Path, block: str, app: str = HOME_APP) -> tuple[Path, dict]:
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    (project / "content" / "note.md").write_text(f"Title: A note\n\n{block}\n")
    (project / "examples" / "shop").mkdir(parents=True)
    (project / "examples" / "shop" / "app.py").write_text(app)
    override = {
        "PATH": str(project / "content"),
        "EXAMPLES_PATH": str(project / "examples"),
        "EXCHANGE_TIMEOUT": 5,
        "CACHE_PATH": str(project / "cache"),
    }
    return project, override


def make_outside(tmp_path: Path) -> Path:
    """An app outside the project, which leaves a file ``ran`` if anything imports it."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "app.py").write_text(OUTSIDE_APP)
    os.utime(outside / "app.py", (1_000_000_000, 1_000_000_000))
    return outside


def build(project: Path, override: dict, caplog) -> tuple[int, list[str]]:
    started = time.monotonic()
    with caplog.at_level(logging.ERROR):
        errors = build_site(ROOT / "pelicanconf.py", project / "output", override)
    assert time.monotonic() - started < 15
    return errors, [record.getMessage() for record in caplog.records]


def published(project: Path, text: str) -> list[Path]:
    """The files the build wrote (output, scratch output, cache) that hold ``text``."""
    return [
        path
        for path in project.rglob("*")
        if path.relative_to(project).parts[0] not in ("content", "examples")
        and path.is_file()
        and text.encode() in path.read_bytes()
    ]


def assert_outside_untouched(outside: Path) -> None:
    assert not (outside / "ran").exists(), "the outside app was not run"
    assert (outside / "app.py").stat().st_mtime == 1_000_000_000, "nor dated again"


def test_a_link_to_a_file_outside_stops_the_build_naming_the_link(tmp_path, caplog):
    secret = tmp_path / "id_rsa"
    secret.write_text(SECRET)
    os.utime(secret, (1_000_000_000, 1_000_000_000))
    project, override = make_project(tmp_path, "```exchange example=shop\nGET /\n```")
    (project / "examples" / "shop" / "notes.txt").symlink_to(secret)
    errors, messages = build(project, override, caplog)
    assert errors
    assert "examples/shop/notes.txt leads outside the repository (a link?): refused" in messages[0]
    assert not (project / "output").exists()
    assert not published(project, "not-really-a-key")
    assert secret.stat().st_mtime == 1_000_000_000


def test_an_included_link_to_a_file_outside_stops_the_build(tmp_path, caplog):
    secret = tmp_path / "settings.py"
    secret.write_text(SECRET)
    project, override = make_project(tmp_path, "```include example=shop file=settings.py\n```")
    (project / "examples" / "shop" / "settings.py").symlink_to(secret)
    errors, messages = build(project, override, caplog)
    assert errors
    assert "examples/shop/settings.py leads outside the repository" in messages[0]
    assert not published(project, "not-really-a-key")


@pytest.mark.parametrize("name", ["absolute", "dot-dot"])
def test_an_exchange_with_an_example_outside_stops_the_build_at_its_line(name, tmp_path, caplog):
    outside = make_outside(tmp_path)
    example = str(outside) if name == "absolute" else "../../outside"
    project, override = make_project(tmp_path, f"```exchange example={example}\nGET /\n```")
    errors, messages = build(project, override, caplog)
    assert errors
    assert messages[0] == (
        f"content/note.md:3: example={example!r} is refused: an example is a folder name "
        "directly inside examples/, not a path"
    )
    assert_outside_untouched(outside)
    assert not published(project, "outside")


def test_an_include_of_an_example_outside_stops_the_build_at_its_line(tmp_path, caplog):
    outside = make_outside(tmp_path)
    project, override = make_project(tmp_path, f"```include example={outside}\n```")
    errors, messages = build(project, override, caplog)
    assert errors
    assert messages[0].startswith(f"content/note.md:3: example='{outside}' is refused")
    assert not published(project, "the outside app ran")
    assert_outside_untouched(outside)


WRITER = """\
from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    try:
        with open({target!r}, "w") as file:
            file.write("<h1>pwned</h1>")
    except OSError:
        pass  # caught, yet the build still says what was refused
    return "home"
"""


@pytest.mark.parametrize("where", ["content", "output scratch"])
def test_an_example_writing_outside_its_folder_stops_the_build(where, tmp_path, caplog):
    target = "../../content/x.md"
    if where == "output scratch":
        target = str(tmp_path / "project" / "output.scratch" / "pwned.html")
        (tmp_path / "project" / "output.scratch").mkdir(parents=True)
    app = WRITER.format(target=target)
    project, override = make_project(tmp_path, "```exchange example=shop\nGET /\n```", app)
    errors, messages = build(project, override, caplog)
    assert errors
    assert messages[0] == (
        "content/note.md:4: example 'shop': GET /: while answering, the example did what the "
        f"build refuses: writing {target}, outside the example's folder"
    )
    assert not published(project, "pwned")
    assert not (project / "output").exists()
    assert not (project / "content" / "x.md").exists()


def test_the_builders_environment_does_not_reach_the_page(tmp_path, caplog, monkeypatch):
    app = HOME_APP.replace('return "home"', "import os\n    return dict(os.environ)")
    project, override = make_project(tmp_path, "```exchange example=shop\nGET /\n```", app)
    monkeypatch.setenv("DEPLOY_TOKEN", "ghp_not-a-real-token")
    stop_shared_forker()  # the next fork server starts from this environment
    try:
        errors, _ = build(project, override, caplog)
    finally:
        stop_shared_forker()
    assert errors == 0
    assert not published(project, "ghp_not-a-real-token")
    page = (project / "output" / "a-note" / "index.html").read_text()
    assert "PYTHONHASHSEED" in page, "the page shows the clean environment"


SPAWNER = """\
import os
import subprocess
import sys
import time

from flask import Flask

app = Flask(__name__)
ESCAPE = '''
import os, sys, time
if os.fork():
    os._exit(0)
os.setsid()
with open(sys.argv[1], "w") as file:
    file.write(str(os.getpid()))
time.sleep(60)
'''


@app.get("/")
def home():
    subprocess.Popen([sys.executable, "-c", ESCAPE, "pid"], start_new_session=True)
    for _ in range(100):
        if os.path.exists("pid") and open("pid").read():
            break
        time.sleep(0.05)
    return f"escaped={open('pid').read()}"
"""


def test_a_process_that_left_the_session_dies_when_its_block_ends(tmp_path, caplog):
    project, override = make_project(tmp_path, "```exchange example=shop\nGET /\n```", SPAWNER)
    errors, _ = build(project, override, caplog)
    assert errors == 0
    page = (project / "output" / "a-note" / "index.html").read_text()
    pid = int(re.search(r"escaped=(\d+)", page)[1])
    for _ in range(50):
        if not _alive(pid):
            break
        time.sleep(0.1)
    assert not _alive(pid), f"process {pid} outlived its block"


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_the_next_build_starts_a_new_runner_after_the_last_one_was_killed(tmp_path, caplog):
    project, override = make_project(tmp_path, "```exchange example=shop\nGET /\n```")
    errors, _ = build(project, override, caplog)
    assert errors == 0
    runner = shared_forker()
    os.kill(runner.pid, signal.SIGKILL)
    assert runner.death() == DIED
    override = {**override, "EXCHANGE_CACHE": False}
    errors, messages = build(project, override, caplog)
    assert errors == 0, messages


def test_a_block_sent_to_a_dead_runner_says_how_it_died():
    forker = Forker()
    os.kill(forker.pid, signal.SIGKILL)
    forker._process.wait()
    with pytest.raises(RunError, match=r"the example runner \(the fork server\) died "):
        forker.start(print)
    assert "killed by signal 9 (SIGKILL)" in forker.death()


def test_a_block_whose_runner_dies_before_forking_it_says_how_the_runner_died(
    make_example, scratch_settings, monkeypatch
):
    make_example("shop", HOME_APP)
    forker = Forker()
    monkeypatch.setattr(run, "shared_forker", lambda: forker)
    os.kill(forker.pid, signal.SIGSTOP)  # the job waits in its queue...
    block = run.BlockRun(scratch_settings, "shop", (HttpRequest("GET", "/", (), b"", None, 1),))
    os.kill(forker.pid, signal.SIGKILL)  # ...and the runner dies before it forks
    with pytest.raises(RunError) as raised:
        block.exchanges()
    assert str(raised.value) == DIED


KILLER = HOME_APP.replace(
    'return "home"',
    "import os\n"
    "    stat = open(f'/proc/{os.getppid()}/stat').read()\n"
    "    runner = int(stat.rpartition(')')[2].split()[1])\n"
    "    os.kill(runner, 9)\n"
    "    return 'killed'",
)


def test_an_example_that_kills_the_runner_is_refused_and_blamed(tmp_path, caplog):
    project, override = make_project(tmp_path, "```exchange example=shop\nGET /\n```", KILLER)
    runner = shared_forker().pid
    errors, messages = build(project, override, caplog)
    assert errors
    assert messages[0].startswith("content/note.md:4: example 'shop': GET /: the view raised")
    assert f"refused by the build: sending signal 9 to process {runner}" in messages[0]
    assert shared_forker().pid == runner, "the runner lives on"


DYING = HOME_APP.replace('return "home"', "import os, signal\n    os.kill(os.getpid(), 9)")


def test_a_block_whose_process_dies_says_how(tmp_path, caplog):
    project, override = make_project(tmp_path, "```exchange example=shop\nGET /\n```", DYING)
    errors, messages = build(project, override, caplog)
    assert errors
    assert messages[0] == (
        "content/note.md:4: example 'shop': GET /: the example's process died without an "
        "answer (killed by signal 9 (SIGKILL))"
    )


def test_the_build_leaves_the_examples_files_as_they_were(tmp_path, caplog):
    project, override = make_project(tmp_path, "```exchange example=shop\nGET /\n```")
    app = project / "examples" / "shop" / "app.py"
    os.utime(app, (1_000_000_000, 1_000_000_000))
    errors, _ = build(project, override, caplog)
    assert errors == 0
    assert app.stat().st_mtime == 1_000_000_000
    assert sorted(p.name for p in app.parent.iterdir()) == ["app.py"]
