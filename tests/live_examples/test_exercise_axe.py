"""axe-core over an exercise, light and dark, at 1280 and 390 px: open, failed, passed, predicted.

Each state is left as a reader leaves it, the pointer resting on the last
control used and the keyboard focus on it; axe runs over the exercise's
block alone (the site's gate runs it over every page).
"""

from __future__ import annotations

from tests.support.browser import axe_everywhere as axe_in_every_scheme
from tests.support.live import PANEL_TIMEOUT, STEP_TIMEOUT, replace_file
from tests.support.notes import ROOT
from tests.support.site_checks import AXE

WIDTHS = (1280, 390)
SOLUTION = (ROOT / "solutions" / "old-to-new" / "app.py").read_text()


def axe_everywhere(page, region, control, state: str) -> list[str]:
    """Serious axe faults in ``region``, light and dark, at 1280 and 390 px."""
    return axe_in_every_scheme(page, region, control, state, WIDTHS)


def check(page, panel) -> None:
    panel.locator(".exercise-verdict").evaluate("v => v.replaceChildren()")
    panel.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_function(
        "p => p.dataset.state === 'ready' && p.querySelector('.exercise-verdict-heading')",
        arg=panel.element_handle(),
        timeout=STEP_TIMEOUT,
    )


def test_axe_finds_nothing_serious_in_any_state_of_an_exercise(visit):
    page = visit("/routes/")
    page.add_script_tag(path=str(AXE))
    found = []
    question = page.locator("#exercise-routes-contact-slash")
    question.scroll_into_view_if_needed()  # its script comes once it is near the screen
    question.get_by_label("200").check()
    ask = question.get_by_role("button", name="Is it right?")
    ask.click()
    found += axe_everywhere(page, question, ask, "a wrong prediction")

    section = page.locator("#exercise-old-to-new")

    section.scroll_into_view_if_needed()  # its script comes once it is near the screen
    opener = section.get_by_role("button", name="Do it in your browser")
    found += axe_everywhere(page, section, opener, "closed")
    opener.click()
    panel = section.locator(".exercise-panel")
    page.wait_for_function(
        "p => p.dataset.state === 'ready'", arg=panel.element_handle(), timeout=PANEL_TIMEOUT
    )
    check_button = panel.get_by_role("button", name="Check", exact=True)
    check(page, panel)
    found += axe_everywhere(page, section, check_button, "failed")
    hint = panel.locator(".exercise-hint-button")
    hint.click()
    found += axe_everywhere(page, section, hint, "a hint shown")
    replace_file(page, panel, SOLUTION)
    check(page, panel)
    assert panel.locator(".exercise-verdict").get_attribute("data-passed") == "true"
    found += axe_everywhere(page, section, check_button, "passed")
    solution = panel.get_by_role("button", name="Show the solution")
    solution.click()
    found += axe_everywhere(page, section, panel.locator(".exercise-solution h4"), "the solution")
    assert found == []
