"""A link in a build's HTML preview, followed from the keyboard or clicked, leaves it as it was.

The preview is a frame sandboxed with no permissions: its links aim at a
new window, which the sandbox refuses, so the page drawn stays in place
(before, a link followed blanked the frame with about:blank#blocked until
the page was reloaded).
"""

from __future__ import annotations

from tests.support.browser import visit_offline

REFUSED = "in a new window because the request was made in a sandboxed frame"


def test_a_link_in_a_preview_followed_from_the_keyboard_or_clicked_keeps_the_preview(
    origin, browser
):
    page, problems = visit_offline(browser, origin, "/templates/")
    preview = page.locator("iframe.exchange-preview").first
    frame = preview.content_frame
    before = frame.locator("body").inner_text()
    links = frame.locator("a[href]")
    assert links.count() >= 2

    links.first.click()
    links.first.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)  # a navigation, had one started, would have ended by now

    assert next(f.url for f in page.frames if f.parent_frame == page.main_frame) == "about:srcdoc"
    assert frame.locator("body").inner_text() == before
    assert links.nth(1).evaluate("a => document.activeElement === a"), "the keyboard stays in place"
    assert problems and all(REFUSED in problem for problem in problems), problems
    page.context.close()
