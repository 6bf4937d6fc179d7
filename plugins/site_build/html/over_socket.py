"""What a real development server sent for a block's requests, beside the test client's answers.

The text is the build's own capture (``Exchange.over_socket``, see
``site_build.over_socket``), never typed; so is the list of differences,
worked out here from the two answers.
"""

from __future__ import annotations

from html import escape

from example_core.model import Exchange, HttpResponse

from .highlight import pre


def differences(tested: HttpResponse, real: HttpResponse) -> list[str]:
    """How the real server's answer differs from the test client's, one phrase each (HTML)."""
    tested_names = {name.lower(): (name, value) for name, value in tested.headers}
    real_names = {name.lower(): (name, value) for name, value in real.headers}
    found = []
    if tested.status != real.status:
        found.append(f"its status line says <code>{escape(real.status)}</code>")
    added = [name for key, (name, _) in real_names.items() if key not in tested_names]
    if added:
        found.append(f"the server adds {_names(added)}")
    gone = [name for key, (name, _) in tested_names.items() if key not in real_names]
    if gone:
        found.append(f"{_names(gone)} never arrive")
    changed = [
        name
        for key, (name, value) in real_names.items()
        if key in tested_names and tested_names[key][1] != value
    ]
    if changed:
        found.append(f"{_names(changed)} read differently")
    if tested.body != real.body:
        found.append("the body differs")
    return found


def _names(names: list[str]) -> str:
    return ", ".join(f"<code>{escape(name)}</code>" for name in names)


def render_over_socket(exchanges: list[Exchange]) -> str:
    """A figure per exchange answered over a socket: the response as sent, and how it differs."""
    return "\n".join(_figure(exchange) for exchange in exchanges if exchange.over_socket)


def _figure(exchange: Exchange) -> str:
    real = exchange.over_socket
    assert real is not None
    head = [f"HTTP/1.1 {real.status}", *(f"{name}: {value}" for name, value in real.headers)]
    body = real.body.decode("utf-8", "replace")
    found = differences(exchange.response, real)
    said = "; ".join(found) if found else "none"
    return (
        '<figure class="exchange-console">\n'
        f"<figcaption>What <code>flask run</code> sent over a socket for "
        f"<code>{escape(exchange.request.summary)}</code> (the build's own run, on a fresh "
        "app)</figcaption>\n"
        f"{pre(escape(chr(10).join(head)) + chr(10) * 2 + escape(body))}\n"
        f"<p>Beside the test client's answer: {said}.</p>\n"
        "</figure>"
    )
