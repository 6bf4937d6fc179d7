"""A Pelican generator: ``/reference/`` and a page per status code, method and header.

It runs after the notes are read and reads their HTML, so the reference
holds what the build's runs showed. Setting: ``HTTP_REFERENCE_MEANINGS``,
the file of one-line meanings (default: ``meanings.toml`` here).
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican.generators import Generator
from pelican.writers import Writer

from .items import KINDS, NotePage, reference_items
from .meanings import MEANINGS, MissingMeaningError, load_meanings
from .shown import sightings

logger = logging.getLogger(__name__)
TITLES = {"method": "Request methods", "status": "Status codes", "header": "Headers"}


class ReferenceGenerator(Generator):
    """Writes the reference's index and one page per item."""

    def generate_output(self, writer: Writer) -> None:
        """Write the pages; log an error (failing the build) for an item with no meaning."""
        meanings_file = Path(self.settings.get("HTTP_REFERENCE_MEANINGS", MEANINGS))
        try:
            items = reference_items(self._notes(), load_meanings(meanings_file))
        except MissingMeaningError as error:
            logger.error("reference: %s: write it in %s", error, meanings_file)
            return
        sections = [(kind, TITLES[kind], items[kind]) for kind in KINDS if items[kind]]
        self._write(writer, "reference/index.html", "reference", sections=sections)
        for _, _, listed in sections:
            for item in listed:
                self._write(writer, f"{item.path}index.html", "reference_item", item=item)

    def _notes(self) -> list:
        """Each note in reading order, with what its exchanges show; the start page is left out."""
        site_root = self.settings.get("SITE_ROOT", "")
        pages = sorted(self.context["pages"], key=lambda page: Path(page.source_path).name)
        return [
            (
                NotePage(page.title, f"{site_root}/{page.url}", page.relative_source_path),
                sightings(page.content),
            )
            for page in pages
            if page.save_as != "index.html"
        ]

    def _write(self, writer: Writer, save_as: str, template: str, **context: object) -> None:
        writer.write_file(
            save_as,
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=save_as.removesuffix("index.html"),
            kinds=TITLES,
            **context,
        )
