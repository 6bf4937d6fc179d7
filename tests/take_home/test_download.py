"""Each example's download: its files, pins, requests and README, the same bytes every build."""

from __future__ import annotations

import os
import re
import shutil
import struct
import time
import zipfile
from pathlib import Path

import pytest

from example_core.http_file import REFERENCE
from take_home.archive import zip_bytes
from take_home.readme import Download
from take_home.requests_file import NoteLink, requests_http, shown_blocks
from take_home.requirements import flask_requirements
from take_home.self_check import check_files
from tests.support.http_file import read_http_file
from tests.support.notes import ROOT, exchange_blocks, notes, page_file, shown_examples

EPOCH = 1_700_000_000
EXAMPLES = shown_examples()


def a_download(example_dir: Path, **changes) -> Download:
    requirements, python = flask_requirements(ROOT / "requirements.txt")
    fields = dict(
        example_dir=example_dir,
        app_spec="app",
        notes=(NoteLink("Cache busting", "/caching/"),),
        shown=(),
        requirements=requirements,
        python=python,
    )
    return Download(**{**fields, **changes})


def test_the_zip_is_the_same_bytes_whatever_the_files_times_and_modes(tmp_path):
    first, second = tmp_path / "one" / "caching", tmp_path / "two" / "caching"
    shutil.copytree(ROOT / "examples" / "caching", first)
    shutil.copytree(ROOT / "examples" / "caching", second)
    os.utime(second / "app.py", (12345, 12345))
    (second / "static" / "style.css").chmod(0o600)
    (second / "__pycache__").mkdir()
    (second / "__pycache__" / "app.cpython-312.pyc").write_bytes(b"compiled")
    assert zip_bytes(a_download(first), EPOCH) == zip_bytes(a_download(second), EPOCH)


def test_entries_are_sorted_in_one_folder_with_the_builds_moment_and_fixed_modes(tmp_path):
    data = zip_bytes(a_download(ROOT / "examples" / "caching"), EPOCH)
    (tmp_path / "c.zip").write_bytes(data)
    infos = zipfile.ZipFile(tmp_path / "c.zip").infolist()
    names = [info.filename for info in infos]
    assert names == sorted(names)
    core = sorted(f"caching/{name}" for name in check_files() if name.startswith("check_copy/"))
    assert names == [
        "caching/",
        "caching/README.txt",
        "caching/app.py",
        "caching/check_copy/",
        "caching/check_copy/example_core/",
        *core,
        "caching/pages.json",
        "caching/requests.http",
        "caching/requirements.txt",
        "caching/static/",
        "caching/static/style.css",
        "caching/test_as_the_pages_show.py",
    ]
    assert "caching/check_copy/example_core/runner.py" in core
    for info in infos:
        assert info.date_time == time.gmtime(EPOCH)[:6]
        assert struct.unpack("<HHBl", info.extra) == (0x5455, 5, 1, EPOCH)
        mode = info.external_attr >> 16
        assert mode == (0o40755 if info.is_dir() else 0o100644), info.filename


def test_the_example_files_are_exactly_the_ones_the_build_ran(tmp_path):
    example = ROOT / "examples" / "caching"
    (tmp_path / "c.zip").write_bytes(zip_bytes(a_download(example), EPOCH))
    with zipfile.ZipFile(tmp_path / "c.zip") as archive:
        assert archive.read("caching/app.py") == (example / "app.py").read_bytes()
        assert (
            archive.read("caching/static/style.css") == (example / "static/style.css").read_bytes()
        )


def test_requirements_are_flask_and_its_dependencies_pinned_as_the_project_pins_them():
    requirements, python = flask_requirements(ROOT / "requirements.txt")
    project = set((ROOT / "requirements.txt").read_text().splitlines())
    lines = requirements.splitlines()
    assert set(lines) <= project
    names = {line.split("==")[0].lower() for line in lines}
    assert {
        "flask",
        "werkzeug",
        "jinja2",
        "markupsafe",
        "itsdangerous",
        "click",
        "blinker",
    } == names
    assert re.fullmatch(r"3\.\d+", python) and python >= "3.10"  # Flask 3.1 and click 8.5


def test_a_package_only_some_pythons_or_systems_need_is_pinned_with_its_marker():
    requirements, _ = flask_requirements(ROOT / "requirements.txt", "pytest")
    project = {line.partition(";")[0].strip() for line in (ROOT / "requirements.txt").open()}
    lines = requirements.splitlines()
    assert {line.partition(";")[0] for line in lines} <= project
    conditional = {
        line.partition("==")[0]: line.partition("; ")[2] for line in lines if ";" in line
    }
    assert conditional == {
        "colorama": 'sys_platform == "win32"',
        "exceptiongroup": 'python_version < "3.11"',
        "tomli": 'python_version < "3.11"',
        "typing_extensions": 'python_version < "3.11"',
    }


def test_a_dependency_the_project_does_not_pin_stops_the_build(tmp_path):
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("Flask==3.1.3\nWerkzeug==3.1.9\n")
    with pytest.raises(LookupError, match="pins no version of blinker, click"):
        flask_requirements(requirements)


