"""What counts as an example, which files make it, and how students name its app.

An example is a folder under ``examples/`` holding either ``app.py`` (a
module that defines ``app``), or a ``.flaskenv`` file, Flask's own dotenv
file, with a line such as ``FLASK_APP=shop:create_app()``: the value is
exactly what a student passes to ``flask --app`` from inside the folder.
Without that line the app is ``app``, as for ``flask --app app``.

The repository is the boundary: an example's files may be links only to
files inside the repository (the folder holding ``examples/``), so that
nothing from outside is run, shipped or published. ``example_files`` is the
one place that decides, so every use of an example's files gets the check.

This module imports nothing from Flask, so the build process can use it
without paying for Flask.
"""

from __future__ import annotations

from pathlib import Path

from .errors import RunError

DEFAULT_SPEC = "app"
ENV_FILE = ".flaskenv"


def is_example(folder: Path) -> bool:
    """Whether ``folder`` holds an example app: an ``app.py`` or a ``.flaskenv``."""
    return (folder / "app.py").is_file() or (folder / ENV_FILE).is_file()


def find_examples(examples_dir: Path) -> list[Path]:
    """Every example folder directly under ``examples_dir``, sorted by name."""
    if not examples_dir.is_dir():
        return []
    return sorted(folder for folder in examples_dir.iterdir() if is_example(folder))


def example_files(example_dir: Path) -> list[Path]:
    """The files an example is made of, sorted: what it answers from, and what it ships.

    The one rule for the whole project: the cache key, the browser's bundle,
    the notes' stamps, the pinned file times and the student's zip all take
    these files and no others (Python's ``__pycache__`` is left out).
    Raises ``OutsideRepositoryError`` for a link that leads out of the repository.
    """
    paths = [
        path
        for path in example_dir.rglob("*")
        if "__pycache__" not in path.relative_to(example_dir).parts
    ]
    for path in paths:
        check_inside_repository(path, example_dir)
    return sorted(path for path in paths if path.is_file())


class OutsideRepositoryError(RunError):
    """A file of an example that is a link to something outside the repository."""

    def __init__(self, link: str) -> None:
        super().__init__(f"{link} leads outside the repository (a link?): refused", None)
        self.link = link


def check_inside_repository(path: Path, example_dir: Path) -> None:
    """Raise ``OutsideRepositoryError`` if ``path`` (in ``example_dir``) leads out of it.

    The repository is the folder that holds the examples' folder. A link
    inside it (to a file another example shares, say) is fine.
    """
    repository = example_dir.resolve().parent.parent
    if not path.resolve().is_relative_to(repository):
        name = path.relative_to(example_dir).as_posix()
        raise OutsideRepositoryError(f"{example_dir.parent.name}/{example_dir.name}/{name}")


def app_spec(folder: Path) -> str:
    """What ``flask --app`` needs to find the example's app, such as ``shop:create_app()``.

    It is the value of ``FLASK_APP`` in the folder's ``.flaskenv`` (quotes
    removed, as python-dotenv removes them), or ``app``.
    """
    env_file = folder / ENV_FILE
    if env_file.is_file():
        for line in env_file.read_text(encoding="utf-8").splitlines():
            name, equals, value = line.strip().removeprefix("export ").partition("=")
            if equals and name.strip() == "FLASK_APP" and value.strip():
                return _unquoted(value.strip())
    return DEFAULT_SPEC


def describe_app(folder: Path) -> str:
    """How messages name the app: ``app.py``, or ``--app shop:create_app()``."""
    spec = app_spec(folder)
    return "app.py" if spec == DEFAULT_SPEC else f"--app {spec}"


def _unquoted(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value
