"""What the notes' exchanges show: each status code, method and header, read from the pages.

The pages hold the build's runs as the reader sees them (``site_build.html.
messages``), so the reference lists what a reader can find there: a header
that a block's ``headers=`` hides is not counted for that block.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

STATUS, METHOD, HEADER = "status", "method", "header"


@dataclass(frozen=True)
class Sighting:
    """One item seen in one exchange block: where, and the line that shows it."""

    kind: str  # STATUS, METHOD or HEADER
    name: str  # "304", "GET", "If-None-Match" (as the page writes it)
    anchor: str  # the block's id on its page
    request: str  # the block's first request line, such as "GET /static/style.css"
    line: str  # the message line that shows the item


class _Messages(HTMLParser):
    """Collects the head of each message (request line or status line, then headers) per block."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[tuple[str, list[tuple[str, str]]]] = []  # (anchor, [(role, text)])
        self._role = ""
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if tag == "div" and "exchange" in classes and values.get("id"):
            self.blocks.append((values["id"] or "", []))
        elif (
            tag == "div"
            and self.blocks
            and {"exchange-request", "exchange-response"} & set(classes)
        ):
            self._role = "request" if "exchange-request" in classes else "response"
        elif tag == "pre" and self._role:
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre" and self._text is not None:
            self.blocks[-1][1].append((self._role, "".join(self._text)))
            self._text, self._role = None, ""  # a folded body's <pre> is not a head


def sightings(html: str) -> list[Sighting]:
    """Every item each exchange block of a page shows, once per block, in reading order."""
    parser = _Messages()
    parser.feed(html)
    found: list[Sighting] = []
    for anchor, messages in parser.blocks:
        seen: set[tuple[str, str]] = set()
        requests = [text for role, text in messages if role == "request"]
        first = " ".join(requests[0].split("\n", 1)[0].split()[:2]) if requests else ""
        for role, text in messages:
            for kind, name, line in _items(role, text):
                if (kind, name.lower()) not in seen:
                    seen.add((kind, name.lower()))
                    found.append(Sighting(kind, name, anchor, first, line))
    return found


def _items(role: str, text: str) -> list[tuple[str, str, str]]:
    """(kind, name, line) of each item in a message's head, which ends at its first blank line."""
    start, *headers = text.split("\n\n", 1)[0].split("\n")
    words = start.split()
    first = (METHOD, words[0]) if role == "request" else (STATUS, words[1])
    return [(*first, start)] + [
        (HEADER, line.split(":", 1)[0].strip(), line) for line in headers if ":" in line
    ]
