"""Pelican plugin: an HTTP reference made of the site's real exchanges, ``/reference/``.

Every status code, request method and header that an exchange on a note
shows (``shown``) gets a one-line meaning (``meanings.toml``, read by
``meanings``) and links to each exchange showing it, in note order
(``items``); ``generator`` writes the pages. An item without a meaning
fails the build, naming it. Pelican is imported only inside ``register()``
and the generator's module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pelican import Pelican


def reference_generator(pelican: Pelican) -> type:
    """The generator that writes the reference's pages."""
    from .generator import ReferenceGenerator

    return ReferenceGenerator


def register() -> None:
    """Pelican's entry point for the plugin."""
    from pelican import signals

    signals.get_generators.connect(reference_generator)
