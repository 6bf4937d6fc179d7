"""The parts of Python the page's first download leaves out, fetched when they are needed.

The first download holds, compiled, only the standard modules that the
examples and Flask import before their first answer (``python_stdlib.zip``,
see ``precompile.mjs``). ``install`` puts two things in place:

- an importer, last on ``sys.meta_path``, for the modules of
  ``python_stdlib_rest.zip`` (listed in ``rest_modules.txt`` beside this
  file): the first import of one (``import sqlite3`` in the editor, say)
  fetches that archive once, then imports from it;
- a fallback for ``linecache``: a traceback's line of a module shipped
  without its source (the standard library, Flask and its dependencies, the
  page's runner and the core in notes.zip) is read from ``python-source/``,
  fetched file by file when first shown;
- docstrings read from that source: the first download's bytecode has none
  (``precompile.mjs``), so ``help()``, ``pydoc`` and ``inspect.getdoc()``
  find an object's docstring in its module's source, fetched when first
  asked for. Code that reads ``__doc__`` itself gets ``None`` there, as
  under ``python -OO``.

``fetch(name)`` is the worker's (see worker.js): it reads one file of the
runtime folder, waiting for it, and gives ``None`` if there is none.
"""

from __future__ import annotations

import ast
import importlib.machinery
import inspect
import linecache
import os
import sys
import zipimport
from collections.abc import Callable
from typing import Any

import flask

REST = "python_stdlib_rest.zip"
REST_PATH = f"/lib/{REST}"
STDLIB = os.path.dirname(os.__file__) + "/"
SITE_PACKAGES = os.path.dirname(os.path.dirname(flask.__file__)) + "/"
# Where each kind of module without its source is, and where its source is served.
SOURCE_FOLDERS = {
    STDLIB: "python-source/stdlib/",
    SITE_PACKAGES: "python-source/site-packages/",
    "/home/pyodide/notes.zip/": "python-source/notes/",
}


class RestOfStdlib:
    """Finds the modules of the second archive, which it fetches at the first need."""

    def __init__(self, modules: set[str], fetch: Callable[[str], Any]) -> None:
        self.modules = modules
        self.fetch = fetch
        self.fetched = False

    def find_spec(
        self, fullname: str, path: Any = None, target: Any = None
    ) -> importlib.machinery.ModuleSpec | None:
        """The spec of ``fullname`` in the second archive, if it is one of its modules."""
        name = fullname.replace(".", "/")
        if name not in self.modules:
            return None
        if not self.fetched:
            data = self.fetch(REST)
            if data is None:
                raise ImportError(f"{REST} could not be downloaded", name=fullname)
            with open(REST_PATH, "wb") as archive:
                archive.write(data.to_bytes())
            self.fetched = True
        parent = name.rpartition("/")[0]
        folder = f"{REST_PATH}/{parent}/" if parent else REST_PATH
        spec = zipimport.zipimporter(folder).find_spec(fullname)
        if fullname == "pydoc" and spec is not None:
            spec.loader = PatchedPydoc(spec.loader)
        return spec


class PatchedPydoc:
    """Loads ``pydoc``, then has it read a missing docstring from the source."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loader, name)

    def exec_module(self, module: Any) -> None:
        """Run pydoc's code, then wrap its ``_getowndoc``."""
        self.loader.exec_module(module)
        own = module._getowndoc
        module._getowndoc = lambda obj: own(obj) or shipped_docstring(obj)


def install(fetch: Callable[[str], Any]) -> None:
    """Fetch, with ``fetch``, the rest of the standard library and sources when needed."""
    listed = __loader__.get_data(os.path.join(os.path.dirname(__file__), "rest_modules.txt"))
    sys.meta_path.append(RestOfStdlib(set(listed.decode().split()), fetch))
    original = linecache.updatecache

    def updatecache(filename: str, module_globals: Any = None) -> list[str]:
        return original(filename, module_globals) or _fetched_source(filename, fetch)

    linecache.updatecache = updatecache
    getdoc = inspect.getdoc

    def getdoc_or_shipped(obj: Any) -> str | None:
        own = getattr(obj, "__doc__", None)
        shipped = None if isinstance(own, str) and own else shipped_docstring(obj)
        return inspect.cleandoc(shipped) if shipped else getdoc(obj)

    inspect.getdoc = getdoc_or_shipped


def _fetched_source(filename: str, fetch: Callable[[str], Any]) -> list[str]:
    """The lines of a shipped module's source, fetched; none for any other file."""
    for prefix, folder in SOURCE_FOLDERS.items():
        if filename.startswith(prefix) and filename.endswith(".py"):
            data = fetch(folder + filename.removeprefix(prefix))
            if data is None:
                return []
            lines = data.to_bytes().decode().splitlines(keepends=True)
            linecache.cache[filename] = (len(lines), None, lines, filename)
            return lines
    return []


def _where(obj: Any) -> tuple[str, int]:
    """The source file of ``obj`` and its definition's first line (0 for a module)."""
    if isinstance(obj, (classmethod, staticmethod)) or inspect.ismethod(obj):
        obj = obj.__func__
    elif isinstance(obj, property):
        obj = obj.fget
    if inspect.isfunction(obj):  # a decorator's wrapper: where its docstring came from
        code = inspect.unwrap(obj).__code__
        return code.co_filename, code.co_firstlineno
    if inspect.ismodule(obj):
        return getattr(obj, "__file__", None) or "", 0
    if inspect.isclass(obj):
        module = sys.modules.get(obj.__module__)
        return getattr(module, "__file__", None) or "", obj.__dict__.get("__firstlineno__", -1)
    if inspect.isroutine(obj):  # built into Python: never shipped as bytecode
        return "", -1
    return _where(type(obj))  # an instance: its docstring is its class's


_docstrings: dict[str, dict[int, str]] = {}


def shipped_docstring(obj: Any) -> str | None:
    """The docstring the source gives ``obj``, if it is from a module shipped without one."""
    try:
        filename, line = _where(obj)
    except Exception:  # an object whose attributes raise, such as a proxy out of context
        return None
    filename = filename.removesuffix("c")
    if not filename.startswith((STDLIB, SITE_PACKAGES)) or not filename.endswith(".py"):
        return None
    if filename not in _docstrings:
        _docstrings[filename] = _docstrings_by_line("".join(linecache.getlines(filename)))
    return _docstrings[filename].get(line)


def _docstrings_by_line(source: str) -> dict[int, str]:
    """Each docstring of ``source``, by the first line of its definition (0: the module's)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {}
    found = {0: ast.get_docstring(tree, clean=False)}
    for node in ast.walk(tree):
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            found[first] = ast.get_docstring(node, clean=False)
    return {line: doc for line, doc in found.items() if doc}
