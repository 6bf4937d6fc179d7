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
  fetched file by file when first shown.

``fetch(name)`` is the worker's (see worker.js): it reads one file of the
runtime folder, waiting for it, and gives ``None`` if there is none.
"""

from __future__ import annotations

import importlib.machinery
import linecache
import os
import sys
import zipimport
from collections.abc import Callable
from typing import Any

import flask

REST = "python_stdlib_rest.zip"
REST_PATH = f"/lib/{REST}"
# Where each kind of module without its source is, and where its source is served.
SOURCE_FOLDERS = {
    os.path.dirname(os.__file__) + "/": "python-source/stdlib/",
    os.path.dirname(os.path.dirname(flask.__file__)) + "/": "python-source/site-packages/",
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
        return zipimport.zipimporter(folder).find_spec(fullname)


def install(fetch: Callable[[str], Any]) -> None:
    """Fetch, with ``fetch``, the rest of the standard library and sources when needed."""
    listed = __loader__.get_data(os.path.join(os.path.dirname(__file__), "rest_modules.txt"))
    sys.meta_path.append(RestOfStdlib(set(listed.decode().split()), fetch))
    original = linecache.updatecache

    def updatecache(filename: str, module_globals: Any = None) -> list[str]:
        return original(filename, module_globals) or _fetched_source(filename, fetch)

    linecache.updatecache = updatecache


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
