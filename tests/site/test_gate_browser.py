"""Gates run in Chromium: every page works offline, and passes axe-core in both themes.

The built site is served as a host that reads its ``_headers`` serves it;
every request to anywhere else is blocked, as if the network were cut off.
Each page is loaded once per theme (the ``gate_visits`` fixture); the
offline, axe-core, weight (``test_page_weight``), hosted (``test_hosted``)
and phone (``test_panel_a11y``) gates all check that one visit.
"""

from __future__ import annotations

import pytest

from tests.support.browser import gate_visit
from tests.support.site_checks import plant, static_server

pytestmark = pytest.mark.xdist_group("site_gates")


def test_every_page_loads_offline_without_errors(gate_visits):
    for visit in gate_visits("light") + gate_visits("dark"):
        assert visit.problems == [], f"{visit}: offline gate"


def test_the_offline_gate_catches_a_page_that_loads_from_elsewhere(site, browser, tmp_path):
    remote = '<link rel="stylesheet" href="https://cdn.example.com/font.css">'
    with static_server(plant(site, tmp_path, "index.html", "</head>", remote)) as served:
        visit = gate_visit(browser, served, "/")
    assert any("cdn.example.com" in p for p in visit.problems)


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_every_page_passes_axe(gate_visits, color_scheme):
    for visit in gate_visits(color_scheme):
        assert visit.violations == [], f"{visit}: axe-core gate"


def test_axe_catches_a_planted_fault(site, browser, tmp_path):
    no_alt = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="20" height="20">'
    with static_server(plant(site, tmp_path, "index.html", "</main>", no_alt)) as served:
        visit = gate_visit(browser, served, "/")
    assert any(v.startswith("image-alt (critical)") for v in visit.violations)
