"""Include blocks show example code whole, by lines, or one function, never pasted."""

from __future__ import annotations

import pytest

from example_core.errors import BlockError
from example_core.parse import find_blocks
from site_build.blocks.include import read_include

SOURCE = """\
from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    return "home"


class Shelf:
    def count(self):
        return 3
"""


def include(examples, options: str):
    (block,) = find_blocks([f"```include example=shop {options}", "```"], "content/note.md")
    return read_include(block, examples)


@pytest.fixture
def examples(make_example):
    return make_example("shop", SOURCE)


def test_the_whole_file(examples):
    source = include(examples, "")
    assert source.text == SOURCE.rstrip("\n")
    assert source.whole_file


def test_a_line_range(examples):
    source = include(examples, "lines=3-3")
    assert source.text == "app = Flask(__name__)"
    assert (source.first_line, source.last_line) == (3, 3)


def test_a_function_with_its_decorator(examples):
    source = include(examples, "function=home")
    assert source.text == '@app.get("/")\ndef home():\n    return "home"'
    assert (source.first_line, source.last_line) == (6, 8)


def test_a_method_by_dotted_name_is_dedented(examples):
    assert include(examples, "function=Shelf.count").text == "def count(self):\n    return 3"


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ("file=missing.py", "no file 'missing.py' in the example"),
        ("file=../../secrets.txt", "no file '../../secrets.txt'"),
        ("lines=10-40", "lines=10-40 goes past the end of app.py (13 lines)"),
        ("function=away", "no function or class 'away' in app.py (defined there: Shelf, home)"),
    ],
)
def test_a_bad_include_names_the_note_line_and_example(examples, options, words):
    with pytest.raises(BlockError) as raised:
        include(examples, options)
    assert str(raised.value).startswith("content/note.md:1: example 'shop': ")
    assert words in str(raised.value)


def test_an_include_of_an_unknown_example(examples):
    (block,) = find_blocks(["```include example=nowhere", "```"], "content/note.md")
    with pytest.raises(BlockError, match="example 'nowhere': no such example"):
        read_include(block, examples)
