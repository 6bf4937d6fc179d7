"""A Pelican generator: every example's zip, and the page that lists them, ``/examples/``.

The page lists the examples in reading order: by the first note that uses
each one (the notes' file names give their order), with every note that does.
An example only *write it* exercises use is a starting app, not an example
the notes show: it has no zip and no entry here, as the exercise's own zip
(``/exercises/<id>.zip``, with its checks) is what a student takes home.

It runs after the notes are read, so each download knows which notes show
its example and under which headings. Settings: ``SOURCE_URL`` (the
repository's address; when set, the page and each README link the example's
folder in it) and ``SOURCE_BRANCH`` (default ``main``).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path

from pelican.contents import Page
from pelican.generators import Generator
from pelican.writers import Writer

from example_core.errors import BlockError, RunError
from example_core.examples import app_spec, find_examples
from example_core.exercise_blocks import ExerciseBlock
from example_core.fences import Fence
from example_core.notes import note_lines, note_name
from example_core.parse import find_blocks
from example_core.settings import build_run_settings

from .archive import download_path, write_download
from .readme import Download, starts_in_debug
from .requests_file import NoteLink, ShownBlock, shown_blocks
from .requirements import flask_requirements
from .self_check import ANSWERS
from .serving import server_for
from .source import check_syntax_for, description
from .top_to_bottom import STRAIGHT_THROUGH, surprises

logger = logging.getLogger(__name__)
PAGE = "examples/index.html"
TEMPLATE = "examples"
# The note that walks a student through running an example at home.
GUIDE_SLUG = "run-locally"
PROJECT_REQUIREMENTS = Path(__file__).resolve().parents[2] / "requirements.txt"
# What a download's test_as_the_pages_show.py runs with, besides Flask.
CHECKED_WITH = ("pytest",)


def shows_its_example(block: Fence) -> bool:
    """Whether ``block`` shows its example as one: any block but a *write it* exercise's."""
    return bool(block.example) and not isinstance(block, ExerciseBlock)


@dataclass(frozen=True)
class ExampleEntry:
    """One example as the page lists it."""

    name: str
    description: str
    download_url: str
    size: int
    notes: tuple[NoteLink, ...]
    source_url: str


class DownloadsGenerator(Generator):
    """Writes ``examples/<name>.zip`` for each example the notes show, then the page of them."""

    def generate_output(self, writer: Writer) -> None:
        """Write the zips and the page; log an error (failing the build) if one cannot be made."""
        try:
            self._write(writer)
        except (OSError, LookupError, ValueError, BlockError, RunError) as error:
            logger.error("example downloads: %s", error)

    def _write(self, writer: Writer) -> None:
        run = build_run_settings(self.settings)
        answers, straight = self.settings.get(ANSWERS), self.settings.get(STRAIGHT_THROUGH)
        if answers is None or straight is None:
            raise LookupError(f"no {ANSWERS}: the site_build plugin gives each block's answers")
        site_url = self.settings.get("SITEURL", "")
        _, python = flask_requirements(PROJECT_REQUIREMENTS)
        pages = sorted(self.context["pages"], key=lambda page: Path(page.source_path).name)
        entries = []
        order = self._reading_order(pages)
        for example_dir in find_examples(run.examples):
            check_syntax_for(example_dir, python)
            if example_dir.name not in order:  # a starting app: its exercise's zip takes it home
                continue
            shown, notes = self._uses(pages, example_dir.name, site_url)
            source_url = self._source_folder(example_dir.name)
            server = server_for(example_dir.name)
            pins, needs = flask_requirements(
                PROJECT_REQUIREMENTS, *CHECKED_WITH, *server.packages if server else ()
            )
            download = Download(
                example_dir=example_dir,
                app_spec=app_spec(example_dir),
                notes=notes,
                shown=shown,
                requirements=pins,
                python=needs,
                source_url=source_url,
                server=server,
                answers=tuple(answers(item.block) for item in shown),
            )
            run_on = surprises(
                example_dir.name, shown, download.answers, starts_in_debug(download), straight
            )
            download = replace(download, run_on=run_on)
            zip_file = write_download(download, run.epoch, Path(self.output_path))
            entries.append(
                ExampleEntry(
                    name=example_dir.name,
                    description=_docstring_html(description(example_dir)),
                    download_url=f"{site_url}/{download_path(example_dir.name)}",
                    size=zip_file.stat().st_size,
                    notes=notes,
                    source_url=source_url,
                )
            )
        entries.sort(key=lambda entry: (order.get(entry.name, len(order)), entry.name))
        writer.write_file(
            PAGE,
            self.get_template(TEMPLATE),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url="examples/",
            examples=entries,
            python=python,
            guide=next((p for p in pages if p.slug == GUIDE_SLUG), None),
        )

    def _uses(
        self, pages: list[Page], example: str, site_url: str
    ) -> tuple[tuple[ShownBlock, ...], tuple[NoteLink, ...]]:
        """The blocks that show ``example`` in reading order, and the notes they are in.

        The start page comes last among the notes: it only repeats a note's
        blocks to introduce the site.
        """
        shown: list[ShownBlock] = []
        notes: list[NoteLink] = []
        for page in pages:
            lines = note_lines(Path(page.source_path))
            path = note_name(page.source_path, self.settings)
            link = NoteLink(page.title, f"{site_url}/{page.url}")
            shown += [s for s in shown_blocks(lines, path, link) if s.block.example == example]
            uses = any(
                block.example == example and shows_its_example(block)
                for block in find_blocks(lines, path)
            )
            if uses and page.save_as != "index.html":
                notes.append(link)
        return tuple(shown), tuple(notes)

    def _reading_order(self, pages: list[Page]) -> dict[str, int]:
        """Each example a note shows, by its place in reading order (the start page's come last)."""
        order: dict[str, int] = {}
        start_page = [page for page in pages if page.save_as == "index.html"]
        for page in [page for page in pages if page not in start_page] + start_page:
            path = note_name(page.source_path, self.settings)
            for block in find_blocks(note_lines(Path(page.source_path)), path):
                if shows_its_example(block):
                    order.setdefault(block.example, len(order))
        return order

    def _source_folder(self, example: str) -> str:
        source = self.settings.get("SOURCE_URL", "").rstrip("/")
        branch = self.settings.get("SOURCE_BRANCH", "main")
        return f"{source}/tree/{branch}/examples/{example}" if source else ""


def _docstring_html(text: str) -> str:
    """A docstring's line as HTML: escaped, with its ``code`` in ``<code>``."""
    return re.sub(r"``(.+?)``", r"<code>\1</code>", escape(text))
