"""The build starts every block before Pelican reads the notes: each still runs exactly once."""

from __future__ import annotations

import socket
from pathlib import Path

from example_core.parse import ExchangeBlock, find_blocks
from site_build.build import build_site
from site_build.jobs import StartedJobs

ROOT = Path(__file__).resolve().parents[2]
# An app that says "loaded" to a socket each time it is loaded, that is once per run block.
# (It cannot write a log: the build refuses writes outside the example's folder.)
COUNTING_APP = """\
import socket

from flask import Flask

with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as loads:
    try:
        loads.sendto(b"loaded", {log!r})
    except OSError:
        pass  # nobody counts

app = Flask(__name__)


@app.get("/")
def home():
    return "home"
"""
NOTE = """\
Title: {title}

```exchange example=counter
GET /
```

```exchange example=counter
GET /
###
GET /missing
```
"""


def make_counting_site(root: Path) -> tuple[dict, Path]:
    log = root / "loads.sock"
    example = root / "examples" / "counter"
    example.mkdir(parents=True)
    (example / "app.py").write_text(COUNTING_APP.format(log=str(log)))
    content = root / "content"
    content.mkdir()
    for title in ("One", "Two"):
        (content / f"{title.lower()}.md").write_text(NOTE.format(title=title))
    settings = {
        "PATH": str(content),
        "EXAMPLES_PATH": str(root / "examples"),
        "CACHE_PATH": str(root / "cache"),
    }
    return settings, log


def test_every_block_of_every_note_runs_once(tmp_path):
    settings, log = make_counting_site(tmp_path)
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as loads:
        loads.bind(str(log))
        assert build_site(ROOT / "pelicanconf.py", tmp_path / "output", settings) == 0
        loads.setblocking(False)
        count = 0
        while True:
            try:
                count += loads.recv(100) == b"loaded"
            except BlockingIOError:
                break
    # Two notes of two blocks: four loads, not eight; and one for the example's
    # download, whose requests.http is run top to bottom (take_home.top_to_bottom).
    assert count == 5
    page = (tmp_path / "output" / "one" / "index.html").read_text()
    assert page.count('class="exchange-step"') == 3


def test_a_block_that_changed_since_it_was_started_runs_as_it_is_now(
    make_example, scratch_settings
):
    make_example("counter", COUNTING_APP.format(log="/dev/null"))
    lines = NOTE.format(title="One").split("\n")
    started = StartedJobs(scratch_settings)
    started.start(find_blocks(lines, "content/one.md"))
    edited = find_blocks([line.replace("/missing", "/") for line in lines], "content/one.md")
    block = edited[1]
    assert isinstance(block, ExchangeBlock)
    statuses = [e.response.status_code for e in started.take(block).exchanges()]
    started.close()
    assert statuses == [200, 200]
