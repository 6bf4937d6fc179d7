"""A Pelican generator: ``/glossary/``, each term with its definition and the notes that use it.

It runs after every note is read and linked (``linking``), and reads the
notes' HTML for the links to each term, so the page lists where each is
really used, at the section of its first use. A term no note uses fails
the build, naming the line of the glossary file that defines it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from markdown import markdown
from pelican.generators import Generator
from pelican.writers import Writer

from .terms import GLOSSARY_URL, GlossaryError, Term, load_terms, shown_path, terms_file

logger = logging.getLogger(__name__)
HEADING = re.compile(r'<h[2-6][^>]*\sid="([^"]+)"')


@dataclass(frozen=True)
class Use:
    """A note that uses a term: its title and a link to the section of the first use."""

    title: str
    url: str


@dataclass(frozen=True)
class Entry:
    """A term as the glossary page shows it."""

    term: Term
    definition: str  # HTML
    uses: tuple[Use, ...]


class GlossaryGenerator(Generator):
    """Writes ``/glossary/`` when the site has a glossary file."""

    def generate_context(self) -> None:
        """Tell the templates whether there is a glossary to link (the footer does)."""
        if terms_file(self.settings).is_file():
            self.context["GLOSSARY_URL"] = GLOSSARY_URL

    def generate_output(self, writer: Writer) -> None:
        """Write the page; log an error (failing the build) for each term no note uses."""
        path = terms_file(self.settings)
        if not path.is_file():
            return
        try:
            terms = load_terms(path)
        except GlossaryError:
            return  # already logged for each page, as it was read
        entries = self._entries(terms)
        unused = [entry.term for entry in entries if not entry.uses]
        for term in unused:
            logger.error(
                "%s:%d: the glossary term %r is defined but no note uses it: "
                "use it in a note, or remove it",
                shown_path(path, self.settings),
                term.line,
                term.name,
            )
        if unused:
            return
        writer.write_file(
            f"{GLOSSARY_URL}index.html",
            self.get_template("glossary"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=GLOSSARY_URL,
            entries=entries,
        )

    def _entries(self, terms: dict[str, Term]) -> list[Entry]:
        """Every term, sorted by name, with the notes that use it in reading order."""
        site_root = self.settings.get("SITE_ROOT", "")
        link = re.compile(rf'href="{re.escape(f"{site_root}/{GLOSSARY_URL}")}#([\w-]+)"')
        uses: dict[str, list[Use]] = {slug: [] for slug in terms}
        notes = sorted(self.context["pages"], key=lambda page: Path(page.source_path).name)
        for page in notes:
            if page.save_as == "index.html":
                continue
            for slug, section in _first_uses(page._content, link).items():
                url = f"{site_root}/{page.url}" + (f"#{section}" if section else "")
                uses.setdefault(slug, []).append(Use(page.title, url))
        return [
            Entry(term, _inline_markdown(term.definition), tuple(uses[term.slug]))
            for term in sorted(terms.values(), key=lambda term: term.name.lower())
        ]


def _first_uses(html: str, link: re.Pattern[str]) -> dict[str, str]:
    """Each term linked in ``html``, with the id of the heading above its first link, or ""."""
    headings = [(match.start(), match.group(1)) for match in HEADING.finditer(html)]
    found: dict[str, str] = {}
    for match in link.finditer(html):
        above = [anchor for start, anchor in headings if start < match.start()]
        found.setdefault(match.group(1), above[-1] if above else "")
    return found


def _inline_markdown(text: str) -> str:
    """A definition's Markdown as HTML, without the paragraph around it."""
    return markdown(text).removeprefix("<p>").removesuffix("</p>")
