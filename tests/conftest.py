"""Shared fixtures: the project's paths, run settings, and throwaway examples and sites."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from flask_exchanges.loading import source_date_epoch
from flask_exchanges.run import RunSettings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CONTENT = ROOT / "content"


@pytest.fixture(scope="session")
def project_settings() -> RunSettings:
    """How the build runs the project's own examples."""
    return RunSettings(examples=EXAMPLES, timeout=10.0, epoch=source_date_epoch(ROOT))


@pytest.fixture
def make_example(tmp_path: Path) -> Callable[..., Path]:
    """Write an example app (and any extra files) into a temporary examples folder."""

    def make(name: str, source: str, **files: str) -> Path:
        folder = tmp_path / "examples" / name
        folder.mkdir(parents=True)
        (folder / "app.py").write_text(textwrap.dedent(source))
        for relative, text in files.items():
            path = folder / relative.replace("__", "/")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        return tmp_path / "examples"

    return make


@pytest.fixture
def scratch_settings(tmp_path: Path) -> RunSettings:
    """Run settings for examples made with ``make_example``, with a short timeout."""
    return RunSettings(examples=tmp_path / "examples", timeout=2.0, epoch=1_700_000_000)
