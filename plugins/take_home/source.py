"""What the take-home files say about an example's source, and whether it runs on their Python."""

from __future__ import annotations

import ast
from pathlib import Path

from example_core.examples import app_spec, example_files


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


def check_syntax_for(example_dir: Path, python: str) -> None:
    """Raise ``ValueError`` if a Python file of the example needs a newer Python than ``python``.

    The README promises "Python 3.10 or newer": each ``.py`` file is parsed
    as that Python's grammar (``ast.parse`` with ``feature_version``), which
    refuses ``except*``, ``type`` statements and the like. Python documents
    this as best effort (it misses the looser f-strings of 3.12, for one),
    and names a module gained later, such as ``datetime.UTC``, are not
    syntax: the take-home tests run every example on that very Python.
    """
    major, minor = (int(part) for part in python.split(".")[:2])
    for path in example_files(example_dir):
        if path.suffix != ".py":
            continue
        try:
            ast.parse(path.read_bytes(), str(path), feature_version=(major, minor))
        except SyntaxError as error:
            where = f"{example_dir.name}/{path.relative_to(example_dir).as_posix()}"
            raise ValueError(
                f"{where}, line {error.lineno}: needs a newer Python than the {python} "
                f"the site names ({error.msg})"
            ) from None
