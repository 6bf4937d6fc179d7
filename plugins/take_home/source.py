"""What the take-home files say about an example's own source: its one-line description."""

from __future__ import annotations

import ast
from pathlib import Path

from example_core.examples import app_spec


def description(example_dir: Path) -> str:
    """The first line of the docstring of the example's app module, or nothing."""
    module = app_spec(example_dir).split(":")[0].replace(".", "/")
    for path in (example_dir / f"{module}.py", example_dir / module / "__init__.py"):
        try:
            docstring = ast.get_docstring(ast.parse(path.read_text("utf-8")))
        except (OSError, SyntaxError):
            continue
        return (docstring or "").split("\n", 1)[0]
    return ""
