"""Gate: every internal link and #anchor in the built site resolves; external ones are listed."""

from __future__ import annotations

from tests.support.site_checks import check_links, plant


def test_every_internal_link_and_anchor_resolves(site):
    broken, external = check_links(site)
    assert broken == []
    print("\nExternal links (listed, not fetched):", *sorted(set(external)), sep="\n  ")


def test_the_checker_catches_a_planted_broken_link_and_anchor(site, tmp_path):
    links = '<a href="/no-such-note/">gone</a> <a href="#no-such-heading">gone</a>'
    broken, _ = check_links(plant(site, tmp_path, "routes/index.html", "</main>", links))
    assert any("/no-such-note/" in b for b in broken)
    assert any("#no-such-heading" in b for b in broken)
