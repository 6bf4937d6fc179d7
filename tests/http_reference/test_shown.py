"""The reference reads what each exchange block shows: its methods, statuses and headers."""

from __future__ import annotations

from example_core.model import Exchange, HttpResponse
from example_core.parse import find_blocks
from http_reference.shown import HEADER, METHOD, STATUS, sightings
from site_build.html.messages import render_exchanges


def rendered(fence: str, body: bytes, *headers: tuple[str, str]) -> str:
    (block,) = find_blocks([f"```{fence}", "GET /page", "If-None-Match: x", "```"], "content/n.md")
    request = block.requests[0]
    response = HttpResponse("304 NOT MODIFIED", (("ETag", '"x"'), *headers), body)
    sent = (("Host", "localhost"), *request.headers)
    return render_exchanges(block, [Exchange(request, response, sent)], "/l.json", "", "ex-a")


def test_each_item_is_read_once_per_block_with_the_line_that_shows_it():
    html = rendered("exchange example=demo", b"", ("Etag", '"y"'))
    found = [(s.kind, s.name, s.line) for s in sightings(html)]
    assert found == [
        (METHOD, "GET", "GET /page HTTP/1.1"),
        (HEADER, "Host", "Host: localhost"),
        (HEADER, "If-None-Match", "If-None-Match: x"),
        (STATUS, "304", "HTTP/1.1 304 NOT MODIFIED"),
        (HEADER, "ETag", 'ETag: "x"'),
    ], "ETag once, though the response holds it twice"
    assert {(s.anchor, s.request) for s in sightings(html)} == {("ex-a", "GET /page")}


def test_a_header_the_block_hides_is_not_counted():
    html = rendered("exchange example=demo headers=ETag", b"", ("Vary", "Cookie"))
    assert "Vary" not in {s.name for s in sightings(html)}


def test_a_body_is_not_read_as_headers():
    body = b"Vary: Cookie\n" + b"line\n" * 30
    html = rendered("exchange example=demo lines=2", body, ("Content-Type", "text/plain"))
    names = {s.name for s in sightings(html)}
    assert "Content-Type" in names and "Vary" not in names
