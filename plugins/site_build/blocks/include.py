"""The include block: show the part of an example file it asks for."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

from example_core.errors import RunError
from example_core.examples import check_inside_repository, is_example
from example_core.parse import IncludeBlock

from ..html.source import IncludedSource, render_source
from .context import BlockContext


def read_include(block: IncludeBlock, examples: Path) -> IncludedSource:
    """Return the whole file, the line range, or the function the block names."""
    example_dir = (examples / block.example).resolve()
    if not is_example(example_dir):
        raise block.error("no such example")
    try:
        check_inside_repository(example_dir / block.file, examples / block.example)
    except RunError as error:
        raise block.error(str(error)) from None
    path = (example_dir / block.file).resolve()
    if not path.is_relative_to(example_dir) or not path.is_file():
        raise block.error(f"no file {block.file!r} in the example")
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    # Examples must run, so Python shown on a page must at least compile.
    tree = _parse_python(block, path, source) if path.suffix == ".py" else None
    first, last = 1, len(lines)
    if block.lines:
        first, last = block.lines
        if last > len(lines):
            too_far = f"lines={first}-{last} goes past the end of {block.file}"
            raise block.error(f"{too_far} ({len(lines)} lines)")
    if block.function:
        if tree is None:
            raise block.error(f"function= needs a Python file, not {block.file}")
        first, last = _definition_span(block, tree)
    text = textwrap.dedent("\n".join(lines[first - 1 : last]))
    return IncludedSource(
        path=f"examples/{block.example}/{block.file}",
        text=text,
        first_line=first,
        last_line=last,
        whole_file=(first, last) == (1, len(lines)),
    )


def _definition_span(block: IncludeBlock, tree: ast.Module) -> tuple[int, int]:
    scope: list[ast.stmt] = tree.body
    node: ast.stmt | None = None
    for part in block.function.split(".") if block.function else []:
        node = next((n for n in scope if _defines(n, part)), None)
        if node is None:
            names = sorted(n.name for n in scope if _defines(n, None))
            raise block.error(
                f"no function or class {block.function!r} in {block.file} "
                f"(defined there: {', '.join(names) or 'nothing'})",
            )
        scope = getattr(node, "body", [])
    assert node is not None and node.end_lineno is not None
    decorators = getattr(node, "decorator_list", [])
    first = min([node.lineno, *(d.lineno for d in decorators)])
    return first, node.end_lineno


def _parse_python(block: IncludeBlock, path: Path, source: str) -> ast.Module:
    try:
        return ast.parse(source, filename=str(path))
    except SyntaxError as error:
        where = f"examples/{block.example}/{block.file}:{error.lineno}"
        raise block.error(f"{where}: SyntaxError: {error.msg}") from None


def _defines(node: ast.stmt, name: str | None) -> bool:
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return isinstance(node, kinds) and (name is None or node.name == name)


def render(block: IncludeBlock, context: BlockContext) -> str:
    """The block's HTML: the source it asks for, with a link to the example's zip."""
    source = read_include(block, context.settings.examples)
    return render_source(source, context.download_url(block.example))
