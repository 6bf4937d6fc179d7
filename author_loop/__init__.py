"""The author's loop: rebuild the site whenever anything a page depends on changes.

``invoke regenerate`` rebuilds; ``invoke livereload`` also serves ``output/``
and reloads the open pages after each build. Both watch the notes, the
examples, the theme and the settings file, and build the way ``invoke
build`` does (into a scratch folder swapped in only if nothing failed),
with Pelican's content cache on: a note is read again only when the note
or an example it uses changed (``site_build.dependencies``).

After a failed build the terminal shows the same messages as ``invoke
build``, ``output/`` keeps the last good build, and every page served by
``livereload`` shows the messages in a banner until a build succeeds. The
banner is added by the server as it sends a page, so it is never in
``output/``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import watchfiles
from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler, StaticFileHandler
from tornado import web
from tornado.ioloop import IOLoop

# Builds the site with the content cache; True for a build that may not reuse
# it. Returns the problems logged, one message each, as the terminal shows them.
Build = Callable[[bool], list[str]]
# The banner asks for the status beside its own URL.
STATUS_URL = "/_author_loop/status"
BANNER_URL = "/_author_loop/banner.js"
BANNER_SCRIPT = Path(__file__).with_name("banner.js")


@dataclass(frozen=True)
class Watched:
    """What the loop watches: whole folders, and single files (such as the settings)."""

    folders: tuple[Path, ...]
    files: tuple[Path, ...]


@dataclass
class Outcome:
    """How the last build went: its problems (none if it succeeded) and how long it took."""

    problems: list[str]
    seconds: float
    changed: list[Path] = field(default_factory=list)


def watched_paths(settings: dict, settings_file: Path) -> Watched:
    """The notes, the examples, the exercises' solutions, the theme, and the settings file."""
    content = Path(settings["PATH"])
    examples = Path(settings.get("EXAMPLES_PATH") or content.parent / "examples")
    solutions = examples.parent / "solutions"
    watched = (content, examples, solutions, Path(settings["THEME"]))
    folders = tuple(p.resolve() for p in watched if p.is_dir())
    return Watched(folders=folders, files=(settings_file.resolve(),))


class ChangeWatcher:
    """Collects changed files from the file system, as batches, in a queue.

    Folders are watched recursively. A single file is watched through its
    folder, not recursively: editors that save by writing a new file and
    renaming it over the old one would otherwise end the watch.
    """

    def __init__(self, watched: Watched) -> None:
        self._batches: queue.Queue[set[Path]] = queue.Queue()
        self._stop = threading.Event()
        self._digests = {path: _digest(path) for path in _files(watched)}
        self._new_folders: list[Path] = []
        self._watch(watched.folders, recursive=True, only=None)
        for folder in sorted({f.parent for f in watched.files}):
            names = {f for f in watched.files if f.parent == folder}
            self._watch((folder,), recursive=False, only=names)

    def _watch(self, paths: Iterable[Path], recursive: bool, only: set[Path] | None) -> None:
        def keep(change: watchfiles.Change, path: str) -> bool:
            return watchfiles.DefaultFilter()(change, path) and (only is None or Path(path) in only)

        def run() -> None:
            for batch in watchfiles.watch(
                *paths, watch_filter=keep, recursive=recursive, stop_event=self._stop
            ):
                self._batches.put({Path(path) for _, path in batch})

        threading.Thread(target=run, name="author-loop-watch", daemon=True).start()

    def next_changes(self) -> list[Path]:
        """Wait for files whose content really changed (or that appeared or went).

        A file whose bytes are as they were is no change: the build itself
        resets the modification times of example files, and some editors
        touch a file without changing it.
        """
        missed = self._missed_in_new_folders()
        if missed:
            return missed
        while True:
            changed = set(self._batches.get())
            while not self._batches.empty():
                changed |= self._batches.get()
            real = sorted(path for path in changed if self._content_changed(path))
            if real:
                self._new_folders = [path for path in real if path.is_dir()]
                for folder in self._new_folders:
                    for path in _files_under(folder):
                        self._content_changed(path)
                return real

    def _missed_in_new_folders(self) -> list[Path]:
        """Files written into a new folder before its watch began, and after the last look.

        The watch of a new folder (a copied example, say) starts a moment
        after the folder appears, so the files written into it meanwhile
        raise no event. The build that followed saw the ones there when it
        started; this finds any that came later.
        """
        folders, self._new_folders = self._new_folders, []
        return [
            path
            for folder in folders
            for path in _files_under(folder)
            if self._content_changed(path)
        ]

    def _content_changed(self, path: Path) -> bool:
        digest = _digest(path)
        previous = self._digests.get(path, "unknown")
        self._digests[path] = digest
        return digest != previous or path.is_dir()

    def stop(self) -> None:
        """End the watching threads."""
        self._stop.set()


def _files(watched: Watched) -> list[Path]:
    """Every file watched now."""
    found = [f for f in watched.files if f.is_file()]
    for folder in watched.folders:
        found += _files_under(folder)
    return found


def _files_under(folder: Path) -> list[Path]:
    """The files in ``folder`` and below that the watch reports on."""
    keep = watchfiles.DefaultFilter()
    return [p for p in folder.rglob("*") if p.is_file() and keep(watchfiles.Change.added, str(p))]


