"""Which words of a note's HTML become glossary links: first uses in prose, and marked links."""

from __future__ import annotations

from glossary.linking import link_first_uses, resolve_marked
from glossary.terms import Term

TERMS = {
    "route": Term("route", "route", ("route", "routes"), "A rule.", 3),
    "etag": Term("etag", "ETag", ("ETag", "ETags"), "A label.", 7),
    "reverse-proxy": Term(
        "reverse-proxy", "reverse proxy", ("reverse proxy", "reverse proxies"), "A server.", 9
    ),
}
URL = "/glossary/"


def link(html: str, skip: frozenset[str] = frozenset()) -> str:
    return link_first_uses(html, TERMS.values(), URL, set(skip))


def test_only_the_first_use_in_prose_is_linked():
    html = "<p>A route here.</p>\n<p>Another route, and routes.</p>"
    assert link(html) == (
        '<p>A <a href="/glossary/#route">route</a> here.</p>\n<p>Another route, and routes.</p>'
    )


def test_a_capital_first_letter_matches_a_lower_case_form_but_not_the_other_way():
    assert link("<p>Routes first.</p>") == '<p><a href="/glossary/#route">Routes</a> first.</p>'
    assert link("<p>An etag.</p>") == "<p>An etag.</p>"


def test_the_longest_form_wins_and_words_must_be_whole():
    assert link("<p>Two reverse proxies, a router, re-routes.</p>") == (
        '<p>Two <a href="/glossary/#reverse-proxy">reverse proxies</a>, a router, re-routes.</p>'
    )


def test_code_headings_links_and_blocks_are_left_alone():
    untouched = (
        '<h2 id="routes">Routes</h2>\n<p><code>route</code> and <a href="/x/">a route</a></p>\n'
        '<div class="exchange"><p>route</p></div>\n<pre><code>ETag</code></pre>'
    )
    assert link(untouched) == untouched
    after = untouched + "\n<ul><li><strong>ETag</strong>s and a route</li></ul>"
    assert link(after) == untouched + (
        '\n<ul><li><strong><a href="/glossary/#etag">ETag</a></strong>s and a '
        '<a href="/glossary/#route">route</a></li></ul>'
    )


def test_entities_and_line_breaks_keep_their_places():
    html = "<p>Tom &amp; Jerry<br />\nuse a\nroute &lt;here&gt;.</p>"
    assert link(html) == (
        '<p>Tom &amp; Jerry<br />\nuse a\n<a href="/glossary/#route">route</a> &lt;here&gt;.</p>'
    )


def test_a_term_the_author_linked_is_not_linked_again():
    assert link("<p>A route.</p>", frozenset({"route"})) == "<p>A route.</p>"


def test_marked_links_point_at_the_term_and_unknown_ones_are_named():
    html = '<p><a href="{glossary}etag">tags</a> and <a href="{glossary}vary">vary</a></p>'
    resolved, unknown = resolve_marked(html, TERMS, URL)
    assert resolved == (
        '<p><a href="/glossary/#etag">tags</a> and <a href="/glossary/#vary">vary</a></p>'
    )
    assert unknown == ["vary"]
