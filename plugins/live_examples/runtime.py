"""Assemble the folder of everything a browser needs to run the examples itself.

It holds the Pyodide core from npm (four files), the wheels of Flask and its
dependencies pinned by hash in ``wheels.txt`` (as bytecode that Pyodide
compiled under Node, see ``precompile.mjs``, which also splits the standard
library in two: what the first answer imports, and the rest, fetched when
needed; the sources go to ``python-source/``, for tracebacks), a lockfile
that lists those wheels so Pyodide installs them from the site, the panels' code bundled by
esbuild from ``theme/live/`` (``live-panel.js``, whose entry is ``main.js``,
``live-worker.js``, Pyodide's worker, from ``worker.js``, and ``live-kdf.js``,
hashlib's scrypt and pbkdf2_hmac for the examples that hash passwords, from ``kdf.js``) with their
styles, the editor bundled by esbuild too, and ``notes.zip``: ``browser_runner.py`` and
``panel_logging.py`` with the modules of the shared core the runner imports
(``example_core``) and ``live_stdlib.py``, which Python imports from the zip. The worker is told
the size of each file of its first download (``FIRST_RUN_SIZES``), so its
progress bar's total never changes.
The folder is named after a hash of all its inputs, so its URL changes
whenever its content can, and it is cached: a second build downloads and
bundles nothing. The slow part (wheels, notes.zip and their bytecode) is
cached on its own, so a change to the panels' code or the editor only
bundles them again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from pyodide_lock import PyodideLockSpec
from pyodide_lock.utils import add_wheels_to_spec

from example_core.shipping import CORE, core_files

from .first_imports import first_imports

HERE = Path(__file__).resolve().parent
WHEELS = HERE / "wheels.txt"
BROWSER_RUNNER = HERE / "browser_runner.py"
# Each panel's logging, kept as if its app had a process of its own.
PANEL_LOGGING = HERE / "panel_logging.py"
# The page's import of the rest of the standard library, and of sources for tracebacks.
LIVE_STDLIB = HERE / "live_stdlib.py"
EXAMPLES = Path("examples")
# The panels' own code and styles (in the project), and the rules and known
# differences they share with the build (JSON they import).
PANEL = Path("theme", "live")
SHARED = Path("plugins", "example_core")
SHARED_RULES = (SHARED / "rules.json", SHARED / "differences.json")
# Each bundle of the panels' code: what the runtime calls it, and its entry in PANEL.
# live-kdf.js is apart: the worker imports it only for an example that hashes passwords.
PANEL_BUNDLES = {
    "live-panel.js": "main.js",
    "live-exercises.js": "exercises-page.js",
    "live-worker.js": "worker.js",
    "live-kdf.js": "kdf.js",
}
PANEL_STYLES = "live-panel.css"
PRECOMPILE = HERE / "precompile.mjs"
PYTHON_ZIP = "notes.zip"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
# What the worker fetches before the first answer, besides the wheels: the
# progress bar's total is their size, known before the download starts.
FIRST_RUN = ("pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json", PYTHON_ZIP)
# A wheel built from source stamps its files with this date (the zip format's
# first), so the same source always gives the same wheel bytes.
WHEEL_EPOCH = "315532800"


class RuntimeBuildError(Exception):
    """The runtime could not be assembled; the message says which step failed."""


def _pyodide(node_modules: Path) -> Path:
    folder = node_modules / "pyodide"
    if not (folder / "pyodide.mjs").is_file():
        raise RuntimeBuildError(f"Pyodide is not in {folder}: run `npm ci` first")
    return folder


def _python_files() -> list[Path]:
    """The runner and its logging, the stdlib importer, and the core modules the runner imports."""
    return sorted({BROWSER_RUNNER, PANEL_LOGGING, LIVE_STDLIB, *core_files(BROWSER_RUNNER)})


def _key(paths: list[Path], *extra: bytes) -> str:
    digest = hashlib.sha256()
    for path in paths:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for data in extra:
        digest.update(data)
    return digest.hexdigest()[:12]


def _core_key(project: Path) -> str:
    pyodide_version = _pyodide(project / "node_modules").joinpath("package.json").read_bytes()
    inputs = [
        WHEELS,
        PRECOMPILE,
        HERE / "first_imports.py",
        Path(__file__),
        project / "package-lock.json",
    ]
    inputs += _python_files()
    return _key(inputs, pyodide_version, _first_imports(project))


def _first_imports(project: Path) -> bytes:
    """The standard modules the examples' code imports, as JSON."""
    return json.dumps(first_imports(project / EXAMPLES)).encode()


def _inputs_key(project: Path) -> str:
    editor = sorted((project / "theme" / "editor").rglob("*"))
    panel = _panel_files(project)
    return _key([*editor, *panel], _core_key(project).encode())


def _panel_files(project: Path) -> list[Path]:
    """Every file the panels' bundles are made from, the shared JSON included."""
    sources = (path for path in (project / PANEL).rglob("*") if path.is_file())
    return sorted([*sources, *(project / path for path in SHARED_RULES)])


