"""The live panels in Chromium: Run, the editor, Send, and the panel's Browser tab.

Every wait is for a state the panel or its browser sets, with time to spare
for Pyodide on a busy machine.
"""

from __future__ import annotations

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

# A panel has answered (or given up): Pyodide's first start can take a minute on a busy machine.
READY = "p => ['ready', 'failed'].includes(p.dataset.state)"
PANEL_TIMEOUT = 90_000
# One exchange, or one page of the panel's browser: longer than the panel's own limits
# (90 s to load an edited app, then 10 s for the request), so that the panel says why.
STEP_TIMEOUT = 120_000
# A frame learns it has the focus within moments; waiting longer would hide a real fault.
FOCUS_TIMEOUT = 10_000


def open_panel(page, exchange):
    """Click Run, and only that; wait until the block's requests are answered.

    A prediction's exchange is folded in a ``<details>`` until the reader
    shows the answer: it is shown first, as the reader would.
    """
    answer = exchange.locator("xpath=ancestor::details[1]")
    if answer.count() and not answer.evaluate("details => details.open"):
        answer.locator(":scope > summary").click()
    exchange.locator(".live-run").click()
    panel = exchange.locator(".live-panel")
    panel.wait_for()
    page.wait_for_function(READY, arg=panel.element_handle(), timeout=PANEL_TIMEOUT)
    assert panel.get_attribute("data-state") == "ready", panel.inner_text()
    # The editors come just after the answers are drawn.
    panel.locator(".live-file .cm-content").first.wait_for()
    return panel


def send(page, panel) -> tuple[str, str, str]:
    """Press Send; return the response's status, body and the text shown."""
    response = panel.locator(".live-response")
    response.evaluate("r => { delete r.dataset.status; delete r.dataset.body; }")
    panel.get_by_role("button", name="Send").click()
    page.wait_for_function(
        "r => r.dataset.status", arg=response.element_handle(), timeout=STEP_TIMEOUT
    )
    return (
        response.get_attribute("data-status"),
        response.get_attribute("data-body") or "",
        response.inner_text(),
    )


def replace_file(page, panel, text: str) -> None:
    """Select all of the open file and paste ``text`` over it, as a reader would."""
    editor = panel.locator(".live-file:not([hidden]) .cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    editor.evaluate(
        """(element, text) => {
            const data = new DataTransfer();
            data.setData("text/plain", text);
            const paste = new ClipboardEvent("paste", { clipboardData: data, bubbles: true });
            element.dispatchEvent(paste);
        }""",
        text,
    )


def block_with(page, example: str, request_line: str):
    """The first exchange block of ``example`` that shows ``request_line``."""
    blocks = page.locator(f".exchange[data-example={example}]")
    return blocks.filter(has=page.locator(".exchange-request", has_text=request_line)).first


def open_browser(page, exchange):
    """Run the block, then open the panel's Browser tab; wait for its first page."""
    panel = open_panel(page, exchange)
    panel.get_by_role("tab", name="Browser").click()
    wait_for_page(page, panel)
    return panel


def wait_for_page(page, panel) -> None:
    """Wait until the panel's browser shows a page (or says it could not)."""
    view = panel.locator(".live-browser")
    page.wait_for_function(
        "v => v.dataset.state === 'ready' || v.dataset.state === 'failed'",
        arg=view.element_handle(),
        timeout=STEP_TIMEOUT,
    )
    assert view.get_attribute("data-state") == "ready", view.inner_text()


# The browser shows each page in a new frame, then sets its state to "ready";
# a page it could not show leaves the frame and sets "failed".
NEW_PAGE_SHOWN = """([view, before]) => view.dataset.state === 'failed'
    || (view.dataset.state === 'ready' && !before.isConnected)"""


def act(page, panel, action) -> None:
    """Do something that leads to a page, and wait until the browser shows that page.

    The browser settles first (a page it is still showing would otherwise be
    taken for the one the action leads to); then the action; then the wait is
    for the state the browser sets once it shows a new page, in a new frame.
    The widget's own ``data-state`` is only read, never written.
    """
    wait_for_page(page, panel)
    view = panel.locator(".live-browser")
    before = panel.locator("iframe.live-page").element_handle()
    action()
    try:
        page.wait_for_function(
            NEW_PAGE_SHOWN, arg=[view.element_handle(), before], timeout=STEP_TIMEOUT
        )
    except PlaywrightTimeoutError:
        state = view.get_attribute("data-state")
        raise AssertionError(f"no new page shown; state {state!r}:\n{view.inner_text()}") from None
    assert view.get_attribute("data-state") == "ready", view.inner_text()
    wait_for_the_focus_to_settle(page, panel)


