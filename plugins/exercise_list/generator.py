"""A Pelican generator: ``/exercises/``, each note's exercises, in reading order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pelican.generators import Generator
from pelican.writers import Writer

from .found import Exercise, exercises_in

PAGE = "exercises/index.html"


@dataclass(frozen=True)
class NoteExercises:
    """A note that asks exercises: its title, its address, and them."""

    title: str
    url: str
    exercises: tuple[Exercise, ...]


class ExerciseListGenerator(Generator):
    """Writes the list of every exercise, by note."""

    def generate_output(self, writer: Writer) -> None:
        """Write ``/exercises/`` from the notes' HTML."""
        site_root = self.settings.get("SITE_ROOT", "")
        pages = sorted(self.context["pages"], key=lambda page: Path(page.source_path).name)
        notes = [
            NoteExercises(page.title, f"{site_root}/{page.url}", tuple(exercises_in(page.content)))
            for page in pages
        ]
        writer.write_file(
            PAGE,
            self.get_template("exercises"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=PAGE.removesuffix("index.html"),
            notes=[note for note in notes if note.exercises],
        )
