"""Bundle each example's files for the browser, from the same folder the build ran.

A bundle is one JSON file: the example's files (text, or base64 for binary
files) and the moment the build pretends to run at. Its name holds a hash of
its content, so it can be cached for good.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from .examples import find_examples

FOLDER = "live/examples"


def bundle_bytes(example_dir: Path, epoch: int) -> bytes:
    """The JSON bundle of one example, always the same bytes for the same files."""
    files: dict[str, dict[str, str]] = {}
    for path in sorted(example_dir.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        data = path.read_bytes()
        try:
            entry = {"text": data.decode("utf-8")}
        except UnicodeDecodeError:
            entry = {"base64": base64.b64encode(data).decode()}
        files[path.relative_to(example_dir).as_posix()] = entry
    bundle = {"example": example_dir.name, "epoch": epoch, "files": files}
    return json.dumps(bundle, sort_keys=True, ensure_ascii=False).encode()


def bundle_path(example_dir: Path, epoch: int) -> str:
    """Where the bundle lives in the output, such as ``live/examples/routes.1a2b3c4d5e.json``."""
    digest = hashlib.sha256(bundle_bytes(example_dir, epoch)).hexdigest()[:10]
    return f"{FOLDER}/{example_dir.name}.{digest}.json"


def write_bundles(examples: Path, epoch: int, output: Path) -> None:
    """Write the bundle of every example into ``output``."""
    for example_dir in find_examples(examples):
        target = output / bundle_path(example_dir, epoch)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(bundle_bytes(example_dir, epoch))
