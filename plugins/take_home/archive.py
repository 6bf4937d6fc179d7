"""Pack each example as a download a student runs at home: ``examples/<name>.zip``.

The zip holds one folder named after the example: its files exactly as the
build ran them (``example_core.examples.example_files``), ``requirements.txt``
(see ``requirements``), ``requests.http`` (see ``requests_file``) and
``README.txt`` (see ``readme``), and what checks it with ``pytest``
(see ``self_check``). Its bytes depend only on those inputs and
the build's moment: entries sorted, every timestamp that moment,
permissions fixed.
"""

from __future__ import annotations

import io
import struct
import time
import zipfile
from pathlib import Path

from example_core.examples import example_files

from .readme import Download, readme
from .requests_file import requests_http
from .self_check import CHECK_FILE, CORE_FOLDER, PAGES_FILE, check_files, pages_json
from .serving import address_of

FOLDER = "examples"
# The files a download adds to the example's own.
ADDED_FILES = ("README.txt", "requirements.txt", "requests.http", CHECK_FILE, PAGES_FILE)
ADDED_FOLDER = CORE_FOLDER.split("/")[0]
FILE_MODE = 0o644
FOLDER_MODE = 0o755
# Info-ZIP's "extended timestamp" field: the time in UTC, which unzip restores
# whatever the student's time zone (the DOS time of a zip entry has none).
EXTENDED_TIMESTAMP = 0x5455


def download_path(example: str) -> str:
    """Where an example's zip lives in the output, such as ``examples/caching.zip``."""
    return f"{FOLDER}/{example}.zip"


def zip_bytes(download: Download, epoch: int) -> bytes:
    """The zip of one example: the same bytes for the same inputs and moment."""
    example_dir = download.example_dir
    name = example_dir.name
    files: dict[str, bytes] = {}
    for path in example_files(example_dir):
        files[path.relative_to(example_dir).as_posix()] = path.read_bytes()
    clashes = sorted(
        name for name in files if name in ADDED_FILES or name.split("/")[0] == ADDED_FOLDER
    )
    if clashes:
        raise ValueError(f"example {name!r} has its own {', '.join(clashes)}; rename it")
    files[PAGES_FILE] = pages_json(name, sorted(files), epoch, download.shown, download.answers)
    files.update(check_files())
    files["README.txt"] = readme(download).encode()
    files["requirements.txt"] = download.requirements.encode()
    files["requests.http"] = requests_http(
        name, download.shown, address_of(download.server), download.run_on
    ).encode()
    return pack(name, files, epoch)


def pack(name: str, files: dict[str, bytes], epoch: int) -> bytes:
    """A zip of one folder ``name`` holding ``files`` (by relative path), dated ``epoch``."""
    folders = {f"{name}/"} | {
        f"{name}/{'/'.join(parts[:depth])}/"
        for parts in (relative.split("/") for relative in files)
        for depth in range(1, len(parts))
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for entry in sorted(folders | {f"{name}/{relative}" for relative in files}):
            is_folder = entry.endswith("/")
            data = b"" if is_folder else files[entry[len(name) + 1 :]]
            archive.writestr(_entry_info(entry, epoch, is_folder), data)
    return buffer.getvalue()


def _entry_info(name: str, epoch: int, is_folder: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=time.gmtime(max(epoch, 315532800))[:6])
    info.create_system = 3  # Unix, so that the permissions below count
    if is_folder:
        info.external_attr = (0o040000 | FOLDER_MODE) << 16 | 0x10  # and MS-DOS's folder bit
        info.compress_type = zipfile.ZIP_STORED
    else:
        info.external_attr = (0o100000 | FILE_MODE) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
    info.extra = struct.pack("<HHBl", EXTENDED_TIMESTAMP, 5, 1, epoch)
    return info


def write_download(download: Download, epoch: int, output: Path) -> Path:
    """Write one example's zip into the output; return its path."""
    target = output / download_path(download.example_dir.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(zip_bytes(download, epoch))
    return target
