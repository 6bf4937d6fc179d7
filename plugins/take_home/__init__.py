"""Pelican plugin: what a student takes home, every example as a zip, and the page listing them.

Each zip (``archive``) holds the example's files, ``requirements.txt``
(``requirements``), ``requests.http`` (``requests_file``) and
``README.txt`` (``readme``, from the template ``README.txt`` here);
``downloads_page`` writes them and ``/examples/``. Pelican is imported only
inside ``register()`` and the generator's module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pelican import Pelican


def downloads_generator(pelican: Pelican) -> type:
    """The generator that writes every example's zip and the page listing them."""
    from .downloads_page import DownloadsGenerator

    return DownloadsGenerator


def register() -> None:
    """Pelican's entry point for the plugin."""
    from pelican import signals

    signals.get_generators.connect(downloads_generator)
