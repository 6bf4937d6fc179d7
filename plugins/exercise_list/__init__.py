"""Pelican plugin: ``/exercises/``, every exercise of the notes, by note.

``found`` reads each note's exercises from its HTML (the blocks the build
rendered, so a note taken from Pelican's content cache lists them too);
``generator`` writes the page. Which ones this browser solved is the page's
script's business (``theme/static/js/exercise-list.js``): nothing of the
reader's leaves the browser. Pelican is imported only inside ``register()``
and the generator's module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pelican import Pelican


def exercise_list_generator(pelican: Pelican) -> type:
    """The generator that writes ``/exercises/``."""
    from .generator import ExerciseListGenerator

    return ExerciseListGenerator


def register() -> None:
    """Pelican's entry point for the plugin."""
    from pelican import signals

    signals.get_generators.connect(exercise_list_generator)
