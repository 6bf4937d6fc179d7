"""The house by place: each package of ``plugins/`` imports only what its place may use.

``example_core`` is what the three places share: no Pelican, no other
package of ours. The browser's and the student's packages build on the core
only; the build's package may use them all. No module imports itself back
through others (an import circle), no module grows past 300 lines, and no
script of the live panel past 250.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PLUGINS = Path(__file__).resolve().parents[1] / "plugins"
PANEL = Path(__file__).resolve().parents[1] / "theme" / "live"
OURS = {path.parent.name for path in PLUGINS.glob("*/__init__.py")}
# Which of our packages each package may import.
ALLOWED = {
    "example_core": set(),
    "live_examples": {"example_core"},
    "take_home": {"example_core"},
    "hashed_assets": set(),
    "site_search": set(),
    "http_reference": set(),
    "glossary": set(),
    "on_this_page": set(),
    "exercise_list": set(),
    "site_build": {"example_core", "live_examples", "take_home"},
}
MAX_LINES = 300
MAX_JS_LINES = 250


def module_name(path: Path) -> str:
    parts = path.relative_to(PLUGINS).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Every module of ours that ``path`` imports, anywhere in it (in functions too)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    known = {module_name(p) for p in PLUGINS.rglob("*.py")}
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            # ``from . import run`` names a module; ``from .run import x``, a module's name.
            submodules = {f"{module}.{alias.name}" for alias in node.names} & known
            found |= submodules or {module}
    return {module for module in found if module in known and module != name}


def graph() -> dict[str, set[str]]:
    return {module_name(p): imported_modules(p) for p in sorted(PLUGINS.rglob("*.py"))}


def test_no_module_imports_itself_back_through_others():
    edges = graph()
    visiting: list[str] = []
    done: set[str] = set()

    def visit(module: str) -> None:
        if module in visiting:
            circle = [*visiting[visiting.index(module) :], module]
            pytest.fail(f"import circle: {' -> '.join(circle)}")
        if module in done:
            return
        visiting.append(module)
        for imported in sorted(edges.get(module, ())):
            visit(imported)
        visiting.pop()
        done.add(module)

    for module in sorted(edges):
        visit(module)


def test_the_circle_check_finds_a_circle(tmp_path, monkeypatch):
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "__init__.py").write_text("")
    (tmp_path / "one" / "a.py").write_text("from .b import x\n")
    (tmp_path / "one" / "b.py").write_text("def f():\n    from one.a import y\n")
    monkeypatch.setattr(f"{__name__}.PLUGINS", tmp_path)
    with pytest.raises(pytest.fail.Exception, match=r"one\.a -> one\.b -> one\.a"):
        test_no_module_imports_itself_back_through_others()


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_package_imports_only_what_its_place_may_use(package):
    used = {
        imported.split(".")[0]
        for path in (PLUGINS / package).rglob("*.py")
        for imported in imported_modules(path)
    } - {package}
    assert used <= ALLOWED[package], f"{package} imports {sorted(used - ALLOWED[package])}"


def test_every_package_of_ours_has_its_place():
    assert set(ALLOWED) == OURS


def test_the_shared_core_needs_no_pelican():
    for path in (PLUGINS / "example_core").rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not [n for n in names if n.split(".")[0] in ("pelican", "subprocess")] or (
                path.name == "pinning.py"  # reads the last commit's date with git
            ), f"{path.name} imports {names}"


@pytest.mark.parametrize(
    "path", sorted(PLUGINS.rglob("*.py")), ids=lambda p: str(p.relative_to(PLUGINS))
)
def test_no_module_is_longer_than_300_lines(path):
    assert len(path.read_text().splitlines()) <= MAX_LINES


@pytest.mark.parametrize(
    "path", sorted(PANEL.rglob("*.js")), ids=lambda p: str(p.relative_to(PANEL))
)
def test_no_panel_script_is_longer_than_250_lines(path):
    assert len(path.read_text().splitlines()) <= MAX_JS_LINES


def test_every_module_says_its_job_in_a_docstring():
    for path in PLUGINS.rglob("*.py"):
        assert ast.get_docstring(ast.parse(path.read_text())), f"{path} has no docstring"
