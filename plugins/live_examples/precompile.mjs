// Adds compiled bytecode to the wheels in a folder, compiled by Pyodide itself
// (so it matches the Python the browser runs), to spare the browser that work.
//
// Usage: node precompile.mjs <folder of wheels>
// Each .py gets a __pycache__/*.pyc based on a hash, not on a date, and each
// wheel is rewritten with its entries sorted and dated 1980-01-01, so the same
// wheel always gives the same bytes.
import { loadPyodide } from "pyodide";

const folder = process.argv[2];
const pyodide = await loadPyodide({ stdout: () => {}, stderr: (text) => console.error(text) });
pyodide.FS.mkdir("/wheels");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: folder }, "/wheels");
pyodide.runPython(`
import importlib.util
import io
import pathlib
import zipfile

EPOCH = (1980, 1, 1, 0, 0, 0)


def compiled(name, source):
    code = compile(source, name, "exec", dont_inherit=True)
    # Flags 1: a hash-based .pyc that is not checked against its source, so no
    # date can make it stale; the source in a wheel never changes.
    header = importlib.util.MAGIC_NUMBER + (1).to_bytes(4, "little")
    header += importlib.util.source_hash(source)
    return header + __import__("marshal").dumps(code)


for wheel in sorted(pathlib.Path("/wheels").glob("*.whl")):
    with zipfile.ZipFile(wheel) as original:
        entries = {info.filename: original.read(info) for info in original.infolist()}
    for name, data in list(entries.items()):
        if name.endswith(".py") and ".dist-info/" not in name:
            entries[importlib.util.cache_from_source(name)] = compiled(name, data)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as rewritten:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            rewritten.writestr(info, entries[name])
    wheel.write_bytes(buffer.getvalue())
`);
