"""Rendering shows exchanges as escaped, highlighted HTTP messages."""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape

from example_core.model import Exchange, HttpResponse
from example_core.parse import find_blocks
from site_build.html.messages import render_exchanges
from site_build.html.source import IncludedSource, render_source


def block(fence: str = "exchange example=demo", request: str = "GET /"):
    (parsed,) = find_blocks([f"```{fence}", *request.split("\n"), "```"], "content/note.md")
    return parsed


SENT_BY_THE_CLIENT = (("Host", "localhost"), ("User-Agent", "Werkzeug/3.1.9"))


def exchange_for(parsed, body: bytes, *headers: tuple[str, str], status: str = "200 OK"):
    response = HttpResponse(status, (("Content-Type", "text/html; charset=utf-8"), *headers), body)
    request = parsed.requests[0]
    return Exchange(request, response, (*SENT_BY_THE_CLIENT, *request.headers))


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_request_and_response_are_http_messages():
    parsed = block()
    html = render_exchanges(
        parsed, [exchange_for(parsed, b"hello", status="404 NOT FOUND")], "/live/examples/demo.json"
    )
    text = text_of(html)
    assert "GET / HTTP/1.1" in text
    assert "HTTP/1.1 404 NOT FOUND\nContent-Type: text/html; charset=utf-8\n\nhello" in text
    assert "<t-nf>GET /</t-nf>" in html, "the http lexer highlights the method"


def test_code_gets_one_class_per_colour_and_plain_tokens_get_none():
    source = IncludedSource("app.py", 'def home():\n    return "hello"  # greet\n', 1, 2, True)
    html = render_source(source)
    assert "<t-k>def</t-k> <t-nf>home</t-nf>():" in html
    assert '<t-s>"hello"</t-s>' in html, "quotes in text need no escaping"
    assert "<t-c># greet</t-c>" in html
    classes = set(re.findall(r"<t-(\w+)>", html))
    assert "<span></span>" not in html, "no empty element opens the <pre>"
    assert '<pre tabindex="0"><t-k>def</t-k>' in html, "the <pre> holds the code, no <code>"
    assert classes <= {"k", "nf", "s", "c"}, "no element for spaces, brackets or plain names"


def test_a_first_blank_line_survives_the_line_feed_a_browser_drops_after_pre():
    from pygments.token import Token

    from site_build.html.highlight import highlight, pre

    assert highlight([(Token.Text, "\nx\n")]).startswith(
        '<div class="highlight"><pre tabindex="0">\n\nx'
    )
    assert pre("\nbody") == '<pre tabindex="0">\n\nbody</pre>'
    assert pre("HTTP/1.1 200 OK") == '<pre tabindex="0">HTTP/1.1 200 OK</pre>'


def test_a_script_in_a_body_is_shown_as_text():
    parsed = block()
    html = render_exchanges(
        parsed, [exchange_for(parsed, b"<script>alert(1)</script>")], "/live/examples/demo.json"
    )
    assert "<script>" not in html
    assert "&lt;<t-nt>script</t-nt>&gt;" in html, "highlighted as a tag"


def test_only_the_chosen_headers_are_shown():
    parsed = block("exchange example=demo headers=location")
    html = render_exchanges(
        parsed, [exchange_for(parsed, b"", ("Location", "/new"))], "/live/examples/demo.json"
    )
    text = text_of(html)
    assert "Location: /new" in text
    assert "Content-Type" not in text


def test_a_long_body_is_folded_with_the_rest_of_it_behind_a_summary():
    parsed = block("exchange example=demo lines=3")
    body = "\n".join(f"line {n}" for n in range(1, 11)).encode()
    html = render_exchanges(parsed, [exchange_for(parsed, body)], "/live/examples/demo.json")
    shown, folded = html.split("<details", 1)
    assert "line 3" in shown and "line 4" not in shown
    assert "Show the other 7 lines of the body" in folded
    assert "line 4" in text_of(folded) and "line 10" in text_of(folded)
    assert "line 3" not in text_of(folded), "no line is shown twice"


def test_a_body_one_line_over_the_limit_is_shown_whole_not_folded():
    parsed = block("exchange example=demo lines=3")
    body = "\n".join(f"line {n}" for n in range(1, 5)).encode()
    html = render_exchanges(parsed, [exchange_for(parsed, body)], "/live/examples/demo.json")
    assert "<details" not in html
    assert "line 4" in text_of(html)


