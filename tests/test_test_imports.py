"""The test modules share helpers through ``tests/support`` and fixtures through ``conftest``.

No test module imports another test module (or ``conftest``, or a helper
outside ``tests/support``): each can be moved, run or read on its own.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def imported_modules(source: Path) -> list[str]:
    """Every module ``source`` imports, anywhere in it (functions included), as dotted names."""
    modules = []
    for node in ast.walk(ast.parse(source.read_text(), str(source))):
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.append(node.module)
            if node.module == "tests":  # from tests import test_site
                modules += [f"tests.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            modules.append("." * node.level + (node.module or ""))
    return modules


def wrong_imports(source: Path) -> list[str]:
    wrong = []
    for module in imported_modules(source):
        if module.startswith("."):
            wrong.append(f"{source.name}: relative import {module}")
            continue
        parts = module.split(".")
        if parts[0] != "tests" or len(parts) == 1:
            continue
        if parts[1] != "support":  # a test module, a folder of them, or conftest
            wrong.append(f"{source.name}: imports {module}")
    return wrong


def test_no_test_module_imports_another_test_module_or_a_helper_outside_support():
    sources = sorted(TESTS.rglob("test_*.py"))
    assert len(sources) > 30
    assert [w for source in sources for w in wrong_imports(source)] == []


def test_support_modules_import_no_test_module():
    sources = sorted((TESTS / "support").glob("*.py"))
    assert sources
    assert [w for source in sources for w in wrong_imports(source)] == []


def test_the_import_check_catches_a_test_module_importing_another(tmp_path):
    planted = tmp_path / "test_planted.py"
    planted.write_text(
        "from tests.test_live import open_panel\n"
        "import tests.conftest\n"
        "def f():\n"
        "    from tests.site_checks import ROOT\n"
        "from tests.support.live import send\n"
        "from tests import test_site\n"
    )
    assert wrong_imports(planted) == [
        "test_planted.py: imports tests.test_live",
        "test_planted.py: imports tests.conftest",
        "test_planted.py: imports tests.test_site",
        "test_planted.py: imports tests.site_checks",
    ]
