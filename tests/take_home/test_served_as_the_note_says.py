"""A download whose note runs it with another server (Waitress) says so, as its note does."""

from __future__ import annotations

import re
import zipfile

from tests.support.notes import ROOT


def test_the_production_download_installs_and_starts_waitress_as_its_note_says(zips):
    note = (ROOT / "content" / "15-production.md").read_text()
    section = note.split("## Run it yourself")[1]
    commands = re.findall(r"^\$ ((?:pip|waitress-serve) .+)$", section, re.MULTILINE)
    with zipfile.ZipFile(zips["production"]) as archive:
        readme = archive.read("production/README.txt").decode()
        pins = archive.read("production/requirements.txt").decode().split()
        requests = archive.read("production/requests.http").decode()
    unix = readme.split("macOS or Linux:")[1].split("\n\n")[1]
    assert [line.strip() for line in unix.splitlines()][-2:] == commands
    assert "flask --app" not in readme
    project = (ROOT / "requirements.txt").read_text().split()
    assert [pin for pin in pins if pin.startswith("waitress==")] == [
        pin for pin in project if pin.startswith("waitress==")
    ]
    assert "@host = http://127.0.0.1:8080\n" in requests
