"""The site as a host that reads ``_headers`` serves it: strict headers, and every page still works.

Each page is loaded from a server that applies the built ``_headers``, with
the outside world blocked, in each colour scheme: the browser gates' visits
(``gate_visits``). Any Content-Security-Policy violation (a
``securitypolicyviolation`` event or Chromium's console report, from the
page, its frames or its worker) fails the test. Then a live panel runs, and
its Browser tab draws a page and follows a link, under the same policy.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.support.browser import (
    gate_visit,
    gate_visits_side_by_side,
    open_offline,
    policy_violations,
    record_policy_violations,
)
from tests.support.hosting import header_rules, headers_for, hosted
from tests.support.live import act, block_with, open_browser, shown
from tests.support.notes import ROOT
from tests.support.site_checks import html_pages, page_url, plant, static_server


@pytest.fixture(scope="module")
def rules(site):
    return header_rules((site / "_headers").read_text())


def visit_hosted(browser, origin: str, path: str):
    """Load one page as ``visit_offline`` does, recording every policy violation too."""
    page, problems = open_offline(browser, origin)
    record_policy_violations(page)
    page.goto(origin + path, wait_until="networkidle")
    return page, problems


def policy(headers: list[tuple[str, str]]) -> list[str]:
    return [value for name, value in headers if name == "Content-Security-Policy"]


def test_pages_and_the_worker_each_get_one_policy_of_their_own(rules, site):
    page_policy = policy(headers_for(rules, "/"))
    assert len(page_policy) == 1
    assert "frame-ancestors 'none'" in page_policy[0]
    for html in html_pages(site):
        assert policy(headers_for(rules, page_url(site, html))) == page_policy, html
    worker = next(site.glob("live/runtime-*/live-worker.js"))
    worker_policy = policy(headers_for(rules, "/" + worker.relative_to(site).as_posix()))
    assert len(worker_policy) == 1
    assert "'unsafe-eval'" not in worker_policy[0]
    assert "worker-src 'none'" in worker_policy[0]
    zip_headers = dict(headers_for(rules, "/examples/caching.zip"))
    assert zip_headers["Content-Type"] == "application/zip"
    assert zip_headers["Cache-Control"] == "no-cache"
    for path in ("/", "/theme/style.css", "/examples/caching.zip", worker.as_posix()):
        assert ("X-Content-Type-Options", "nosniff") in headers_for(rules, path)


def test_the_htaccess_sets_the_same_policies_on_every_answer(rules):
    htaccess = (ROOT / "content" / "extra" / ".htaccess").read_text()
    lines = [line.strip() for line in htaccess.splitlines() if line.strip().startswith("Header ")]
    assert lines
    assert all(line.startswith("Header always set ") for line in lines), lines
    policies = re.findall(r'Content-Security-Policy "([^"]+)"', htaccess)
    worker = policy(headers_for(rules, "/live/runtime-0/live-worker.js"))
    assert policies == [*policy(headers_for(rules, "/")), *worker]


@pytest.mark.xdist_group("site_gates")
def test_every_page_works_under_the_headers(site, rules, gate_visits):
    visits = gate_visits("light") + gate_visits("dark")
    assert sorted({visit.path for visit in visits}) == sorted(
        page_url(site, html) for html in html_pages(site)
    )
    for visit in visits:
        assert [visit.policy_sent] == policy(headers_for(rules, visit.path)), f"{visit}: hosted"
        assert (visit.problems, visit.policy) == ([], []), f"{visit}: hosted gate"


def test_a_live_panel_and_its_browser_work_under_the_headers(hosted_origin, browser):
    page, problems = visit_hosted(browser, hosted_origin, "/webserver/")
    panel = open_browser(page, block_with(page, "file-server", "GET / HTTP/1.1"))
    frame = panel.frame_locator("iframe.live-page")
    act(page, panel, lambda: frame.get_by_role("link", name="My to-do list").click())
    assert shown(panel)[0] == "/notes/todo.txt"
    assert (problems, policy_violations(page)) == ([], [])
    page.context.close()


def test_a_page_that_loads_from_elsewhere_breaks_the_policy(site, browser, tmp_path):
    remote = '<img src="http://127.0.0.1:9/tracker.png" alt="">'
    with hosted(plant(site, tmp_path, "index.html", "</main>", remote)) as served:
        visit = gate_visit(browser, served, "/")
    assert any("img-src" in v for v in visit.policy), "the gate visit notes the violation"
    assert any("img-src" in v for v in visit.problems), "and Chromium reports it on the console"


def test_the_gates_weigh_a_hosted_page_as_a_plain_server_sends_it(site, rules, browser):
    """The headers ``_headers`` adds are left out of the weight: the budget stays the build's."""
    with static_server(site) as plain:
        (unhosted,) = gate_visits_side_by_side(browser, plain, ["/"], "light")
    with hosted(site) as served:
        (visit,) = gate_visits_side_by_side(browser, served, ["/"], "light", rules)
    assert visit.policy_sent is not None and unhosted.policy_sent is None
    assert by_path(visit.fetched) == by_path(unhosted.fetched)


def by_path(fetched: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Each URL's path and size: the two servers listen on ports of their own."""
    return sorted((urlsplit(url).path, size) for url, size in fetched)
