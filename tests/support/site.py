"""The project's real site, built by the tests as ``invoke build`` builds it."""

from __future__ import annotations

from pathlib import Path

from site_build.build import build_site
from tests.support.notes import ROOT


def build_real_site(output: Path) -> Path:
    """Build the project's site into ``output`` with a cache of its own, so every block runs."""
    override = {"CACHE_PATH": str(output.parent / "cache")}
    assert build_site(ROOT / "pelicanconf.py", output, override) == 0
    return output
