"""Gates run in Chromium: every page works offline, and passes axe-core in both themes.

The built site is served by a plain static file server; every request to
anywhere else is blocked, as if the network were cut off.
"""

from __future__ import annotations

import pytest

from tests.site_checks import AXE, html_pages, page_url, plant, static_server

SERIOUS = ("serious", "critical")


def visit_offline(browser, origin: str, path: str, color_scheme: str = "light"):
    """Load one page with the outside world blocked; return its page and what went wrong."""
    context = browser.new_context(color_scheme=color_scheme)
    problems: list[str] = []
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(origin) or route.request.url.startswith("about:")
            else route.abort()
        ),
    )
    page = context.new_page()
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status}: {r.url}"))
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.goto(origin + path, wait_until="networkidle")
    return page, problems


@pytest.fixture(scope="module")
def origin(site):
    with static_server(site) as served:
        yield served


def test_every_page_loads_offline_without_errors(site, origin, browser):
    for html in html_pages(site):
        page, problems = visit_offline(browser, origin, page_url(site, html))
        assert problems == [], page_url(site, html)
        page.context.close()


def test_the_offline_gate_catches_a_page_that_loads_from_elsewhere(site, browser, tmp_path):
    remote = '<link rel="stylesheet" href="https://cdn.example.com/font.css">'
    with static_server(plant(site, tmp_path, "index.html", "</head>", remote)) as served:
        page, problems = visit_offline(browser, served, "/")
        page.context.close()
    assert any("cdn.example.com" in p for p in problems)


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run()")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_every_page_passes_axe(site, origin, browser, color_scheme):
    for html in html_pages(site):
        page, _ = visit_offline(browser, origin, page_url(site, html), color_scheme)
        assert axe_violations(page) == [], f"{page_url(site, html)} in the {color_scheme} theme"
        page.context.close()


def test_axe_catches_a_planted_fault(site, browser, tmp_path):
    no_alt = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="20" height="20">'
    with static_server(plant(site, tmp_path, "index.html", "</main>", no_alt)) as served:
        page, _ = visit_offline(browser, served, "/")
        violations = axe_violations(page)
        page.context.close()
    assert any(v.startswith("image-alt (critical)") for v in violations)
