"""The take-home ``requirements.txt``: Flask's pins, and the oldest Python they run on."""

from __future__ import annotations

from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, metadata, requires
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

# The newest Python 3 whose markers are read (3.15), and the systems students use.
NEWEST_MINOR = 15
SYSTEMS = (
    {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix"},
    {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix"},
    {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt"},
)


def flask_requirements(project_requirements: Path, *extra: str) -> tuple[str, str]:
    """Flask's pins from the project's ``requirements.txt``, and the oldest Python they run on.

    The packages are Flask and what it depends on, read from their installed
    metadata: on every Python from the oldest named to the newest and on
    every common system, so that a student on Python 3.10 or on Windows gets
    a pin for each package pip installs there too. A package only some of
    them need keeps its environment marker (``; python_version < "3.11"``).
    The pins are copied, never retyped. Returns the lines of a
    ``requirements.txt`` and a version such as ``3.10``. ``extra`` names
    packages a download adds (such as ``waitress``), pinned the same way.
    """
    pins = {}
    for line in project_requirements.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            pins[canonicalize_name(Requirement(line).name)] = line.partition(";")[0].strip()
    roots = ["flask", *extra]
    oldest = _oldest_python(_dependencies(roots, [{"extra": ""}]))
    needed = _dependencies(roots, _environments(oldest))
    missing = [name for name in sorted(needed) if name not in pins]
    if missing:
        raise LookupError(f"{project_requirements} pins no version of {', '.join(missing)}")
    lines = sorted(
        (pins[name] + (f"; {needed[name]}" if needed[name] else "") for name in needed),
        key=str.lower,
    )
    return "\n".join(lines) + "\n", str(oldest)


def _environments(oldest: Version) -> list[dict[str, str]]:
    """Each Python from ``oldest`` on, on each common system, as markers read them."""
    return [
        {**system, "python_version": f"3.{minor}", "python_full_version": f"3.{minor}.0"}
        for minor in range(oldest.minor, NEWEST_MINOR + 1)
        for system in SYSTEMS
    ]


def _dependencies(roots: list[str], environments: list[dict[str, str]]) -> dict[str, str | None]:
    """Each package ``roots`` need in some environment, without extras, with its marker.

    The marker is None for a package every environment needs. A requirement
    whose marker no environment meets (an extra, or Pythons older than the
    oldest named) is left out.
    """
    found: dict[str, str | None] = {}
    waiting: list[tuple[str, str | None]] = [(canonicalize_name(name), None) for name in roots]
    while waiting:
        current, marker = waiting.pop()
        if current in found and (found[current] is None or found[current] == marker):
            continue
        found[current] = _either(found[current], marker) if current in found else marker
        for text in _requirements_of(current):
            requirement = Requirement(text)
            condition = requirement.marker
            if condition is not None and not any(
                condition.evaluate({**env, "extra": ""}) for env in environments
            ):
                continue
            if condition is not None and all(
                condition.evaluate({**env, "extra": ""}) for env in environments
            ):
                condition = None
            child = _both(marker, str(condition) if condition is not None else None, environments)
            waiting.append((canonicalize_name(requirement.name), child))
    return found


def _requirements_of(package: str) -> list[str]:
    """What ``package`` requires, from its installed metadata.

    A package for another system only (``colorama``, pinned in the project's
    ``requirements.txt`` with ``; sys_platform == "win32"``) is not installed
    here; it is taken to require nothing, as ``colorama`` does. It is not
    installed on purpose: Werkzeug's log handler strips a terminal's colours
    through it when it is there.
    """
    try:
        return requires(package) or []
    except PackageNotFoundError:
        return []


def _both(first: str | None, second: str | None, environments: list[dict[str, str]]) -> str | None:
    """The marker of a requirement met only when both are (None: always), in its shortest form.

    ``python_version < "3.11"`` and ``python_version < "3.13"`` is met where
    the first is: that is the marker given.
    """
    if first is None or second is None:
        return first or second
    both = f"({first}) and ({second})"
    met = [Marker(both).evaluate({**env, "extra": ""}) for env in environments]
    for simpler in (first, second):
        if [Marker(simpler).evaluate({**env, "extra": ""}) for env in environments] == met:
            return simpler
    return both


def _either(first: str | None, second: str | None) -> str | None:
    """The marker of a package needed when either is met (None: always)."""
    if first is None or second is None:
        return None
    return f"({first}) or ({second})"


def _oldest_python(packages: Iterable[str]) -> Version:
    floors = [Version("3")]
    for package in packages:
        for specifier in SpecifierSet(metadata(package).get("Requires-Python") or ""):
            if specifier.operator == ">=":
                floors.append(Version(specifier.version))
    return max(floors)