def test_an_example_with_its_own_readme_is_refused(tmp_path):
    example = tmp_path / "mine"
    example.mkdir()
    (example / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    (example / "README.txt").write_text("mine")
    with pytest.raises(ValueError, match=r"'mine' has its own README\.txt"):
        zip_bytes(a_download(example), EPOCH)


def test_requests_http_holds_every_request_of_every_note_grouped_by_note_and_heading():
    for example in EXAMPLES:
        shown = []
        for note in notes():
            lines = note.read_text(encoding="utf-8").split("\n")
            link = NoteLink(note.stem, "/" + page_file(note).removesuffix("index.html"))
            shown += shown_blocks(lines, str(note.relative_to(ROOT)), link)
        shown = [s for s in shown if s.block.example == example]
        text = requests_http(example, shown)
        variables, groups = read_http_file(text)
        assert variables == {"host": "http://127.0.0.1:5000"}
        blocks = [b for b in exchange_blocks() if b.example == example]
        assert len(groups) == len(blocks) == len(shown)
        for group, block in zip(groups, blocks, strict=True):
            for written, request in zip(group.requests, block.requests, strict=True):
                assert written.method == request.method
                assert written.url.startswith("{{host}}/")
                assert _unnamed(written.url[len("{{host}}") :]) == _unnamed(request.target)
                assert [(k, _unnamed(v)) for k, v in written.headers] == [
                    (k, _unnamed(_at_home(k, v))) for k, v in request.headers
                ]
                assert _unnamed(written.body) == _unnamed(request.shown_body)


def _at_home(name: str, value: str) -> str:
    """The page's own origin (its client's) is the student's server's, ``{{host}}``."""
    return "{{host}}" if (name, value) == ("Origin", "http://localhost") else value


def test_a_request_from_the_pages_own_origin_comes_from_the_students():
    note = ROOT / "content" / "12-sessions.md"
    lines = note.read_text(encoding="utf-8").split("\n")
    shown = shown_blocks(lines, "content/12-sessions.md", NoteLink("Sessions", "/sessions/"))
    text = requests_http("sessions", shown)
    assert "POST {{host}}/logout\nOrigin: https://elsewhere.example\n" in text
    assert "POST {{host}}/logout\nOrigin: {{host}}\n" in text
    assert "Origin: http://localhost" not in text


def test_a_reference_to_an_earlier_answer_comes_with_a_curl_line_before_it():
    note = ROOT / "content" / "10-caching.md"
    lines = note.read_text(encoding="utf-8").split("\n")
    shown = shown_blocks(lines, "content/10-caching.md", NoteLink("Caching", "/caching/"))
    text = requests_http("caching", shown)
    requests = text.split("\n###")
    referring = [r for r in requests if ".response.headers." in r]
    assert len(referring) >= 2
    for request in referring:
        curl = re.search(
            r"^# curl -i -H '(If-[\w-]+): <([\w-]+)>' http://127.0.0.1:5000/\S+$", request, re.M
        )
        assert curl, request
        assert f"{curl[1]}: {{{{" in request and f".response.headers.{curl[2]}}}}}" in request
    assert all("# curl" not in r for r in requests if ".response.headers." not in r)


def _unnamed(text: str) -> str:
    """A text with the names in its references left out (the file makes names unique)."""
    return REFERENCE.sub(lambda m: "{{" + m["inner"].partition(".")[2] + "}}", text)


def test_each_group_says_which_note_and_heading_it_comes_from():
    note = ROOT / "content" / "10-caching.md"
    lines = note.read_text(encoding="utf-8").split("\n")
    shown = shown_blocks(lines, "content/10-caching.md", NoteLink("Caching", "/caching/"))
    text = requests_http("caching", shown)
    headings = [line[3:] for line in lines if line.startswith("## ")]
    starts = re.findall(r"^### Fresh start: Caching \(/caching/\), (.+)$", text, re.MULTILINE)
    assert starts and set(starts) <= set(headings)


def test_names_used_twice_in_the_file_are_made_unique_and_references_follow():
    note = ROOT / "content" / "10-caching.md"
    lines = note.read_text(encoding="utf-8").split("\n")
    shown = shown_blocks(lines, "content/10-caching.md", NoteLink("Caching", "/caching/"))
    text = requests_http("caching", shown)
    names = re.findall(r"^# @name (\w+)$", text, re.MULTILINE)
    assert len(names) == len(set(names))
    for reference in REFERENCE.finditer(text):
        name = reference["inner"].partition(".")[0]
        if name != "host":
            assert name in names
            assert text.index(f"# @name {name}\n") < reference.start()


def test_a_download_that_cannot_be_made_stops_the_build_and_keeps_output(tmp_path, caplog):
    from tests.support.broken_builds import build_and_fail, make_site

    override = make_site(tmp_path, "```exchange example=shop\nGET /\n```")
    override["EXCHANGE_CACHE"] = False
    (tmp_path / "examples" / "shop" / "requirements.txt").write_text("flask\n")
    message = build_and_fail(tmp_path, caplog, override)
    assert message == ("example downloads: example 'shop' has its own requirements.txt; rename it")


def test_a_factory_app_is_quoted_in_the_readme_so_a_shell_reads_it_as_one_word():
    from take_home.readme import readme

    text = readme(a_download(ROOT / "examples" / "club", app_spec="club:create_app()"))
    assert text.count('flask --app "club:create_app()" run --debug') == 2
    assert "flask --app app run --debug" in readme(a_download(ROOT / "examples" / "caching"))
