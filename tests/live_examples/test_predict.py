"""A predict-it question in the page: pick, hear right or wrong once, see the real answer run.

The routes note asks what GET /contact/ answers; the build's answer is 404.
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.support.browser import visit_offline
from tests.support.keyboard import RECORD_LIVE_REGIONS, said, wait_until_said
from tests.support.live import open_panel, verdicts

WRONG = "Not 200: The status of GET /contact/ is 404. Run the answer below to see it happen."
RIGHT = "Right: The status of GET /contact/ is 404."


def test_a_wrong_pick_then_the_right_one_each_said_once_and_kept(origin, browser):
    page, problems = visit_offline(browser, origin, "/routes/")
    page.evaluate(RECORD_LIVE_REGIONS)
    question = page.locator("#exercise-routes-contact-slash")
    question.scroll_into_view_if_needed()  # its script comes once it is near the screen
    assert question.get_attribute("data-answer") == "404"
    answer = question.locator(":scope > details")
    assert answer.get_attribute("open") is None
    ask = question.get_by_role("button", name="Is it right?")
    ask.click()
    expect(question.locator(".predict-verdict")).to_have_text("Pick one of the answers first.")
    question.get_by_label("200").check()
    ask.click()
    wait_until_said(page, f"^{WRONG}$")
    assert answer.get_attribute("open") == ""
    expect(question.locator(".exercise-badge")).to_have_count(0)
    # The keyboard: arrows move through the choices, judged only when asked.
    question.get_by_label("200").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(question.get_by_label("404")).to_be_checked()
    page.keyboard.press("Tab")
    assert ask.evaluate("b => b === document.activeElement")
    page.keyboard.press("Enter")
    wait_until_said(page, f"^{RIGHT}$")
    assert said(page).count(RIGHT) == 1 and said(page).count(WRONG) == 1, said(page)
    expect(question.locator(".exercise-badge")).to_have_text(" ✓ Solved")

    # Run shows the real answer, from the app itself.
    panel = open_panel(page, question.locator(".exchange"))
    assert [verdict for verdict, _ in verdicts(panel)] == ["same"]
    assert "404 NOT FOUND" in panel.locator(".live-step").inner_text()

    page.reload(wait_until="networkidle")
    question.scroll_into_view_if_needed()
    expect(question.get_by_label("404")).to_be_checked()
    expect(question.locator(".predict-verdict")).to_have_text(RIGHT)
    expect(question.locator(".exercise-badge")).to_have_text(" ✓ Solved")
    page.context.close()
    assert problems == []
