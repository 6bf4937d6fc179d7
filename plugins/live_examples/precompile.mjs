// Adds compiled bytecode to the runtime folder's wheels and to the parts of
// Python's standard library that Flask uses, compiled by Pyodide itself (so
// it matches the Python the browser runs), to spare the browser that work.
//
// Usage: node precompile.mjs <runtime folder>
// The folder holds the wheels and Pyodide's python_stdlib.zip. Each .py in a
// wheel gets a __pycache__/*.pyc; each standard module that installing the
// wheels and running Flask's test client need (found by doing both, here)
// gets a .pyc beside its .py in the zip, where Python's zip importer looks,
// and so does each module of notes.zip (the runner and the shared core).
// Every .pyc is based on a hash, not on a date, and every zip is rewritten
// with its entries sorted and dated 1980-01-01, so the same inputs always
// give the same bytes.
import fs from "node:fs";
import path from "node:path";
import { loadPyodide } from "pyodide";

const folder = path.resolve(process.argv[2]);
const pyodide = await loadPyodide({ stdout: () => {}, stderr: (text) => console.error(text) });
pyodide.FS.mkdir("/runtime");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: folder }, "/runtime");
pyodide.runPython(`
import importlib.util
import io
import marshal
import os
import pathlib
import sys
import zipfile

EPOCH = (1980, 1, 1, 0, 0, 0)
RUNTIME = pathlib.Path("/runtime")
WHEELS = sorted(RUNTIME.glob("*.whl"))
# Where this Python finds its standard library, as the browser's does.
STDLIB = os.path.dirname(os.__file__)


def compiled(filename, source):
    code = compile(source, filename, "exec", dont_inherit=True)
    # Flags 1: a hash-based .pyc that is not checked against its source, so no
    # date can make it stale; the source in these zips never changes.
    header = importlib.util.MAGIC_NUMBER + (1).to_bytes(4, "little")
    header += importlib.util.source_hash(source)
    return header + marshal.dumps(code)


def rewrite(path, add_bytecode):
    with zipfile.ZipFile(path) as original:
        entries = {info.filename: original.read(info) for info in original.infolist()}
    entries |= add_bytecode(entries)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as rewritten:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            rewritten.writestr(info, entries[name])
    path.write_bytes(buffer.getvalue())


def wheel_bytecode(entries):
    return {
        importlib.util.cache_from_source(name): compiled(name, data)
        for name, data in entries.items()
        if name.endswith(".py") and ".dist-info/" not in name
    }


def standard_modules_flask_uses():
    """The standard library's files imported so far, and by a run of Flask."""
    import base64, json, random, time, traceback, typing  # as browser_runner.py does
    import shlex, subprocess, dataclasses, importlib.resources  # as the core, in notes.zip, does
    import flask, flask.cli, flask.testing, werkzeug.test

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

    @app.route("/data/<int:number>", methods=["GET", "PUT"])
    def data(number):
        return {"number": number, "args": flask.request.args, "json": flask.request.json}

    client = app.test_client()
    client.get("/")
    client.post("/form", data={"field": "value"})
    client.post("/form", data={"file": (io.BytesIO(b"x"), "file.txt")})
    client.put("/data/3?x=1", json={"a": 1})
    client.get("/missing")
    client.options("/")
    client.head("/")
    files = {getattr(module, "__file__", None) or "" for module in list(sys.modules.values())}
    return {file.removeprefix(STDLIB + "/") for file in files if file.startswith(STDLIB + "/")}


def stdlib_bytecode(entries):
    return {
        name + "c": compiled(f"{STDLIB}/{name}", entries[name])
        for name in sorted(standard_modules_flask_uses())
        if name in entries
    }


def notes_bytecode(entries):
    # Where the browser's worker puts notes.zip, so tracebacks name the files.
    return {
        name + "c": compiled(f"/home/pyodide/notes.zip/{name}", data)
        for name, data in entries.items()
        if name.endswith(".py")
    }


for wheel in WHEELS:
    rewrite(wheel, wheel_bytecode)
rewrite(RUNTIME / "notes.zip", notes_bytecode)
`);
// Installing the wheels as the browser does imports the package loader's modules.
const wheels = fs.readdirSync(folder).filter((name) => name.endsWith(".whl"));
await pyodide.loadPackage(
  wheels.sort().map((name) => path.join(folder, name)),
  { messageCallback: () => {} },
);
pyodide.runPython(`rewrite(RUNTIME / "python_stdlib.zip", stdlib_bytecode)`);
