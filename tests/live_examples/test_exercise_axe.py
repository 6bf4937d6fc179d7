"""axe-core over an exercise, light and dark, at 1280 and 390 px: open, failed, passed, predicted.

Each state is left as a reader leaves it, the pointer resting on the last
control used and the keyboard focus on it; axe runs over the exercise's
block alone (the site's gate runs it over every page).
"""

from __future__ import annotations

from tests.support.browser import serious
from tests.support.live import PANEL_TIMEOUT, STEP_TIMEOUT, replace_file
from tests.support.notes import ROOT
from tests.support.site_checks import AXE

WIDTHS = (1280, 390)
SCHEMES = ("light", "dark")
SOLUTION = (ROOT / "solutions" / "old-to-new" / "app.py").read_text()


def axe_everywhere(page, block, control, state: str) -> list[str]:
    """Serious axe faults in ``block`` at each width and scheme, ``control`` hovered and focused."""
    found = []
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            control.scroll_into_view_if_needed()
            control.hover()
            control.focus()
            faults = serious(block.evaluate("b => axe.run(b)"))
            found += [f"{state}, {scheme}, {width} px: {fault}" for fault in faults]
    return found


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