def wait_for_the_focus_to_settle(page, panel) -> None:
    """If the new page took the focus, wait until its frame knows it has it.

    The page is drawn in a sandboxed frame, which Chromium may run in a process
    of its own: the frame learns it has the focus a moment after the panel
    gave it. Until then, keys and text Playwright sends next may still land
    in the frame even after a click elsewhere, as the browser's focus moves
    there late. A reader is never that fast.
    """
    frame = panel.locator("iframe.live-page")
    if frame.evaluate("f => f === document.activeElement"):
        page_root = panel.frame_locator("iframe.live-page").locator(":root")

        def has_focus() -> bool:
            return page_root.evaluate("() => document.hasFocus()")

        until(page, has_focus, "the page in the frame to know it has the focus", FOCUS_TIMEOUT)


def shown(panel) -> tuple[str, str]:
    """The address bar and the text of the page in the frame."""
    address = panel.locator(".live-address input").input_value()
    return address, panel.frame_locator("iframe.live-page").locator("body").inner_text()


def log_rows(panel) -> list[str]:
    """The network log's rows, as "METHOD path status cache"."""
    return panel.locator(".live-network tbody tr:not(.live-network-detail)").evaluate_all(
        """rows => rows.map(r => [r.cells[0].textContent, r.dataset.path, r.dataset.status,
            r.dataset.cache === 'yes' ? 'from cache' : ''].join(' ').trim())"""
    )


def go_to(page, panel, path: str) -> None:
    """Type ``path`` into the address bar and submit it, as Enter there does.

    Not by keys: right after a page drawn in a frame took the focus, Chromium
    may still send synthetic keys into the frame for a moment, however the
    address bar got the focus back. A reader is never that fast; the
    keyboard walk (test_panel_keyboard) types into the address bar itself.
    """
    address = panel.locator(".live-address input")
    submit = "(input, path) => { input.value = path; input.form.requestSubmit(); }"
    act(page, panel, lambda: address.evaluate(submit, path))


def until(page, check, what: str, timeout: float = STEP_TIMEOUT) -> None:
    """Let the page run until ``check()`` is true (Playwright's events arrive meanwhile)."""
    for _ in range(int(timeout / 50)):
        if check():
            return
        page.wait_for_timeout(50)
    assert check(), f"timed out waiting for {what}"


def verdicts(panel) -> list[tuple[str, str]]:
    """Each answer's verdict and the reasons given for it."""
    return panel.locator(".live-step").evaluate_all(
        """steps => steps.map(s => [s.dataset.verdict,
            [...s.querySelectorAll('.live-why')].map(p => p.textContent).join(' ')])"""
    )


def run_again(page, panel) -> list[tuple[str, str]]:
    """Press Run again on a fresh list of answers; each verdict and its reasons."""
    panel.locator(".live-steps").evaluate("s => s.replaceChildren()")
    panel.get_by_role("button", name="Run again").click()
    page.wait_for_function(
        "p => p.dataset.state === 'ready' && p.querySelector('.live-step')",
        arg=panel.element_handle(),
        timeout=STEP_TIMEOUT,
    )
    return verdicts(panel)


def open_exercise(page, exercise: str):
    """Press a *write it* exercise's button; wait until its panel is ready.

    Returns the exercise's section and its panel.
    """
    section = page.locator(f"#exercise-{exercise}")
    section.scroll_into_view_if_needed()  # its script comes once it is near the screen
    section.get_by_role("button", name="Do it in your browser").click()
    panel = section.locator(".exercise-panel")
    page.wait_for_function(
        "p => p.dataset.state === 'ready'", arg=panel.element_handle(), timeout=PANEL_TIMEOUT
    )
    return section, panel


def check_exercise(page, panel) -> list[dict]:
    """Press Check; return each check's verdict, field, expected and actual as shown."""
    verdict = panel.locator(".exercise-verdict")
    verdict.evaluate("v => v.replaceChildren()")
    panel.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_function(
        "p => p.dataset.state === 'ready' && p.querySelector('.exercise-verdict-heading')",
        arg=panel.element_handle(),
        timeout=STEP_TIMEOUT,
    )
    return verdict.locator(".exercise-check").evaluate_all(
        """items => items.map((item) => ({
            passed: item.dataset.passed,
            heading: item.querySelector('.exercise-check-heading').textContent,
            shown: [...item.querySelectorAll('dd')].map((d) => d.textContent),
        }))"""
    )
