"""Which of the core's files go along with a script that runs elsewhere.

The page's Python (``browser_runner``) and a student's check
(``take_home``'s ``student_check``) each import part of this package, from
a zip or a folder of their own. ``core_files`` reads the imports with
``ast`` and follows them, so each carries exactly what it needs.
"""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).parent


def core_files(entry: Path) -> list[Path]:
    """The core's modules ``entry`` imports, directly or not, its ``__init__`` and its data."""
    wanted = {CORE / "__init__.py", *CORE.glob("*.json")}
    waiting = [entry]
    while waiting:
        for node in ast.walk(ast.parse(waiting.pop().read_bytes())):
            module = _imported_module(node)
            if module and module.is_file() and module not in wanted:
                wanted.add(module)
                waiting.append(module)
    return sorted(wanted)


def _imported_module(node: ast.AST) -> Path | None:
    """The core's module that ``node`` imports from (``from example_core.x``, ``from .x``)."""
    if not isinstance(node, ast.ImportFrom) or not node.module:
        return None
    if node.level == 0:
        if not node.module.startswith(f"{CORE.name}."):
            return None
        return CORE / f"{node.module.removeprefix(f'{CORE.name}.')}.py"
    return CORE / f"{node.module}.py"