def test_the_preview_is_a_sandboxed_iframe_with_no_permissions():
    parsed = block("exchange example=demo preview")
    html = render_exchanges(
        parsed, [exchange_for(parsed, b'<p onclick="x()">Hi</p>')], "/live/examples/demo.json"
    )
    assert '<iframe class="exchange-preview" sandbox=""' in html
    policy = "&lt;base href=&quot;about:blank&quot;&gt;&lt;meta http-equiv=&quot;Content-Security"
    assert f'srcdoc="{policy}' in html
    assert "&lt;p onclick=&quot;x()&quot;&gt;Hi&lt;/p&gt;" in html


def test_binary_bodies_are_described_not_dumped():
    parsed = block()
    html = render_exchanges(
        parsed, [exchange_for(parsed, b"\x89PNG\r\n\x1a\n\xff\xfe")], "/live/examples/demo.json"
    )
    assert "[10 bytes of binary data]" in text_of(html)


def test_included_source_names_its_file_and_lines():
    source = IncludedSource("examples/demo/app.py", "def f():\n    return 1", 4, 5, False)
    html = render_source(source)
    assert "<code>examples/demo/app.py</code>, lines 4 to 5" in html
    assert "<t-k>def</t-k>" in html


def test_the_block_names_its_file_for_the_live_panel():
    parsed = block(request="GET /a?b=1")
    html = render_exchanges(parsed, [exchange_for(parsed, b"")], "/live/blocks/1.json")
    assert 'data-live="/live/blocks/1.json"' in html


def test_a_block_without_debug_mode_says_so_for_the_live_panel():
    for fence, marked in (
        ("exchange example=demo debug=off", True),
        ("exchange example=demo", False),
    ):
        parsed = block(fence)
        html = render_exchanges(parsed, [exchange_for(parsed, b"x")], "/live/examples/demo.json")
        assert ('data-debug="off"' in html) is marked


def test_the_request_shows_every_header_sent():
    parsed = block(request="GET /\nAccept: text/plain")
    html = render_exchanges(parsed, [exchange_for(parsed, b"")], "/live/examples/demo.json")
    text = text_of(html)
    assert "GET / HTTP/1.1\nHost: localhost\nUser-Agent: Werkzeug/3.1.9\nAccept: text/plain" in text


def test_request_headers_hides_headers_the_client_added_but_never_those_written():
    parsed = block("exchange example=demo request-headers=host", "GET /\nAccept: text/plain")
    html = render_exchanges(parsed, [exchange_for(parsed, b"")], "/live/examples/demo.json")
    text = text_of(html)
    assert "Host: localhost\nAccept: text/plain" in text
    assert "User-Agent" not in text


def test_request_headers_never_hides_host_or_a_cookie():
    parsed = block("exchange example=demo request-headers=", "GET /")
    response = HttpResponse("200 OK", (), b"")
    sent = (("Host", "localhost"), ("User-Agent", "Werkzeug/3.1.9"), ("Cookie", "theme=dark"))
    html = render_exchanges(parsed, [Exchange(parsed.requests[0], response, sent)], "/b.json")
    assert "GET / HTTP/1.1\nHost: localhost\nCookie: theme=dark\n" in text_of(html)


def test_an_exchange_carries_its_anchor():
    parsed = block()
    html = render_exchanges(
        parsed, [exchange_for(parsed, b"")], "/live/examples/demo.json", anchor="ex-demo-get-root"
    )
    assert '<div class="exchange highlight" id="ex-demo-get-root"' in html


def test_a_block_over_a_socket_shows_the_real_answer_and_what_differs():
    parsed = block("exchange example=demo over-socket")
    tested = exchange_for(parsed, b"Hi", ("Content-Type", "text/plain"), ("X-Kind", "test"))
    real = HttpResponse(
        "200 OK",
        (("Server", "Werkzeug/3.1.9"), ("Content-Type", "text/plain"), ("X-Kind", "real")),
        b"Hi!",
    )
    html = render_exchanges(parsed, [replace(tested, over_socket=real)], "/live/demo.json")
    shown = text_of(html)
    assert "What flask run sent over a socket for GET /" in shown
    assert "Server: Werkzeug/3.1.9" in shown
    said = shown.split("Beside the test client's answer: ", 1)[1]
    assert said.startswith("the server adds Server; X-Kind read differently; the body differs.")
    without = render_exchanges(replace(parsed, over_socket=False), [tested], "")
    assert "over a socket" not in text_of(without)
