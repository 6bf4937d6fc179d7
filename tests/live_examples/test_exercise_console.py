"""An exercise whose checks read the server's console: "Log each request's path" (note 13).

The page's Check catches what the app prints while it answers, as the
Server tab does, without the development server's access line; a line
logged with ``app.logger`` and one printed with ``print`` both pass.
"""

from __future__ import annotations

import re

from tests.support.browser import visit_offline
from tests.support.keyboard import RECORD_LIVE_REGIONS, wait_until_said
from tests.support.live import check_exercise, open_exercise, replace_file
from tests.support.notes import ROOT

EXERCISE = "log-paths"
SOLUTION = (ROOT / "solutions" / EXERCISE / "app.py").read_text()
FIELD = "Console (a line must contain each expected line)"
# The task's other way: print, in the one view there is, so /calzone logs nothing.
PRINTED_IN_THE_VIEW = SOLUTION.replace(
    "@app.before_request\ndef log_path():\n    app.logger.info(request.path)\n\n\n", ""
).replace("def menu():\n", 'def menu():\n    print("asked for", request.path)\n')
PRINTED_BEFORE_EACH = SOLUTION.replace("app.logger.info(request.path)", "print(request.path)")


def test_the_start_printed_nothing_a_print_or_a_log_line_passes(origin, browser):
    assert PRINTED_IN_THE_VIEW != SOLUTION and PRINTED_BEFORE_EACH != SOLUTION
    page, problems = visit_offline(browser, origin, "/errors/")
    page.evaluate(RECORD_LIVE_REGIONS)
    _, panel = open_exercise(page, EXERCISE)
    found = check_exercise(page, panel)
    assert [item["heading"] for item in found] == [
        f"✗ Failed: GET /menu, {FIELD}",
        f"✗ Failed: GET /calzone, {FIELD}",
    ]
    assert [item["shown"] for item in found] == [["/menu", "(nothing)"], ["/calzone", "(nothing)"]]
    sentence = (
        f"0 of 2 checks passed. First failure: GET /menu, {FIELD}: expected /menu, "
        "your app gave (nothing)."
    )
    wait_until_said(page, re.escape(sentence))

    replace_file(page, panel, PRINTED_IN_THE_VIEW)
    found = check_exercise(page, panel)
    assert [item["passed"] for item in found] == ["true", "false"]
    assert found[0]["shown"] == ["/menu", "asked for /menu\n"], "no access line: the app's only"

    replace_file(page, panel, PRINTED_BEFORE_EACH)
    assert [item["passed"] for item in check_exercise(page, panel)] == ["true", "true"]

    replace_file(page, panel, SOLUTION)
    found = check_exercise(page, panel)
    assert [item["passed"] for item in found] == ["true", "true"]
    assert found[1]["shown"][1].endswith("INFO in app: /calzone\n")
    wait_until_said(page, "All 2 checks passed: solved!")
    page.context.close()
    assert problems == []
