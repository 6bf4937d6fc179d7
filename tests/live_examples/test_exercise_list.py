"""/exercises/: every exercise by note, which this browser solved, and one button to forget."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.support.browser import visit_offline
from tests.support.keyboard import RECORD_LIVE_REGIONS, wait_until_said
from tests.support.notes import ROOT

FORGOTTEN = "Forgotten: this browser keeps nothing of the exercises or your edits now."


def asked_in_notes() -> dict[str, list[str]]:
    """Each note's exercise ids, read from its Markdown fences, by the note's title."""
    found = {}
    for note in sorted((ROOT / "content").glob("*.md")):
        text = note.read_text()
        ids = re.findall(r"^```(?:exercise|predict) .*?\bid=([a-z0-9-]+)", text, re.MULTILINE)
        if ids:
            found[re.search(r"^Title: (.+)$", text, re.MULTILINE)[1]] = ids
    return found


def written_in_notes() -> set[str]:
    """The ids of every *write it* exercise, read from the notes' Markdown fences."""
    found = set()
    for note in (ROOT / "content").glob("*.md"):
        found.update(re.findall(r"^```exercise .*?\bid=([a-z0-9-]+)", note.read_text(), re.M))
    return found


def test_every_exercise_is_listed_under_its_note_with_a_link_to_it(origin, browser):
    page, problems = visit_offline(browser, origin, "/exercises/")
    listed = page.locator(".exercise-list-note").evaluate_all(
        """notes => notes.map((note) => [
            note.querySelector('h2 a').textContent,
            [...note.querySelectorAll('li')].map((li) => li.dataset.exercise),
            [...note.querySelectorAll('li a:not([download])')].map((a) => a.getAttribute('href')),
        ])"""
    )
    assert {title: ids for title, ids, _ in listed} == asked_in_notes()
    for _, ids, links in listed:
        assert [link.rpartition("#exercise-")[2] for link in links] == ids
    downloads = page.locator(".exercise-list-note li").evaluate_all(
        """items => items.map((li) => [li.dataset.exercise,
            li.querySelector('a[download]')?.getAttribute('href') ?? null])"""
    )
    write_it = written_in_notes()
    assert len(write_it) >= 26
    assert dict(downloads) == {
        exercise: f"/exercises/{exercise}.zip" if exercise in write_it else None
        for exercise, _ in downloads
    }, "each write-it exercise offers its zip beside its link; a prediction has none"
    link = page.get_by_role("listitem").filter(has_text="Log each request's path")
    with page.expect_download() as download:
        link.get_by_role("link", name="Download (zip)").click()
    assert download.value.suggested_filename == "log-paths.zip"
    expect(page.locator(".exercise-count").first).to_have_text(re.compile(r"^\(0 of \d+ solved\)$"))
    page.context.close()
    assert problems == []


def test_solved_ones_are_counted_and_one_button_forgets_them(origin, browser):
    page, problems = visit_offline(browser, origin, "/routes/")
    question = page.locator("#exercise-routes-contact-slash")
    question.scroll_into_view_if_needed()  # its script comes once it is near the screen
    question.get_by_label("404").check()
    question.get_by_role("button", name="Is it right?").click()
    expect(question.locator(".exercise-badge")).to_have_text(" ✓ Solved")
    page.goto(origin + "/exercises/", wait_until="networkidle")
    page.evaluate(RECORD_LIVE_REGIONS)
    routes = page.locator(".exercise-list-note", has=page.get_by_role("link", name="Routes"))
    total = routes.locator("li").count()
    expect(routes.locator(".exercise-count")).to_have_text(f"(1 of {total} solved)")
    solved = routes.locator("li[data-exercise=routes-contact-slash]")
    expect(solved.locator(".exercise-state")).to_have_text(" ✓ Solved")

    forget = page.get_by_role("button", name="Forget what this browser kept")
    forget.focus()
    page.keyboard.press("Enter")
    wait_until_said(page, f"^{FORGOTTEN}$")
    expect(routes.locator(".exercise-count")).to_have_text(f"(0 of {total} solved)")
    assert forget.evaluate("b => b === document.activeElement")
    assert page.evaluate("() => localStorage.length") == 0
    page.goto(origin + "/routes/", wait_until="networkidle")
    question.scroll_into_view_if_needed()
    expect(question.get_by_role("button", name="Is it right?")).to_be_visible()
    expect(question.locator(".exercise-badge")).to_have_count(0)
    expect(question.locator("input:checked")).to_have_count(0)
    page.context.close()
    assert problems == []


def test_the_start_page_links_the_exercises(site):
    start = (site / "index.html").read_text()
    assert 'href="/exercises/">exercises</a>' in start
