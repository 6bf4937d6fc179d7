"""No block is published silently unrun: a block Markdown would not hand us stops the build.

A fence inside a list item or a quote, or indented, is code to Markdown, and
an option given twice would let one of them be ignored. Each case builds a
throwaway site (see ``test_build_errors``) and the build stops within 15
seconds with the note and line, publishing nothing.
"""

from __future__ import annotations

import time

import pytest

from tests.support.broken_builds import build_and_fail, make_site

MISPLACED = (
    "must start at the beginning of a line, not indented nor inside a list or a quote: "
    "there the block would not run, and its fence would be published as it is"
)
CASES = {
    "exchange fence indented": ("   ```exchange example=shop\n   GET /\n   ```", 3, "exchange"),
    "exchange fence in a quote": ("> ```exchange example=shop\n> GET /\n> ```", 3, "exchange"),
    "exchange fence in a list item": ("- ```exchange example=shop\n  GET /\n  ```", 3, "exchange"),
    "include fence in a numbered list": (
        "Steps:\n\n1. Read it:\n\n    ```include example=shop\n    ```",
        7,
        "include",
    ),
    "include fence in a list, with tildes": ("* ~~~include example=shop\n  ~~~", 3, "include"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_block_in_a_list_or_a_quote_stops_the_build(case, tmp_path, caplog):
    block, line, kind = CASES[case]
    started = time.monotonic()
    message = build_and_fail(tmp_path, caplog, make_site(tmp_path, block))
    assert time.monotonic() - started < 15
    assert message == f"content/note.md:{line}: {kind} blocks {MISPLACED}"


@pytest.mark.parametrize("option", ["example=shop", "expect=200", "preview"])
def test_an_option_given_twice_stops_the_build(option, tmp_path, caplog):
    block = f"```exchange example=shop {option} {option}\nGET /\n```"
    message = build_and_fail(tmp_path, caplog, make_site(tmp_path, block))
    key = option.partition("=")[0]
    assert message == f"content/note.md:3: option '{key}' is given twice: give it once"


def test_a_block_shown_inside_another_fence_is_still_only_shown(tmp_path):
    """The syntax of a block may be shown, quoted or in a list, inside a longer fence."""
    from site_build.build import build_site
    from tests.support.notes import ROOT

    block = "````markdown\n> ```exchange example=shop\n> GET /\n> ```\n````"
    site = make_site(tmp_path, block)
    assert build_site(ROOT / "pelicanconf.py", tmp_path / "output", site) == 0
