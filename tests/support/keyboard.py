"""The keyboard and a screen reader's side of a page in Chromium.

What a screen reader would say is read from the page's live regions
(``RECORD_LIVE_REGIONS``, then ``said``); where the keyboard is, from
``document.activeElement``, which must be a visible control after each key.
"""

from __future__ import annotations

import re

from tests.support.live import STEP_TIMEOUT

# Notes the text of every live region each time it changes: what a screen reader says.
RECORD_LIVE_REGIONS = """() => {
    window.said = [];
    const last = new Map();
    const live = '[role=status], [role=alert], [role=log], [aria-live]:not([aria-live=off])';
    new MutationObserver((records) => {
        for (const record of records) {
            const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
            const region = node && node.closest(live);
            if (!region) continue;
            const text = region.textContent.trim();
            if (text && text !== last.get(region)) window.said.push(text);
            last.set(region, text);
        }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
}"""

# The element with the focus, if it is a visible control (in this document or a frame's).
FOCUSED_CONTROL = """() => {
    const focused = document.activeElement;
    if (!focused || focused === document.body) return null;
    const control = 'button, input, select, textarea, a[href], iframe, [role=tab], [tabindex]';
    const seen = focused.checkVisibility() && focused.getBoundingClientRect().width > 0;
    return seen && focused.matches(control) ? focused.outerHTML.slice(0, 80) : null;
}"""

# Where the focus is, and whether it can be seen: what a failed ``focus_is_sensible`` reports.
FOCUSED_ELEMENT = """() => {
    const focused = document.activeElement;
    const { width, height } = focused.getBoundingClientRect();
    const seen = `visible: ${focused.checkVisibility()}, ${width} by ${height} px`;
    return `${focused.outerHTML.slice(0, 80)} (${seen})`;
}"""


def editor_text(editor) -> str:
    """The text in a CodeMirror editor, exactly (spaces and tab characters kept)."""
    return editor.evaluate(
        "e => [...e.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\\n')"
    )


def said(page) -> list[str]:
    """What the live regions said since ``RECORD_LIVE_REGIONS`` ran, in order."""
    return page.evaluate("window.said")


def wait_until_said(page, pattern: str) -> None:
    """Wait until a live region says something that ``pattern`` (a JS regular expression) finds."""
    page.wait_for_function(
        "p => window.said.some((text) => new RegExp(p).test(text))",
        arg=pattern,
        timeout=STEP_TIMEOUT,
    )


def times_said(page, pattern: str) -> int:
    """How many times the live regions said something that ``pattern`` finds."""
    return sum(1 for text in said(page) if re.search(pattern, text))


def focus_is_sensible(page, step: str) -> str:
    """The focused control's HTML; fails if the focus is on <body> or on nothing visible."""
    control = page.evaluate(FOCUSED_CONTROL)
    where = page.evaluate(FOCUSED_ELEMENT)
    assert control, f"after {step}: the focus is on {where}"
    return control


def tab_to(page, target, *, backwards: bool = False, limit: int = 80) -> None:
    """Press Tab (or Shift+Tab) until ``target`` has the focus; each stop must be sensible."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        if target.evaluate(
            "t => t === document.activeElement || t.contains(document.activeElement)"
        ):
            return
        page.keyboard.press(key)
        focus_is_sensible(page, key)
    raise AssertionError(f"{limit} presses of {key} did not reach {target}")
