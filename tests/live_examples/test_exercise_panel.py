"""An exercise in the page: Check, expected beside actual, hints, the solution, kept state.

The routes note's "Move /old to /new" is the exercise; each test has a
browser context of its own, so its storage starts empty.
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.support.browser import visit_offline
from tests.support.keyboard import RECORD_LIVE_REGIONS, said, tab_to, wait_until_said
from tests.support.live import PANEL_TIMEOUT, STEP_TIMEOUT, replace_file
from tests.support.live import check_exercise as check
from tests.support.live import open_exercise as open_live_exercise
from tests.support.notes import ROOT

PAGE = "/routes/"
EXERCISE = "old-to-new"
SOLUTION = (ROOT / "solutions" / EXERCISE / "app.py").read_text()
START = (ROOT / "examples" / "ex-old-to-new" / "app.py").read_text()
HANG = START + '\n\n@app.get("/old")\ndef old():\n    while True:\n        pass\n'
ALL_PASSED = "All 4 checks passed: solved!"


def open_exercise(page):
    """The exercise's section and its panel, ready."""
    return open_live_exercise(page, EXERCISE)


def test_the_start_fails_with_expected_beside_actual_and_the_solution_passes(origin, browser):
    page, problems = visit_offline(browser, origin, PAGE)
    page.evaluate(RECORD_LIVE_REGIONS)
    section, panel = open_exercise(page)
    found = check(page, panel)
    assert [item["passed"] for item in found] == ["false", "false", "true", "true"]
    assert found[0]["heading"] == "✗ Failed: GET /old, Status"
    assert found[0]["shown"] == ["308 PERMANENT REDIRECT", "404 NOT FOUND"]
    assert found[1]["shown"] == ["/new", "(not in the response)"]
    sentence = (
        "2 of 4 checks passed. First failure: GET /old, Status: "
        "expected 308 PERMANENT REDIRECT, your app gave 404 NOT FOUND."
    )
    wait_until_said(page, sentence)
    expect(panel.locator(".exercise-tries")).to_contain_text("Checks so far: 1.")

    replace_file(page, panel, SOLUTION)
    found = check(page, panel)
    assert [item["passed"] for item in found] == ["true"] * 4
    wait_until_said(page, ALL_PASSED)
    assert said(page).count(ALL_PASSED) == 1
    expect(section.locator("h3 .exercise-badge")).to_have_text(" ✓ Solved")
    expect(panel.locator(".exercise-tries")).to_have_text("Solved in this browser.")

    # A reload keeps the code and the state; Start again gives the start back.
    page.reload(wait_until="networkidle")
    section.scroll_into_view_if_needed()
    expect(section.locator("h3 .exercise-badge")).to_have_text(" ✓ Solved")
    section, panel = open_exercise(page)
    expect(panel.locator(".live-kept")).to_contain_text("Your changes from before are back")
    expect(panel.locator(".exercise-tries")).to_have_text("Solved in this browser.")
    assert [item["passed"] for item in check(page, panel)] == ["true"] * 4
    panel.get_by_role("button", name="Start again").click()
    assert [item["passed"] for item in check(page, panel)] == ["false", "false", "true", "true"]
    page.context.close()
    assert problems == []


def test_hints_come_one_at_a_time_and_the_solution_after_the_tries(origin, browser):
    page, problems = visit_offline(browser, origin, PAGE)
    _, panel = open_exercise(page)
    hint = panel.get_by_role("button", name="Show a hint (1 of 2)")
    expect(hint).to_be_hidden()
    check(page, panel)
    hint.click()
    expect(panel.locator(".exercise-hints li")).to_have_count(1)
    expect(panel.locator(".exercise-hints li")).to_contain_text("redirect()")
    panel.get_by_role("button", name="Show a hint (2 of 2)").click()
    expect(panel.locator(".exercise-hints li")).to_have_count(2)
    # No hint left: its button goes, and the focus to the last hint, not to the page.
    assert panel.locator(".exercise-hints li").last.evaluate("h => h === document.activeElement")
    solution = panel.get_by_role("button", name="Show the solution")
    expect(solution).to_be_hidden()
    expect(panel.locator(".exercise-tries")).to_contain_text("shown after 2 more")
    check(page, panel)
    check(page, panel)
    solution.click()
    expect(panel.locator(".exercise-solution-file")).to_have_text(SOLUTION)
    page.context.close()
    assert problems == []


def test_an_app_that_hangs_is_stopped_and_the_next_check_works(origin, browser):
    page, problems = visit_offline(browser, origin, PAGE)
    page.evaluate(RECORD_LIVE_REGIONS)
    _, panel = open_exercise(page)
    replace_file(page, panel, HANG)
    check(page, panel)
    heading = panel.locator(".exercise-verdict-heading")
    expect(heading).to_have_text("Check could not finish: Python was stopped.")
    expect(panel.locator(".exercise-verdict")).to_contain_text("No answer within 10 seconds")
    expect(panel.locator(".exercise-verdict")).to_contain_text("Fix the app, then try again.")
    wait_until_said(page, "^Check could not finish")
    replace_file(page, panel, "from flask import Flask\napp = Flask(__name__\n")
    check(page, panel)
    expect(heading).to_have_text("Your app could not be loaded.")
    expect(panel.locator(".exercise-verdict")).to_contain_text("SyntaxError")
    replace_file(page, panel, SOLUTION)
    assert [item["passed"] for item in check(page, panel)] == ["true"] * 4
    page.context.close()
    assert problems == []


def test_a_link_opens_the_exercise_and_the_keyboard_does_it_all(origin, browser):
    page, problems = visit_offline(browser, origin, f"{PAGE}#exercise-{EXERCISE}")
    panel = page.locator(f"#exercise-{EXERCISE} .exercise-panel")
    page.wait_for_function(
        "p => p.dataset.state === 'ready'", arg=panel.element_handle(), timeout=PANEL_TIMEOUT
    )
    check_button = panel.get_by_role("button", name="Check", exact=True)
    tab_to(page, check_button)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "p => p.dataset.state === 'ready' && p.querySelector('.exercise-verdict-heading')",
        arg=panel.element_handle(),
        timeout=STEP_TIMEOUT,
    )
    assert check_button.evaluate("b => b === document.activeElement")
    hint = panel.get_by_role("button", name="Show a hint (1 of 2)")
    tab_to(page, hint)
    page.keyboard.press("Enter")
    expect(panel.locator(".exercise-hints li")).to_have_count(1)
    # The button stays, for the next hint, and keeps the focus.
    expect(hint).to_have_count(0)
    assert panel.locator(".exercise-hint-button").evaluate("b => b === document.activeElement")
    page.context.close()
    assert problems == []
