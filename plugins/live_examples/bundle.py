"""What the live panels fetch: each example's files, and each block's requests and answers.

A bundle is one JSON file: the example's files (text, or base64 for binary
files) and the moment the build pretends to run at. A block file holds the
block's requests as the author wrote them (references unresolved, bodies as
the bytes the build sent) and every response the build got, all headers
included, so that the panel can replay the block and compare. Each file's
name holds a hash of its content, so it can be cached for good.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from example_core.examples import example_files, find_examples
from example_core.model import Exchange
from example_core.parse import ExchangeBlock
from example_core.wire import request_json, response_json

FOLDER = "live/examples"
BLOCKS_FOLDER = "live/blocks"


def bundle_bytes(example_dir: Path, epoch: int) -> bytes:
    """The JSON bundle of one example, always the same bytes for the same files."""
    files: dict[str, dict[str, str]] = {}
    for path in example_files(example_dir):
        data = path.read_bytes()
        try:
            entry = {"text": data.decode("utf-8")}
        except UnicodeDecodeError:
            entry = {"base64": base64.b64encode(data).decode()}
        files[path.relative_to(example_dir).as_posix()] = entry
    bundle = {"example": example_dir.name, "epoch": epoch, "files": files}
    return json.dumps(bundle, sort_keys=True, ensure_ascii=False).encode()


def bundle_file(example_dir: Path, epoch: int) -> tuple[str, bytes]:
    """An example's bundle: where it lives in the output, and its bytes."""
    data = bundle_bytes(example_dir, epoch)
    digest = hashlib.sha256(data).hexdigest()[:10]
    return f"{FOLDER}/{example_dir.name}.{digest}.json", data


def bundle_path(example_dir: Path, epoch: int) -> str:
    """Where the bundle lives in the output, such as ``live/examples/routes.1a2b3c4d5e.json``."""
    return bundle_file(example_dir, epoch)[0]


def write_bundles(examples: Path, epoch: int, output: Path) -> None:
    """Write the bundle of every example into ``output``."""
    for example_dir in find_examples(examples):
        path, data = bundle_file(example_dir, epoch)
        (output / path).parent.mkdir(parents=True, exist_ok=True)
        (output / path).write_bytes(data)


def block_bytes(block: ExchangeBlock, exchanges: list[Exchange], bundle: str) -> bytes:
    """The JSON file of one block: ``bundle`` (the example's URL), its requests and answers."""
    data = {
        "example": block.example,
        "bundle": bundle,
        "debug": block.debug,
        "requests": [request_json(request) for request in block.requests],
        "responses": [response_json(e.response) for e in exchanges],
    }
    return json.dumps(data, sort_keys=True, ensure_ascii=False).encode()


def block_path(data: bytes) -> str:
    """Where a block file lives in the output, such as ``live/blocks/1a2b3c4d5e6f.json``."""
    return f"{BLOCKS_FOLDER}/{hashlib.sha256(data).hexdigest()[:12]}.json"
