"""Pack a *write it* exercise as a download a student does at home: ``exercises/<id>.zip``.

The zip holds one folder named after the exercise: the starting app's
files, ``requirements.txt`` (Flask and pytest, pinned as the examples' are),
``exercise.json`` (the requests and the checks, expected values from the
build's run of the solution), ``test_exercise.py`` (``exercise_check``,
which calls the same ``example_core.checking`` as the build and the page,
shipped in ``check_copy/example_core/``), ``requests.http`` and a
``README.txt`` saying how to run ``pytest`` and ``flask run``.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from pathlib import Path
from string import Template

from example_core.examples import app_spec, example_files
from example_core.parse import ExchangeBlock
from example_core.shipping import core_files

from .archive import pack
from .requests_file import NoteLink, ShownBlock, requests_http

FOLDER = "exercises"
CHECK = Path(__file__).with_name("exercise_check.py")
CHECK_FILE = "test_exercise.py"
DATA_FILE = "exercise.json"
CORE_FOLDER = "check_copy/example_core"
README = Template("""\
Exercise "$title", from the notes "How webservers work"

$task

The starting app is in this folder: change it until every check passes.
You need Python $python or newer. Open a terminal in this folder
(the one holding README.txt), then run these commands, one at a time.

Windows (PowerShell):

  py -m venv .venv
  .venv\\Scripts\\Activate.ps1
  pip install -r requirements.txt
  pytest

macOS or Linux:

  python3 -m venv .venv
  source .venv/bin/activate
  pip install -r requirements.txt
  pytest

pytest runs test_exercise.py: it loads your app afresh and sends it the
exercise's requests with Flask's test client, as the page's Check button
does. Each check is one test; a failed one says what was expected and
what came. When every test passes, the exercise is solved.

To try your app in a browser or with requests.http (VS Code's REST Client
extension), start it with:

  flask --app $app run$debug

then open http://127.0.0.1:5000/ and stop it with Ctrl+C.
""")


@dataclass(frozen=True)
class ExerciseDownload:
    """What goes into one exercise's zip."""

    id: str
    title: str
    task: str
    start_dir: Path
    exchange: ExchangeBlock  # the exercise's requests, as an exchange block of the start
    data: dict  # the page's exercise data: requests, checks, debug...
    requirements: str
    python: str


def exercise_path(exercise: str) -> str:
    """Where an exercise's zip lives in the output, such as ``exercises/old-to-new.zip``."""
    return f"{FOLDER}/{exercise}.zip"


def exercise_zip(download: ExerciseDownload, epoch: int) -> bytes:
    """The zip of one exercise: the same bytes for the same inputs and moment."""
    files = {
        path.relative_to(download.start_dir).as_posix(): path.read_bytes()
        for path in example_files(download.start_dir)
    }
    # The solution stays on the site: the zip is the exercise, not its answer.
    data = {**download.data, "id": download.id, "epoch": epoch, "solution": None}
    files[DATA_FILE] = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False).encode()
    files[CHECK_FILE] = CHECK.read_bytes()
    for path in core_files(CHECK):
        files[f"{CORE_FOLDER}/{path.name}"] = path.read_bytes()
    files["requirements.txt"] = download.requirements.encode()
    note = NoteLink(f"Exercise: {download.title}", "")
    shown = ShownBlock(note, download.title, download.exchange)
    files["requests.http"] = requests_http(download.id, [shown]).encode()
    files["README.txt"] = README.substitute(
        title=download.title,
        task=textwrap.fill(download.task.replace("`", ""), width=72),
        python=download.python,
        app=app_spec(download.start_dir),
        debug=" --debug" if download.exchange.debug else "",
    ).encode()
    return pack(download.id, files, epoch)
