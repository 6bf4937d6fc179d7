// Compiles the runtime folder's Python to bytecode with Pyodide itself (so it
// matches the Python the browser runs), and repacks it for the network.
//
// Usage: node precompile.mjs <runtime folder>
// The folder holds the wheels, Pyodide's python_stdlib.zip, notes.zip and
// first-imports.json (the standard modules the examples import, found by
// live_examples/first_imports.py). Afterwards:
// - each wheel holds a .pyc in place of each .py (a sourceless module,
//   without its docstrings), and its RECORD says so;
// - python_stdlib.zip holds, as .pyc only and without docstrings (but
//   Pyodide's own modules'), the standard modules that
//   starting Pyodide, installing the wheels, the examples and a run of
//   Flask's test client import (found by doing all of it, here), and the
//   library's few data files; python_stdlib_rest.zip holds the rest, as
//   .pyc, fetched by the page only when an import needs it (live_stdlib.py);
// - python-source/ holds every .py left out, fetched only when a traceback
//   shows one of its lines (python-source/stdlib/json/decoder.py, say), or
//   help() one of its docstrings;
// - notes.zip gets a .pyc in place of each .py (whose source goes to
//   python-source/notes/), and rest_modules.txt, the modules of
//   python_stdlib_rest.zip.
// Every .pyc is based on a hash, not on a date, and every zip is written with
// its entries sorted, dated 1980-01-01 and stored uncompressed, so the same
// inputs always give the same bytes, and a host's gzip or brotli compresses
// them whole.
import fs from "node:fs";
import path from "node:path";
import { loadPyodide } from "pyodide";

const folder = path.resolve(process.argv[2]);
// PYTHONNODEBUGRANGES: the bytecode keeps each instruction's line, not its
// columns (a quarter of its compressed size), so a traceback's step in the
// standard library or Flask has its line but no ^^^ under it. The reader's
// own code, compiled in the browser, keeps them.
const pyodide = await loadPyodide({
  env: { PYTHONNODEBUGRANGES: "1" },
  stdout: () => {},
  stderr: (text) => console.error(text),
});
pyodide.FS.mkdir("/runtime");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: folder }, "/runtime");
pyodide.runPython(`
import ast
import base64
import csv
import hashlib
import importlib
import importlib.util
import io
import json
import marshal
import os
import pathlib
import sys
import sysconfig
import zipfile

EPOCH = (1980, 1, 1, 0, 0, 0)
RUNTIME = pathlib.Path("/runtime")
WHEELS = sorted(RUNTIME.glob("*.whl"))
SOURCES = RUNTIME / "python-source"
# Where this Python finds its standard library and installs wheels, as the browser's does.
STDLIB = os.path.dirname(os.__file__)
SITE = "/" + sysconfig.get_path("purelib").lstrip("/")  # it starts with //


class WithoutDocstrings(ast.NodeTransformer):
    """Drops each docstring but a dataclass's (dataclasses would make one up); lines stay put."""

    def visit_Module(self, node):
        self.generic_visit(node)
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            if isinstance(body[0].value.value, str):
                node.body = body[1:] or [ast.copy_location(ast.Pass(), body[0])]
        return node

    def visit_ClassDef(self, node):
        if "dataclass" in " ".join(ast.unparse(d) for d in node.decorator_list):
            self.generic_visit(node)
            return node
        return self.visit_Module(node)

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Module


def compiled(filename, source, docstrings=True):
    tree = ast.parse(source, filename)
    if not docstrings:
        tree = WithoutDocstrings().visit(tree)
    code = compile(tree, filename, "exec", dont_inherit=True)
    # Flags 1: a hash-based .pyc that is not checked against its source, so no
    # date can make it stale; the source in these zips never changes.
    header = importlib.util.MAGIC_NUMBER + (1).to_bytes(4, "little")
    header += importlib.util.source_hash(source)
    return header + marshal.dumps(code)


def write_zip(path, entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, EPOCH)
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name])
    path.write_bytes(buffer.getvalue())
    path.chmod(0o644)


def read_zip(path):
    with zipfile.ZipFile(path) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist() if not i.is_dir()}


def keep_source(kind, name, data):
    target = SOURCES / kind / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def record(entries, record_name):
    rows = io.StringIO()
    writer = csv.writer(rows, lineterminator="\\n")
    for name in sorted(entries):
        digest = base64.urlsafe_b64encode(hashlib.sha256(entries[name]).digest()).rstrip(b"=")
        writer.writerow([name, f"sha256={digest.decode()}", len(entries[name])])
    writer.writerow([record_name, "", ""])
    return rows.getvalue().encode()


def sourceless_wheel(path):
    entries = read_zip(path)
    record_name = next(name for name in entries if name.endswith(".dist-info/RECORD"))
    for name in [name for name in entries if name.endswith(".py") and ".dist-info/" not in name]:
        source = entries.pop(name)
        entries[name + "c"] = compiled(f"{SITE}/{name}", source, docstrings=False)
        keep_source("site-packages", name, source)
    entries.pop(record_name)
    entries[record_name] = record(entries, record_name)
    write_zip(path, entries)


def notes_imports():
    """Every module that a module of notes.zip imports (the page's runner and the core)."""
    sys.path.insert(0, str(RUNTIME / "notes.zip"))
    names = set()
    for name, data in read_zip(RUNTIME / "notes.zip").items():
        if name.endswith(".py"):
            for node in ast.walk(ast.parse(data)):
                if isinstance(node, ast.Import):
                    names.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0:
                    names.add(node.module)
    return sorted(names)


def module_name(name):
    """A .py's module as a path: json/decoder.py is json/decoder, json/__init__.py is json."""
    return name.removesuffix(".py").removesuffix("/__init__")


def split_stdlib(first_used):
    entries = read_zip(RUNTIME / "python_stdlib.zip")
    first_used = {name.removesuffix("c") for name in first_used}
    first, rest = {}, {}
    for name, data in entries.items():
        if not name.endswith(".py"):
            first[name] = data
            continue
        # The first part's docstrings are left out (a third of its size), but
        # Pyodide's own, which it gives to its JavaScript types; live_stdlib.py
        # reads them from the source for help() and inspect.getdoc().
        docstrings = name not in first_used or name.startswith(("_pyodide/", "pyodide/"))
        try:
            code = compiled(f"{STDLIB}/{name}", data, docstrings)
        except SyntaxError:  # a file that is not meant to be imported
            continue
        (first if name in first_used else rest)[name + "c"] = code
        keep_source("stdlib", name, data)
    write_zip(RUNTIME / "python_stdlib.zip", first)
    write_zip(RUNTIME / "python_stdlib_rest.zip", rest)
    return sorted(module_name(name.removesuffix("c")) for name in rest)


def first_imports():
    """What the page's Python imports first: notes.zip's imports, then the examples'."""
    examples = json.loads((RUNTIME / "first-imports.json").read_text())
    return [*notes_imports(), *examples]


def notes_with_bytecode(rest_modules):
    entries = read_zip(RUNTIME / "notes.zip")
    for name in [name for name in entries if name.endswith(".py")]:
        source = entries.pop(name)
        # Where the browser's worker puts notes.zip, so tracebacks name the files.
        entries[name + "c"] = compiled(f"/home/pyodide/notes.zip/{name}", source)
        keep_source("notes", name, source)
    entries["rest_modules.txt"] = "".join(f"{name}\\n" for name in rest_modules).encode()
    write_zip(RUNTIME / "notes.zip", entries)


for wheel in WHEELS:
    sourceless_wheel(wheel)
`);
const imports = pyodide.runPython("json.dumps(first_imports())");

