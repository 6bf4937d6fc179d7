"""Gate: the Nu HTML Checker finds no error in any page."""

from __future__ import annotations

from tests.support.site_checks import html_pages, validate_html


def test_every_page_is_valid_html(site):
    assert validate_html(html_pages(site)) == []


def test_the_checker_catches_planted_invalid_html(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text("<!doctype html><html lang=en><title>x</title><p><div>no</p></span>")
    errors = validate_html([page])
    assert errors, "a stray end tag must be reported"
    assert all(e.startswith(str(page)) for e in errors)
