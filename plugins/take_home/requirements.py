"""The take-home ``requirements.txt``: Flask's pins, and the oldest Python they run on."""

from __future__ import annotations

from collections.abc import Iterable
from importlib.metadata import metadata, requires
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version


def flask_requirements(project_requirements: Path, *extra: str) -> tuple[str, str]:
    """Flask's pins from the project's ``requirements.txt``, and the oldest Python they run on.

    The packages are Flask and what it depends on here, read from their
    installed metadata; the pins are copied, never retyped. Returns the
    lines of a ``requirements.txt`` and a version such as ``3.10``. ``extra``
    names packages a download adds (such as ``waitress``), pinned the same way.
    """
    pins = {}
    for line in project_requirements.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            pins[canonicalize_name(Requirement(line).name)] = line.strip()
    needed = sorted(_dependencies("flask").union(*(_dependencies(name) for name in extra)))
    missing = [name for name in needed if name not in pins]
    if missing:
        raise LookupError(f"{project_requirements} pins no version of {', '.join(missing)}")
    lines = sorted((pins[name] for name in needed), key=str.lower)
    return "\n".join(lines) + "\n", _oldest_python(needed)


def _dependencies(name: str) -> set[str]:
    """``name`` and everything it needs on this platform, without extras."""
    found: set[str] = set()
    waiting = [canonicalize_name(name)]
    while waiting:
        current = waiting.pop()
        if current in found:
            continue
        found.add(current)
        for text in requires(current) or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                waiting.append(canonicalize_name(requirement.name))
    return found


def _oldest_python(packages: Iterable[str]) -> str:
    floors = [Version("3")]
    for package in packages:
        for specifier in SpecifierSet(metadata(package).get("Requires-Python") or ""):
            if specifier.operator == ">=":
                floors.append(Version(specifier.version))
    return str(max(floors))
