"""The reader's edits are kept in the browser: a reload, Start again, the view of the changes.

Each test has a browser context of its own, so its storage starts empty; a
reload is a new visit of the same page in that context.
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.support.browser import visit_offline
from tests.support.live import PANEL_TIMEOUT, READY, open_panel, replace_file, send, verdicts
from tests.support.notes import ROOT

PAGE = "/flask-webserver/"
SOURCE = (ROOT / "examples" / "hello-flask" / "app.py").read_text()
EDITED = SOURCE.replace("Hello from Flask!", "Hello from your browser!")


def reopen(page):
    """Reload the page, then Run its first block again."""
    page.reload(wait_until="networkidle")
    return open_panel(page, page.locator(".exchange").first)


def editor_text(panel) -> str:
    return panel.locator(".live-file:not([hidden]) .cm-content").inner_text()


def test_an_edit_is_there_after_a_reload_and_start_again_gives_the_original_back(origin, browser):
    page, problems = visit_offline(browser, origin, PAGE)
    panel = open_panel(page, page.locator(".exchange").first)
    replace_file(page, panel, EDITED)
    panel = reopen(page)
    # The kept edit is the app the first run loads, and the one in the editor.
    assert [verdict for verdict, _ in verdicts(panel)] == ["differs"]
    expect(panel.locator(".live-kept")).to_contain_text("Your changes from before are back")
    assert "Hello from your browser!" in editor_text(panel)
    assert send(page, panel)[:2] == ("200", "Hello from your browser!")
    panel.get_by_role("button", name="Start again").click()
    assert "Hello from Flask!" in editor_text(panel)
    assert send(page, panel)[:2] == ("200", "Hello from Flask!")
    panel = reopen(page)
    assert [verdict for verdict, _ in verdicts(panel)] == ["same"]
    expect(panel.locator(".live-kept")).to_have_text("")
    page.context.close()
    assert problems == []


def test_show_your_changes_marks_each_line_removed_or_added(origin, browser):
    page, problems = visit_offline(browser, origin, PAGE)
    panel = open_panel(page, page.locator(".exchange").first)
    toggle = panel.get_by_role("button", name="Show your changes")
    toggle.click()
    changes = panel.locator(".live-changes")
    expect(changes).to_have_text("No changes: the files are as the build ran them.")
    replace_file(page, panel, EDITED)
    expect(changes.locator("del")).to_have_count(1)
    removed = changes.locator("del").text_content()
    added = changes.locator("ins").text_content()
    assert removed.startswith("removed: - ") and "Hello from Flask!" in removed
    assert added.startswith("added: + ") and "Hello from your browser!" in added
    assert changes.locator("strong").inner_text() == "app.py"
    hide = panel.get_by_role("button", name="Hide your changes")
    assert hide.get_attribute("aria-expanded") == "true"
    hide.click()
    expect(changes).to_be_hidden()
    page.context.close()
    assert problems == []


REFUSED = {
    "turned off": """Object.defineProperty(window, "localStorage", {
        get() { throw new DOMException("The storage is turned off.", "SecurityError"); },
    });""",
    "full": """Storage.prototype.setItem = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };""",
}


def test_a_browser_that_keeps_nothing_still_runs_the_edited_app(origin, browser):
    for why, script in REFUSED.items():
        page, problems = visit_offline(browser, origin, "/")
        page.add_init_script(script)
        page.goto(origin + PAGE, wait_until="networkidle")
        panel = open_panel(page, page.locator(".exchange").first)
        replace_file(page, panel, EDITED)
        kept = panel.locator(".live-kept")
        expect(kept).to_contain_text("does not let the page keep", timeout=5000)
        assert send(page, panel)[:2] == ("200", "Hello from your browser!"), why
        panel = reopen(page)
        page.wait_for_function(READY, arg=panel.element_handle(), timeout=PANEL_TIMEOUT)
        assert [verdict for verdict, _ in verdicts(panel)] == ["same"], why
        page.context.close()
        assert problems == [], why
