"""Assemble the folder of everything a browser needs to run the examples itself.

It holds the Pyodide core from npm (four files), the wheels of Flask and its
dependencies pinned by hash in ``wheels.txt`` (with bytecode that Pyodide
compiled under Node, see ``precompile.mjs``, as it did for the parts of the
standard library that Flask uses), a lockfile that lists those
wheels so Pyodide installs them from the site, the editor bundled by esbuild,
and ``browser_runner.py``. The folder is named after a hash of all its
inputs, so its URL changes whenever its content can, and it is cached: a
second build downloads and bundles nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pyodide_lock import PyodideLockSpec
from pyodide_lock.utils import add_wheels_to_spec

HERE = Path(__file__).resolve().parent
WHEELS = HERE / "wheels.txt"
BROWSER_RUNNER = HERE / "browser_runner.py"
PRECOMPILE = HERE / "precompile.mjs"
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
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


def _inputs_key(project: Path) -> str:
    node_modules = project / "node_modules"
    digest = hashlib.sha256()
    for path in [
        WHEELS,
        BROWSER_RUNNER,
        PRECOMPILE,
        project / "package-lock.json",
        *sorted((project / "theme" / "editor").rglob("*")),
    ]:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(_pyodide(node_modules).joinpath("package.json").read_bytes())
    return digest.hexdigest()[:12]


def prepare_runtime(project: Path, cache: Path) -> Path:
    """Return the runtime folder in ``cache``, assembling it first if needed."""
    folder = cache / "live" / f"runtime-{_inputs_key(project)}"
    if folder.is_dir():
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="runtime.", dir=folder.parent))
    try:
        core = _pyodide(project / "node_modules")
        for name in CORE_FILES:
            shutil.copy2(core / name, scratch / name)
        wheels = _fetch_wheels(scratch)
        _run(
            "precompiling the wheels and the standard library with Pyodide",
            ["node", str(PRECOMPILE), str(scratch)],
            cwd=project,
        )
        _write_lockfile(core, wheels, scratch)
        _bundle_editor(project, scratch / "editor.js")
        shutil.copy2(BROWSER_RUNNER, scratch / BROWSER_RUNNER.name)
        scratch.rename(folder)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return folder


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


def _write_lockfile(core: Path, wheels: list[Path], folder: Path) -> None:
    info = json.loads((core / "pyodide-lock.json").read_text())["info"]
    spec = add_wheels_to_spec(
        PyodideLockSpec.from_dict({"info": info, "packages": {}}), wheels, base_path=folder
    )
    spec.to_json(folder / "pyodide-lock.json", indent=1)


def _bundle_editor(project: Path, target: Path) -> None:
    esbuild = project / "node_modules" / ".bin" / "esbuild"
    _run(
        "bundling the editor with esbuild",
        [
            str(esbuild),
            str(project / "theme" / "editor" / "editor.mjs"),
            "--bundle",
            "--format=esm",
            "--minify",
            "--legal-comments=none",
            f"--outfile={target}",
        ],
        cwd=project,
    )