// A fresh Python, whose first imports are only the page's: it installs the
// wheels as the browser does (which imports the package loader's modules),
// then imports what the page's runner and the examples import, and runs Flask.
const probe = await loadPyodide({ stdout: () => {}, stderr: (text) => console.error(text) });
probe.FS.mkdir("/runtime");
probe.FS.mount(probe.FS.filesystems.NODEFS, { root: folder }, "/runtime");
const wheels = fs.readdirSync(folder).filter((name) => name.endsWith(".whl"));
await probe.loadPackage(
  wheels.sort().map((name) => path.join(folder, name)),
  { messageCallback: () => {} },
);
probe.globals.set("IMPORTS", imports);
const used = probe.runPython(`
import importlib
import io
import json
import os
import pathlib
import sys

STDLIB = os.path.dirname(os.__file__)
sys.path.insert(0, "/runtime/notes.zip")


def standard_modules_first_used():
    """The standard library's files imported so far, by the examples, and by a run of Flask."""
    import flask, flask.cli, flask.testing, werkzeug.test

    for name in json.loads(IMPORTS):
        try:
            importlib.import_module(name)
        except ImportError:  # a module this Python lacks, such as _posixsubprocess
            pass

    # The build's loader, shared with the page, loads apps with flask.cli's
    # ScriptInfo, which parses a factory call like "shop:create_app()".
    os.makedirs("/probe/shop", exist_ok=True)
    pathlib.Path("/probe/shop/__init__.py").write_text(
        "from flask import Flask\\ndef create_app():\\n    return Flask(__name__)\\n"
    )
    os.chdir("/probe")
    flask.cli.ScriptInfo(app_import_path="shop:create_app()", set_debug_flag=False).load_app()

    app = flask.Flask("probe")
    app.secret_key = "probe"
    app.debug = True

    @app.get("/")
    def page():
        return flask.render_template_string("<p>{{ text }}</p>", text="<b>")

    @app.post("/form")
    def form():
        flask.flash("saved")
        return flask.redirect(flask.url_for("page"), 303)

    @app.get("/file")
    def file():
        flask.session["seen"] = True
        return flask.send_file(io.BytesIO(b"x"), download_name="file.txt")

    @app.route("/data/<int:number>", methods=["GET", "PUT"])
    def data(number):
        return {"number": number, "args": flask.request.args, "json": flask.request.json}

    client = app.test_client()
    client.get("/")
    client.post("/form", data={"field": "value"})
    client.post("/form", data={"file": (io.BytesIO(b"x"), "file.txt")})
    client.put("/data/3?x=1", json={"a": 1})
    client.get("/missing")
    client.get("/file")
    client.get("/file", headers={"If-None-Match": "x", "Range": "bytes=0-0"})
    client.options("/")
    client.head("/")
    # A frozen module (os, io, site...) is part of Python itself: its file is never read.
    modules = [m for m in list(sys.modules.values()) if getattr(m.__spec__, "origin", 0) != "frozen"]
    files = {getattr(module, "__file__", None) or "" for module in modules}
    return {file.removeprefix(STDLIB + "/") for file in files if file.startswith(STDLIB + "/")}


json.dumps(sorted(standard_modules_first_used()))
`);
pyodide.globals.set("USED", used);
pyodide.runPython("notes_with_bytecode(split_stdlib(json.loads(USED)))");