def prepare_runtime(project: Path, cache: Path) -> Path:
    """Return the runtime folder in ``cache``, assembling it first if needed."""
    folder = cache / "live" / f"runtime-{_inputs_key(project)}"
    if folder.is_dir():
        return folder
    core_folder = cache / "live" / f"core-{_core_key(project)}"
    core = _prepared(core_folder, _assemble_core, project)
    return _prepared(folder, _assemble_runtime, project, core)


def _prepared(folder: Path, assemble: Callable[..., None], *args: Path) -> Path:
    """``folder``, first assembled by ``assemble(scratch, *args)`` if missing.

    The work happens in a scratch folder renamed at the end, so a build that
    stops half-way never leaves a folder that looks complete.
    """
    if folder.is_dir():
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f"{folder.name}.", dir=folder.parent))
    scratch.chmod(0o755)  # mkdtemp's folder is private; the site's server must read this one
    try:
        assemble(scratch, *args)
        scratch.rename(folder)
    except OSError:
        if not folder.is_dir():  # unless another build made the same folder meanwhile
            raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return folder


def _assemble_core(scratch: Path, project: Path) -> None:
    core = _pyodide(project / "node_modules")
    for name in CORE_FILES:
        shutil.copy2(core / name, scratch / name)
    wheels = _fetch_wheels(scratch)
    _write_python_zip(scratch / PYTHON_ZIP)
    (scratch / "first-imports.json").write_bytes(_first_imports(project))
    # The lockfile reads each wheel's modules before they lose their .py; its hashes, after.
    spec = _lock_spec(core, wheels, scratch)
    _run(
        "precompiling the wheels and the standard library with Pyodide",
        ["node", str(PRECOMPILE), str(scratch)],
        cwd=project,
    )
    (scratch / "first-imports.json").unlink()
    for package in spec.packages.values():
        package.sha256 = hashlib.sha256((scratch / package.file_name).read_bytes()).hexdigest()
    spec.to_json(scratch / "pyodide-lock.json", indent=1)


def _assemble_runtime(scratch: Path, project: Path, core: Path) -> None:
    shutil.copytree(core, scratch, dirs_exist_ok=True)
    shutil.copy2(project / PANEL / PANEL_STYLES, scratch / PANEL_STYLES)
    # The worker knows the size of each file of its first download before it starts.
    first_run = [*FIRST_RUN, *(path.name for path in sorted(core.glob("*.whl")))]
    sizes = json.dumps({name: (core / name).stat().st_size for name in first_run})
    for name, entry in PANEL_BUNDLES.items():
        define = [f"--define:FIRST_RUN_SIZES={sizes}"] if entry == "worker.js" else []
        _bundle(f"the panels' {entry}", project, project / PANEL / entry, scratch / name, *define)
    editor = project / "theme" / "editor" / "editor.mjs"
    _bundle("the editor", project, editor, scratch / "editor.js")


def _write_python_zip(target: Path) -> None:
    """The runner and the core, as a zip Python imports from; same bytes every time."""
    with zipfile.ZipFile(target, "w") as archive:
        for path in _python_files():
            name = path.name if path.parent == HERE else f"{CORE.name}/{path.name}"
            archive.writestr(zipfile.ZipInfo(name, ZIP_DATE), path.read_bytes())


def _run(step: str, command: list[str], **kwargs: object) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)
    if result.returncode:
        raise RuntimeBuildError(f"{step} failed:\n{result.stderr.strip()[-2000:]}")


def _fetch_wheels(folder: Path) -> list[Path]:
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    _run(
        "downloading the wheels in wheels.txt",
        [
            *pip,
            "download",
            "--quiet",
            "--no-deps",
            "--require-hashes",
            "--no-binary",
            "markupsafe",
            "-r",
            str(WHEELS),
            "-d",
            str(folder),
        ],
    )
    for source in folder.glob("markupsafe-*.tar.gz"):
        _run(
            "building a pure-Python MarkupSafe wheel",
            [
                *pip,
                "wheel",
                "--quiet",
                "--no-deps",
                "--no-build-isolation",
                "-w",
                str(folder),
                str(source),
            ],
            env={**os.environ, "CC": "false", "SOURCE_DATE_EPOCH": WHEEL_EPOCH},
        )
        source.unlink()
    return sorted(folder.glob("*.whl"))


def _lock_spec(core: Path, wheels: list[Path], folder: Path) -> PyodideLockSpec:
    info = json.loads((core / "pyodide-lock.json").read_text())["info"]
    empty = PyodideLockSpec.from_dict({"info": info, "packages": {}})
    return add_wheels_to_spec(empty, wheels, base_path=folder)


def _bundle(what: str, project: Path, entry: Path, target: Path, *options: str) -> None:
    """Bundle ``entry`` and what it imports into one minified ES module; same bytes every time."""
    esbuild = project / "node_modules" / ".bin" / "esbuild"
    _run(
        f"bundling {what} with esbuild",
        [
            str(esbuild),
            str(entry),
            "--bundle",
            "--format=esm",
            "--minify",
            "--legal-comments=none",
            f"--outfile={target}",
            *options,
        ],
        cwd=project,
    )
