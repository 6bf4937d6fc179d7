"""The exercises a note's HTML holds: each block's id, kind, title and download, in page order.

An exercise is a ``section.exercise`` (``.predict`` too for a prediction)
whose id is ``exercise-<id>``, titled by its first ``h3``; a *write it*
exercise links its zip (the first link in it to a ``.zip``; a prediction's
exchange links its example's, which is no download of the exercise).
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

PREFIX = "exercise-"


@dataclass(frozen=True)
class Exercise:
    """One exercise as /exercises/ lists it."""

    id: str  # the exercise's id, unique on the site; its anchor is ``exercise-<id>``
    kind: str  # "write" or "predict"
    title: str  # its heading's text, such as "Exercise: Move /old to /new"
    download: str | None = None  # the address of its zip, for a write-it exercise


class _Exercises(HTMLParser):
    """Collects each exercise's section and the text of its ``h3``."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, list[str]]] = []
        self.downloads: dict[str, str] = {}
        self._title: list[str] | None = None
        self._depth = 0
        self._sections = 0  # how deep inside an exercise's section the parser is

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        anchor = values.get("id") or ""
        if tag == "section" and self._sections:
            self._sections += 1
        if tag == "section" and "exercise" in classes and anchor.startswith(PREFIX):
            kind = "predict" if "predict" in classes else "write"
            self.found.append((anchor.removeprefix(PREFIX), kind, []))
            self._sections = 1
        elif tag == "a" and self._in_write_it() and (values.get("href") or "").endswith(".zip"):
            self.downloads.setdefault(self.found[-1][0], values["href"] or "")
        elif tag == "h3" and self.found and not self.found[-1][2]:
            self._title = self.found[-1][2]
            self._depth = 1
        elif self._title is not None:
            self._depth += 1

    def _in_write_it(self) -> bool:
        """Inside a write-it exercise (a prediction's exchange links its example's zip)."""
        return bool(self._sections) and self.found[-1][1] == "write"

    def handle_endtag(self, tag: str) -> None:
        if tag == "section" and self._sections:
            self._sections -= 1
        if self._title is not None:
            self._depth -= 1
            if self._depth == 0:
                self._title = None

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)


def exercises_in(html: str) -> list[Exercise]:
    """The exercises of a note's ``html``, in the order the note asks them."""
    parser = _Exercises()
    parser.feed(html)
    return [
        Exercise(id, kind, " ".join("".join(title).split()), parser.downloads.get(id))
        for id, kind, title in parser.found
    ]