def _digest(path: Path) -> str | None:
    """A digest of a file's bytes; None if it is not a file (any more)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    except OSError:
        return None


class Rebuilder:
    """Runs one build at a time and remembers how the last one went."""

    def __init__(self, build: Build, settings_file: Path) -> None:
        self._build = build
        self._settings_file = settings_file.resolve()
        self.last = Outcome(problems=[], seconds=0.0)

    def rebuild(self, changed: list[Path]) -> Outcome:
        """Build after ``changed``; a changed settings file also means a fresh content cache."""
        started = time.perf_counter()
        problems = self._build(self._settings_file in changed)
        self.last = Outcome(problems, time.perf_counter() - started, changed)
        print(describe(self.last), flush=True)
        return self.last


def describe(outcome: Outcome) -> str:
    """The line the terminal shows after a build."""
    changed = ", ".join(path.name for path in outcome.changed) or "start"
    if outcome.problems:
        return (
            f"Build failed after {changed} ({len(outcome.problems)} problem(s) above); "
            "output/ keeps the last good build. Waiting for a change..."
        )
    return f"Rebuilt in {outcome.seconds:.2f} s after {changed}. Waiting for a change..."


def regenerate(build: Build, settings_file: Path, watched: Watched) -> None:
    """Build now, then again after every change, until interrupted."""
    rebuilder = Rebuilder(build, settings_file)
    watcher = ChangeWatcher(watched)
    rebuilder.rebuild([])
    try:
        while True:
            rebuilder.rebuild(watcher.next_changes())
    except KeyboardInterrupt:
        print("Stopped.")
    finally:
        watcher.stop()


def livereload(
    build: Build, settings_file: Path, watched: Watched, output: Path, host: str, port: int
) -> None:
    """Build, serve ``output`` at ``host:port``, and rebuild and reload the pages on changes."""
    rebuilder = Rebuilder(build, settings_file)
    try:
        application(output, rebuilder).listen(port, address=host)
    except OSError as error:
        message = f"Cannot serve on {host}:{port} ({error.strerror}); choose a port with --port."
        raise SystemExit(message) from None
    watcher = ChangeWatcher(watched)
    rebuilder.rebuild([])
    loop = IOLoop.current()

    def rebuild_forever() -> None:
        while True:
            changed = watcher.next_changes()
            rebuilder.rebuild(changed)
            loop.add_callback(reload_pages)

    _livereload_logging()
    print(f"Serving at http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    threading.Thread(target=rebuild_forever, name="author-loop-build", daemon=True).start()
    try:
        loop.start()
    except KeyboardInterrupt:
        print("Stopped.")
    finally:
        watcher.stop()


def reload_pages() -> None:
    """Tell every open page to reload, in LiveReload's protocol.

    Always the whole page: a changed stylesheet or image has a new URL.
    """
    message = {"command": "reload", "path": "*", "liveCSS": False, "liveImg": False}
    for page in list(LiveReloadHandler.waiters):
        page.send_message(message)


def application(output: Path, rebuilder: Rebuilder) -> web.Application:
    """The server: ``output/``, with our scripts in each page; LiveReload's socket and client."""

    class StatusHandler(web.RequestHandler):
        def get(self) -> None:
            self.set_header("Cache-Control", "no-store")
            self.set_header("Content-Type", "application/json")
            self.write(json.dumps({"problems": rebuilder.last.problems}))

    return web.Application(
        [
            (r"/livereload", LiveReloadHandler),
            (r"/livereload.js", LiveReloadJSHandler),
            (STATUS_URL, StatusHandler),
            (BANNER_URL, BannerHandler),
            (r"/(.*)", FreshFileHandler, {"path": str(output), "default_filename": "index.html"}),
        ],
        transforms=[PageScripts],
    )


class BannerHandler(web.RequestHandler):
    """Sends ``banner.js``, the script that shows the last build's problems in the page."""

    def get(self) -> None:
        """The script, read afresh each time."""
        self.set_header("Content-Type", "text/javascript")
        self.set_header("Cache-Control", "no-cache")
        self.write(BANNER_SCRIPT.read_bytes())


class FreshFileHandler(StaticFileHandler):
    """LiveReload's file handler, which always sends the whole file, and says so.

    ``no-cache`` makes the browser ask again each time, so a page opened
    by a link after a rebuild is never an older copy from its cache.
    """

    def set_extra_headers(self, path: str) -> None:
        """Every response must be revalidated."""
        self.set_header("Cache-Control", "no-cache")


# LiveReload's client, as LiveReload's own server adds it, and the banner; both
# run only in the pages this server sends. Module scripts run once the page is parsed.
PAGE_SCRIPTS = (
    '<script src="/livereload.js" defer></script>'
    f'<script type="module" src="{BANNER_URL}"></script>'
).encode()


class PageScripts(web.OutputTransform):
    """Adds ``PAGE_SCRIPTS`` before ``</head>`` in every HTML page the server sends."""

    def transform_first_chunk(self, status_code, headers, chunk, finishing):
        """Insert the scripts into the first chunk, which holds the head of our pages."""
        if "html" in headers.get("Content-Type", "") and b"</head>" in chunk:
            chunk = chunk.replace(b"</head>", PAGE_SCRIPTS + b"</head>", 1)
            if "Content-Length" in headers:
                headers["Content-Length"] = str(int(headers["Content-Length"]) + len(PAGE_SCRIPTS))
        return status_code, headers, chunk


def _livereload_logging() -> None:
    """Show LiveReload's own news (a browser connected, pages reloaded) in the terminal."""
    channel = logging.StreamHandler()
    channel.setFormatter(logging.Formatter("livereload: %(message)s"))
    livereload_logger = logging.getLogger("livereload")
    livereload_logger.setLevel(logging.INFO)
    livereload_logger.addHandler(channel)
    livereload_logger.propagate = False
