"""The live panel colours a message's head as the build's Pygments does.

The panel's tokenizer (``headParts`` in ``theme/live/head.js``) runs under
Node on every head line of every message the built site shows, and must
give the same coloured parts as the page's HTML.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

from tests.support.site_checks import ROOT, html_pages

MESSAGE = re.compile(
    r'<div class="exchange-(?:request|response)"[^>]*>.*?<pre[^>]*>(.*?)</pre>', re.S
)
PART = re.compile(r"<t-(\w+)>(.*?)</t-\1>|([^<]+)", re.S)
HEAD_PARTS = f"""
import {{ headParts }} from {json.dumps((ROOT / "theme" / "live" / "head.js").as_uri())};
let input = "";
for await (const chunk of process.stdin) input += chunk;
const lines = JSON.parse(input);
process.stdout.write(JSON.stringify(lines.map(([line, index]) => headParts(line, index))));
"""


def parts(line_html: str) -> list[list[str | None]]:
    """A line of the build's HTML as [role, text] parts, plain text with no role."""
    found = [
        [m[1], html.unescape(m[2])] if m[1] else [None, html.unescape(m[3])]
        for m in PART.finditer(line_html)
    ]
    return found or [[None, ""]]


def head_lines(site: Path) -> list[tuple[str, int, list[list[str | None]]]]:
    """Each head line the site shows (text, index in its message, the build's parts)."""
    lines = []
    for page in html_pages(site):
        for message in MESSAGE.finditer(page.read_text()):
            for index, line_html in enumerate(message[1].split("\n")):
                if not line_html:
                    break  # the blank line that ends the head
                expected = parts(line_html)
                lines.append(("".join(text for _, text in expected), index, expected))
    return lines


def test_the_panel_colours_message_heads_as_the_build_does(site):
    lines = head_lines(site)
    assert len(lines) > 100, "the site shows many messages"
    result = subprocess.run(
        ["node", "--input-type=module", "-e", HEAD_PARTS],
        input=json.dumps([[text, index] for text, index, _ in lines]),
        capture_output=True,
        text=True,
        check=True,
    )
    colored = json.loads(result.stdout)
    differing = [
        (text, expected, got)
        for (text, _, expected), got in zip(lines, colored, strict=True)
        if expected != got
    ]
    assert differing == []
