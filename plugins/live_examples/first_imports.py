"""The standard modules the examples' code imports, read from their source with ``ast``.

``precompile.mjs`` imports each of them in Pyodide, after the page's runner
and a run of Flask, and puts every module of the standard library then
loaded (what they import in turn too) in the first archive of the standard
library. The list is computed at each build; the core depends on the list,
not on the examples' code, so a change to an example that imports nothing
new assembles nothing again.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path


def first_imports(examples: Path) -> list[str]:
    """The sorted names of the standard modules any ``.py`` under ``examples`` imports."""
    names: set[str] = set()
    for path in sorted(examples.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
    return sorted(name for name in names if name.split(".")[0] in sys.stdlib_module_names)
