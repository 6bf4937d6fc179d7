"""The live panel from the keyboard and a screen reader's side (WCAG 2.2 AA).

What a screen reader would say is read from the page's live regions: every
change of their text is noted, as it happens, from before the panel opens.
The keyboard is the only hand on the panel in the walk: after each step the
focus must be on a visible control, never on ``<body>``.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.support.keyboard import (
    RECORD_LIVE_REGIONS,
    editor_text,
    focus_is_sensible,
    said,
    tab_to,
    times_said,
    wait_until_said,
)
from tests.support.live import (
    PANEL_TIMEOUT,
    READY,
    STEP_TIMEOUT,
    act,
    block_with,
    open_panel,
    replace_file,
    send,
    wait_for_page,
)

SMALL_APP = """from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    if True:
        return "indented"
"""


def signup_block(page):
    """The sign-up block of /methods/: one file, an HTML form, three requests."""
    return block_with(page, "methods", "POST /signup")


def test_the_editor_says_how_to_leave_it_and_indents_by_four_spaces(visit):
    page = visit("/methods/")
    panel = open_panel(page, signup_block(page))
    editor = panel.locator(".live-file:not([hidden]) .cm-content")
    first_line = editor.locator(".cm-line").first
    original = first_line.text_content()
    hint = panel.locator(f"#{editor.get_attribute('aria-describedby')}")
    expect(hint).to_be_visible()
    expect(hint).to_have_text(re.compile("Press Escape, then Tab, to leave the editor"))

    # Tab, Tab from the file's tab passes through the editor and changes nothing.
    panel.get_by_role("tab", name="app.py").focus()
    page.keyboard.press("Tab")
    assert editor.evaluate("e => e === document.activeElement")
    page.keyboard.press("Tab")
    assert not editor.evaluate("e => e.contains(document.activeElement)")
    focus_is_sensible(page, "Tab, Tab through the editor")
    assert first_line.text_content() == original

    # Working in it, Tab indents by 4 spaces, and Escape then Tab leaves it.
    replace_file(page, panel, SMALL_APP)
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    for _ in range(3):
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type('return "tabbed"')
    text = editor_text(editor)
    assert '\n        return "tabbed"' in text and "\t" not in text, text
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert not editor.evaluate("e => e.contains(document.activeElement)")
    focus_is_sensible(page, "Escape, Tab")

    form = panel.locator(".live-request")
    form.get_by_label("Method").select_option("GET")
    form.get_by_label("Path").fill("/")
    status, body, shown = send(page, panel)
    assert (status, body) == ("200", "indented"), shown


def test_each_result_is_announced_once(visit):
    page = visit("/methods/")
    page.evaluate(RECORD_LIVE_REGIONS)
    panel = open_panel(page, signup_block(page))
    wait_until_said(page, "requests ran in your browser")
    verdicts = panel.locator(".live-step").evaluate_all(
        "s => s.map((step) => step.dataset.verdict)"
    )
    assert verdicts == ["same", "same", "same"]
    sentence = "The block's 3 requests ran in your browser: 3 same as when the site was built."
    assert said(page).count(sentence) == 1, said(page)
    # The start: a few stages, not each megabyte of the download.
    assert times_said(page, "^Downloading") <= 1, said(page)
    assert len(said(page)) <= 6, said(page)
    expect(panel.locator("progress")).to_have_count(0)

    form = panel.locator(".live-request")
    form.get_by_label("Method").select_option("GET")
    form.get_by_label("Path").fill("/signup")
    send(page, panel)
    wait_until_said(page, "^GET /signup: 200 OK$")
    assert times_said(page, "^GET /signup: 200 OK$") == 1

    broken = SMALL_APP.replace('return "indented"', 'raise RuntimeError("broken on purpose")')
    replace_file(page, panel, broken.replace('@app.get("/")', '@app.post("/signup")'))
    panel.get_by_role("button", name="Run again").click()
    wait_until_said(page, "the app raised an exception")
    page.wait_for_function(READY, arg=panel.element_handle(), timeout=PANEL_TIMEOUT)
    assert times_said(page, "the app raised an exception") == 1, said(page)
    assert panel.locator(".live-step").first.get_attribute("data-verdict") == "error"

    panel.get_by_role("button", name="Start again").click()
    panel.get_by_role("tab", name="Browser").click()
    wait_for_page(page, panel)
    path = panel.locator(".live-address input").input_value()
    wait_until_said(page, f"^Page shown: .*{re.escape(path)}")
    assert times_said(page, "^Page shown") == 1, said(page)


def test_close_hides_the_panel_and_run_opens_it_again_with_the_edits(visit):
    page = visit("/methods/")
    exchange = signup_block(page)
    panel = open_panel(page, exchange)
    run = exchange.locator(".live-run")
    replace_file(page, panel, SMALL_APP)

    close = panel.get_by_role("button", name="Close the live example")
    expect(close).to_have_text("Close")
    close.focus()
    page.keyboard.press("Enter")
    expect(panel).to_be_hidden()
    assert run.evaluate("r => r === document.activeElement")
    expect(run).to_have_text("Show the live panel again")

    page.keyboard.press("Enter")
    expect(panel).to_be_visible()
    expect(run).to_have_text("Go to the live panel")
    assert panel.evaluate("p => p === document.activeElement")
    editor = panel.locator(".live-file:not([hidden]) .cm-content")
    assert editor_text(editor) == SMALL_APP

    # Escape in the editor is the editor's; elsewhere in the panel it closes it.
    editor.click()
    page.keyboard.press("Escape")
    expect(panel).to_be_visible()
    panel.get_by_role("button", name="Run again").focus()
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    assert run.evaluate("r => r === document.activeElement")


def test_a_keyboard_walk_through_the_panel(visit):
    page = visit("/bigger-app/")
    page.evaluate(RECORD_LIVE_REGIONS)
    exchange = block_with(page, "club", "GET /news/")
    panel = exchange.locator(".live-panel")

    # Open: the focus goes to the panel, and stays in sight while it starts.
    exchange.locator(".live-run").focus()
    page.keyboard.press("Enter")
    panel.wait_for()
    # While Python starts, its progress bar has a name.
    assert panel.get_by_role("progressbar").get_attribute("aria-label") == "Starting Python"
    page.wait_for_function(READY, arg=panel.element_handle(), timeout=PANEL_TIMEOUT)
    assert panel.evaluate("p => p === document.activeElement")

    # Run again, then Send: each keeps the focus, and its result is said once.
    run_again = panel.get_by_role("button", name="Run again")
    tab_to(page, run_again)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => window.said.filter((t) => /^GET \\/news\\/: same/.test(t)).length === 2",
        timeout=STEP_TIMEOUT,
    )
    page.wait_for_function(READY, arg=panel.element_handle(), timeout=PANEL_TIMEOUT)
    assert run_again.evaluate("b => b === document.activeElement")
    send_button = panel.get_by_role("button", name="Send")
    tab_to(page, send_button)
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.said.some((t) => /^GET \\/news\\/: 200/.test(t))")
    assert send_button.evaluate("b => b === document.activeElement")

    # Edit a file, leave the editor with Escape then Tab, come back, switch files with arrows.
    editor = panel.locator(".live-file:not([hidden]) .cm-content")
    tab_to(page, editor, backwards=True)
    page.keyboard.press("Control+End")
    page.keyboard.type("\n# Edited from the keyboard.")
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    focus_is_sensible(page, "leaving the editor")
    assert not editor.evaluate("e => e.contains(document.activeElement)")
    files = panel.get_by_role("tablist", name="Files of the example")
    tab_to(page, files.get_by_role("tab", selected=True), backwards=True)
    names = files.get_by_role("tab").all_text_contents()
    page.keyboard.press("ArrowRight")
    expect(files.get_by_role("tab", selected=True)).to_have_text(names[1])
    page.keyboard.press("End")
    expect(files.get_by_role("tab", selected=True)).to_have_text(names[-1])
    page.keyboard.press("Home")
    expect(files.get_by_role("tab", selected=True)).to_have_text(names[0])
    assert "# Edited from the keyboard." in editor.inner_text()
    focus_is_sensible(page, "the file tabs' arrows")

    # The Browser tab: the address bar, a form and a link in its page, Back, Forward.
    tab_to(page, panel.get_by_role("tab", name="Answers"), backwards=True)
    page.keyboard.press("ArrowRight")
    expect(panel.get_by_role("log", name="What the server printed")).to_be_visible()
    focus_is_sensible(page, "the Server tab")
    page.keyboard.press("ArrowRight")
    wait_for_page(page, panel)
    focus_is_sensible(page, "the Browser tab")
    tab_to(page, panel.locator(".live-address input"))
    page.keyboard.press("Control+a")
    page.keyboard.type("/events/")
    act(page, panel, lambda: page.keyboard.press("Enter"))
    wait_until_said(page, "^Page shown: Events .*\\(/events/\\)$")
    focus_is_sensible(page, "the address bar")
    frame = panel.frame_locator("iframe.live-page")
    tab_to(page, frame.locator("li a").first)
    act(page, panel, lambda: page.keyboard.press("Enter"))
    wait_until_said(page, "^Page shown: .*\\(/events/1\\)$")
    focus_is_sensible(page, "the link")
    # The keyboard is in the new page: Tab goes on to its form.
    tab_to(page, frame.get_by_label("Your name"), limit=8)
    page.keyboard.type("Ada")
    act(page, panel, lambda: page.keyboard.press("Enter"))
    expect(frame.locator(".flash")).to_have_text("See you there, Ada!")
    focus_is_sensible(page, "the form")
    back = panel.get_by_role("button", name="Back")
    tab_to(page, back, backwards=True)
    act(page, panel, lambda: page.keyboard.press("Enter"))
    assert back.evaluate("b => b === document.activeElement")
    forward = panel.get_by_role("button", name="Forward")
    tab_to(page, forward)
    act(page, panel, lambda: page.keyboard.press("Enter"))
    assert forward.evaluate("b => b === document.activeElement")

    # Close, from the keyboard: the focus goes back to the block's Run button.
    tab_to(page, panel.get_by_role("button", name="Close the live example"), backwards=True)
    page.keyboard.press("Enter")
    expect(panel).to_be_hidden()
    assert "live-run" in focus_is_sensible(page, "Close")
    assert times_said(page, "^GET /news/: 200") == 1
