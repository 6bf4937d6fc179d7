"""The live panel for every reader (WCAG 2.2 AA): focus, contrast, a phone's width, ``hidden``.

Each test acts as a reader does (the keyboard, the pointer, a narrow screen,
the dark theme) and reads what Chromium renders: the element with the focus,
the computed colours, the page's width.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import (
    PHONE_WIDTHS,
    GateVisit,
    axe_violations,
    gate_visit,
    open_offline,
)
from tests.support.live import STEP_TIMEOUT, act, block_with, go_to, open_browser, send
from tests.support.site_checks import html_pages, plant, static_server

# Notes every 10 ms, while the panel works, whether the focus fell to <body>.
WATCH_FOCUS = """() => {
    window.focusFell = false;
    clearInterval(window.focusWatch);
    window.focusWatch = setInterval(() => {
        const lost = document.activeElement === document.body || !document.activeElement;
        if (lost) window.focusFell = true;
    }, 10);
}"""
FOCUS_FELL = """() => {
    clearInterval(window.focusWatch);
    return window.focusFell || document.activeElement === document.body;
}"""

# WCAG 2.x's contrast ratio of two computed colours ("rgb(…)" or "rgba(…)", opaque).
CONTRAST = """([one, two]) => {
    const channels = (text) => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const luminance = (text) => {
        const [r, g, b] = channels(text).map((c) => {
            const s = c / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const [light, dark] = [luminance(one), luminance(two)].sort((a, b) => b - a);
    return (light + 0.05) / (dark + 0.05);
}"""


def ratio(page, one: str, two: str) -> float:
    return page.evaluate(CONTRAST, [one, two])


def keeps_focus(page, control, press_and_wait) -> None:
    """Focus ``control``; while ``press_and_wait()`` runs, and after, the focus stays on it."""
    control.focus()
    page.evaluate(WATCH_FOCUS)
    press_and_wait()
    assert not page.evaluate(FOCUS_FELL), "the focus fell to <body> while the panel worked"
    assert control.evaluate("c => document.activeElement === c")


def test_send_run_again_and_back_keep_the_keyboard_focus(visit):
    page = visit("/methods/")
    panel = open_browser(page, block_with(page, "methods", "POST /signup"))
    panel.get_by_role("tab", name="Answers").click()

    def enter_then(condition, element):
        page.keyboard.press("Enter")
        page.wait_for_function(condition, arg=element.element_handle(), timeout=STEP_TIMEOUT)

    response = panel.locator(".live-response")
    response.evaluate("r => { delete r.dataset.status; }")
    send_button = panel.get_by_role("button", name="Send")
    keeps_focus(page, send_button, lambda: enter_then("r => r.dataset.status", response))

    panel.locator(".live-steps").evaluate("s => s.replaceChildren()")
    run_button = panel.get_by_role("button", name="Run again")
    ran = "p => p.dataset.state === 'ready' && p.querySelector('.live-step')"
    keeps_focus(page, run_button, lambda: enter_then(ran, panel))

    panel.get_by_role("tab", name="Browser").click()
    go_to(page, panel, "/welcome")
    back = panel.get_by_role("button", name="Back")
    keeps_focus(page, back, lambda: act(page, panel, lambda: page.keyboard.press("Enter")))
    # At the first page Back is unavailable, and says so, but keeps the focus.
    expect(back).to_have_attribute("aria-disabled", "true")


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_a_hovered_selected_tab_and_the_fields_edges_are_readable(visit, color_scheme):
    page = visit("/methods/", color_scheme)
    panel = open_browser(page, block_with(page, "methods", "POST /signup"))
    selected = panel.get_by_role("tab", selected=True)
    assert selected.count() >= 2, "the panel's views and the example's files"
    for index in range(selected.count()):
        tab = selected.nth(index)
        tab.hover()
        colour, background = tab.evaluate(
            "t => [getComputedStyle(t).color, getComputedStyle(t).backgroundColor]"
        )
        text = tab.inner_text()
        assert ratio(page, colour, background) >= 4.5, f"{text!r} hovered: {colour} on {background}"

    fields = panel.locator(".live-request input, .live-request select, .live-request textarea")
    fields = [*fields.all(), panel.locator(".live-address input"), panel.locator(".cm-editor")]
    page_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    for field in fields:
        edge, background = field.first.evaluate(
            "f => [getComputedStyle(f).borderTopColor, getComputedStyle(f).backgroundColor]"
        )
        for behind in (background, page_background):
            assert ratio(page, edge, behind) >= 3, f"field edge {edge} on {behind}"


def test_the_editor_follows_the_dark_theme_and_its_caret_keeps_still(browser, origin):
    context = browser.new_context(color_scheme="dark", reduced_motion="reduce")
    page = context.new_page()
    page.goto(origin + "/methods/", wait_until="networkidle")
    panel = open_browser(page, block_with(page, "methods", "POST /signup"))
    panel.get_by_role("tab", name="Answers").click()
    panel.locator(".live-file:not([hidden]) .cm-content").click()
    editor = panel.locator(".live-file:not([hidden]) .cm-editor")
    outline, background = editor.evaluate(
        "e => [getComputedStyle(e).outlineColor, getComputedStyle(document.body).backgroundColor]"
    )
    assert ratio(page, outline, background) >= 3, f"focus outline {outline} on {background}"
    caret = panel.locator(".live-file:not([hidden]) .cm-cursor").first
    assert (
        ratio(page, caret.evaluate("c => getComputedStyle(c).borderLeftColor"), background) >= 4.5
    )
    assert editor.evaluate("e => e.classList.contains('cm-focused')")
    layer = panel.locator(".live-file:not([hidden]) .cm-cursorLayer")
    assert layer.evaluate("l => getComputedStyle(l).animationName") == "none"
    context.close()


def test_a_json_answer_after_an_html_one_leaves_no_preview_and_a_phone_no_sideways_scroll(
    visit,
):
    page = visit("/methods/")
    page.set_viewport_size({"width": 390, "height": 800})
    panel = open_browser(page, block_with(page, "methods", "POST /signup"))
    panel.get_by_role("tab", name="Answers").click()
    preview = panel.locator(".live-response .exchange-preview")
    form = panel.locator(".live-request")

    form.get_by_label("Method").select_option("GET")
    form.get_by_label("Path").fill("/signup")
    status, _, _ = send(page, panel)
    assert status == "200"
    expect(preview).to_be_visible()

    form.get_by_label("Path").fill("/echo")
    status, body, _ = send(page, panel)
    assert (status, body.startswith("{")) == ("200", True)
    expect(preview).to_be_hidden()
    assert preview.evaluate("p => p.getBoundingClientRect().height") == 0

    # The editor wraps its lines: the panel, open, fits a phone.
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.xdist_group("site_gates")
@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_no_page_scrolls_sideways_on_a_phone(site, gate_visits, width):
    """Every page, light and dark, made ``width`` px wide, is no wider than the screen.

    The browser gates' visits measure it (``gate_visits``): the site's pages
    lay themselves out with CSS alone, so narrowing a loaded page shows what
    loading it on the phone would.
    """
    visits = gate_visits("light") + gate_visits("dark")
    assert len(visits) == 2 * len(html_pages(site))
    wide = [f"{visit}: {visit.phone[width]}" for visit in visits if _sideways(visit, width)]
    assert wide == []
    assert [visit.problems for visit in visits if visit.problems] == []


def _sideways(visit: GateVisit, width: int) -> bool:
    scroll, client = visit.phone[width]
    return scroll > client


def test_the_phone_check_catches_a_page_wider_than_the_phone(site, browser, tmp_path):
    wide = '<p style="width: 600px">A line that does not wrap.</p>'
    with static_server(plant(site, tmp_path, "index.html", "</main>", wide)) as served:
        visit = gate_visit(browser, served, "/")
    assert _sideways(visit, PHONE_WIDTHS[0])


def test_a_table_wider_than_a_phone_scrolls_in_a_region_the_keyboard_reaches(origin, browser):
    page, problems = open_offline(browser, origin)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(origin + "/methods/", wait_until="networkidle")
    region = page.locator(".table-scroll").first
    expect(region).to_have_attribute("tabindex", "0")
    expect(region).to_have_attribute("role", "region")
    assert region.get_attribute("aria-label").startswith("Table: Method")
    assert region.evaluate("r => r.scrollWidth > r.clientWidth"), "the table is wider than 320 px"
    assert axe_violations(page) == []
    page.context.close()
    assert problems == []
