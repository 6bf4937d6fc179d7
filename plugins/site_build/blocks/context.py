"""What every kind of block gets to render itself: the run settings and the build's jobs."""

from __future__ import annotations

from dataclasses import dataclass

from example_core.settings import RunSettings
from take_home.archive import download_path

from ..jobs import StartedJobs


@dataclass(frozen=True)
class BlockContext:
    """One note's rendering: the settings, and the blocks the build already started."""

    settings: RunSettings
    started: StartedJobs

    def download_url(self, example: str) -> str:
        """The URL of an example's zip, for students to run it at home."""
        return download_url(example, self.settings)


def download_url(example: str, settings: RunSettings) -> str:
    """The URL of an example's zip, for students to run it at home."""
    return f"{settings.site_root}/{download_path(example)}"
