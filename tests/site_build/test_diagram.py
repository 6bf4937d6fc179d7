"""Sequence diagrams draw exactly the exchanges the build ran, and the headers that tie them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from example_core.model import Exchange, HttpRequest, HttpResponse
from site_build.html.diagram import MAX_CHARS, conversation, render_diagram
from site_build.jobs import run_exchange_block
from tests.support.notes import ROOT, exchange_blocks, page_file

SVG = "{http://www.w3.org/2000/svg}"
HOST = (("Host", "localhost"), ("User-Agent", "Werkzeug/3.1.9"))
DIAGRAMS = [block for block in exchange_blocks() if block.diagram]


def exchange(
    line: str,
    status: str,
    *response_headers: tuple[str, str],
    sent: tuple[tuple[str, str], ...] = (),
    body: bytes = b"",
) -> Exchange:
    method, target = line.split()
    request = HttpRequest(method, target, (), b"", None, 1)
    return Exchange(request, HttpResponse(status, response_headers, body), (*HOST, *sent))


def drawn(html: str) -> ET.Element:
    """The SVG inside a rendered diagram, parsed as XML."""
    svg = re.search(r"<svg.*</svg>", html, re.DOTALL)[0]
    return ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def texts(svg: ET.Element, css_class: str) -> list[str]:
    return [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == css_class]


def test_redirect_after_post_ties_the_location_and_the_cookie():
    cookie = "session=abc"
    exchanges = [
        exchange(
            "POST /signup",
            "303 SEE OTHER",
            ("Location", "/welcome"),
            ("Set-Cookie", f"{cookie}; HttpOnly; Path=/"),
            body=b'<a href="/welcome">/welcome</a>',
        ),
        exchange("GET /welcome", "200 OK", sent=(("Cookie", cookie),)),
    ]
    messages, ties = conversation(exchanges)
    assert [(m.label, m.notes) for m in messages] == [
        ("POST /signup", ()),
        ("303 SEE OTHER", ("Location: /welcome", "Set-Cookie: session=abc")),
        ("GET /welcome", ("Cookie: session=abc",)),
        ("200 OK", ()),
    ]
    assert [(t.response, t.request, t.phrase) for t in ties] == [
        (0, 1, "follows the Location"),
        (0, 1, "sends the cookie back as Cookie"),
    ], "a redirect's own little page is not a page that links to the next request"


def test_an_etag_sent_back_is_a_tie_and_an_unused_one_is_not_drawn():
    etag = '"v1"'
    exchanges = [
        exchange("GET /style.css", "200 OK", ("ETag", etag), ("Last-Modified", "Tue")),
        exchange("GET /style.css", "304 NOT MODIFIED", sent=(("If-None-Match", etag),)),
    ]
    messages, ties = conversation(exchanges)
    assert messages[1].notes == (f"ETag: {etag}",), "Last-Modified ties nothing here"
    assert messages[2].notes == (f"If-None-Match: {etag}",)
    assert [(t.response, t.request, t.note) for t in ties] == [(0, 1, f"ETag: {etag}")]


def test_a_page_ties_to_the_files_it_links_and_a_location_not_followed_is_no_tie():
    page = b'<link rel="stylesheet" href="/static/s.css"><img src="/static/l.svg" alt="">'
    exchanges = [
        exchange("GET /", "200 OK", ("Content-Type", "text/html; charset=utf-8"), body=page),
        exchange("GET /static/s.css", "200 OK"),
        exchange("GET /old", "301 MOVED PERMANENTLY", ("Location", "/new")),
        exchange("GET /elsewhere", "200 OK"),
    ]
    messages, ties = conversation(exchanges)
    assert messages[1].notes == ('href="/static/s.css"',)
    assert [(t.response, t.request) for t in ties] == [(0, 1)]
    assert messages[5].notes == ("Location: /new",), "a Location is shown even if not followed"


def test_the_svg_is_labelled_in_words_and_long_values_are_cut_to_fit():
    long_cookie = "session=" + "x" * 80
    exchanges = [
        exchange("GET /a", "200 OK", ("Set-Cookie", long_cookie)),
        exchange("GET /b", "200 OK", sent=(("Cookie", long_cookie),)),
    ]
    html = render_diagram(exchanges, "diagram-7")
    svg = drawn(html)
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "diagram-7"
    title = svg.find(f"{SVG}title")
    assert title.get("id") == "diagram-7"
    assert "Request 2: the client sends GET /b, with Cookie: session=xxx" in title.text
    assert long_cookie not in title.text and "xxx… (it sends the cookie back" in title.text
    assert "(it sends the cookie back as Cookie from answer 1)" in title.text
    assert all(len(text) <= MAX_CHARS for text in texts(svg, "tied"))
    assert texts(svg, "tied")[0].endswith("…")
    assert "<script" not in html and "style=" not in html, "colours come from the stylesheet"
    assert "<figcaption>A dashed line joins" in html


def test_the_site_has_at_least_five_diagrams():
    assert len(DIAGRAMS) >= 5


def really_sent(note: str, exchanges: list[Exchange]) -> bool:
    """Whether a note under an arrow is (the start of) something really exchanged."""
    shown = note.removesuffix("…")
    if shown.startswith(("href=", "src=")):
        return any(shown in e.response.body.decode(errors="replace") for e in exchanges)
    lines = [f"{n}: {v}" for e in exchanges for n, v in (*e.sent_headers, *e.response.headers)]
    if shown.startswith("Set-Cookie: "):
        shown = shown.removesuffix("; Max-Age=0")
    return any(line.startswith(shown) for line in lines)


@pytest.mark.parametrize("block", DIAGRAMS, ids=[f"{b.note}:{b.line}" for b in DIAGRAMS])
def test_each_diagram_on_the_site_draws_its_exchanges(block, site, project_settings):
    exchanges = run_exchange_block(block, project_settings)
    page = (site / page_file(ROOT / block.note)).read_text()
    figures = re.findall(
        rf'<svg role="img" aria-labelledby="diagram-{block.line}".*?</svg>', page, re.DOTALL
    )
    assert len(figures) == 1
    svg = drawn(figures[0])
    assert texts(svg, "label") == [
        label for e in exchanges for label in (e.request.summary, e.response.status)
    ], "an arrow per request and per response, in order, labelled with what really went"
    arrows = [path.get("class") for path in svg.iter(f"{SVG}path")]
    assert arrows.count("request") == arrows.count("response") == len(exchanges)
    notes = texts(svg, "note") + texts(svg, "tied")
    assert [note for note in notes if not really_sent(note, exchanges)] == []
    assert texts(svg, "tied") and "tie" in arrows, "each diagram here shows what ties its exchanges"
