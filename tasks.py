"""Invoke tasks: Pelican's usual set, plus ``test``, ``example`` and ``bench``.

``build`` writes the site into a fresh folder and swaps it in only when the
build had no error, so a failed build never destroys the previous ``output/``.
"""

from __future__ import annotations

import logging
import os
import shlex
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from invoke import Exit, task
from pelican.log import init as init_logging
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file, read_settings

if TYPE_CHECKING:
    import author_loop

HERE = Path(__file__).resolve().parent
# The plugins' packages, importable by one name each, as Pelican imports them.
sys.path.insert(0, str(HERE / "plugins"))

from example_core.examples import find_examples, is_example  # noqa: E402
from site_build.build import MESSAGE_FORMAT, build_site, build_site_problems  # noqa: E402

SETTINGS_FILE_BASE = "pelicanconf.py"
# The author's loop reuses what Pelican read before, for the notes whose
# examples did not change either (see plugins/site_build/dependencies.py).
CONTENT_CACHE = {"CACHE_CONTENT": True, "CONTENT_CACHING_LAYER": "reader"}
SETTINGS = {**DEFAULT_CONFIG, **get_settings_from_file(str(HERE / SETTINGS_FILE_BASE))}

CONFIG = {
    "settings_base": SETTINGS_FILE_BASE,
    "settings_publish": "publishconf.py",
    "deploy_path": SETTINGS["OUTPUT_PATH"],
    # rsync target for `publish`; set these in the environment.
    "ssh_user": os.environ.get("PUBLISH_SSH_USER", ""),
    "ssh_host": os.environ.get("PUBLISH_SSH_HOST", ""),
    "ssh_port": os.environ.get("PUBLISH_SSH_PORT", "22"),
    "ssh_path": os.environ.get("PUBLISH_SSH_PATH", ""),
    "github_pages_branch": "gh-pages",
    "host": "localhost",
    "port": 8000,
}


def _log_to_terminal() -> None:
    console = logging.StreamHandler()
    console.setFormatter(logging.Formatter(MESSAGE_FORMAT))
    init_logging(level=logging.WARNING, handler=console)


def _build(settings_file: str) -> None:
    _log_to_terminal()
    errors = build_site(HERE / settings_file, HERE / CONFIG["deploy_path"])
    if errors:
        raise Exit(f"Build failed: {errors} problem(s) above; output/ was left as it was.", code=1)
    print(f"Built the site into {CONFIG['deploy_path']}/")


@task
def clean(c):
    """Remove generated files."""
    shutil.rmtree(HERE / CONFIG["deploy_path"], ignore_errors=True)


@task
def build(c):
    """Build the local version of the site into output/."""
    _build(CONFIG["settings_base"])


@task
def rebuild(c):
    """`clean`, then `build`."""
    clean(c)
    build(c)


def _loop_build(fresh_cache: bool) -> list[str]:
    """One build of the author's loop: ``build``, with the content cache."""
    override = {**CONTENT_CACHE, "LOAD_CONTENT_CACHE": not fresh_cache}
    settings_file = HERE / CONFIG["settings_base"]
    return build_site_problems(settings_file, HERE / CONFIG["deploy_path"], override)


def _loop_watched() -> author_loop.Watched:
    # Imported here, as in the loop tasks: the other tasks need no server or watcher.
    import author_loop

    settings_file = HERE / CONFIG["settings_base"]
    return author_loop.watched_paths(read_settings(str(settings_file)), settings_file)


@task
def regenerate(c):
    """Rebuild whenever a note, an example, the theme or the settings change."""
    import author_loop

    _log_to_terminal()
    settings_file = HERE / CONFIG["settings_base"]
    author_loop.regenerate(_loop_build, settings_file, _loop_watched())


@task
def serve(c):
    """Serve output/ at http://localhost:8000/."""

    class AddressReuseTCPServer(RootedHTTPServer):
        allow_reuse_address = True

    server = AddressReuseTCPServer(
        str(HERE / CONFIG["deploy_path"]),
        (CONFIG["host"], CONFIG["port"]),
        ComplexHTTPRequestHandler,
    )
    print("Serving at http://{host}:{port}/ (Ctrl+C to stop)".format(**CONFIG), flush=True)
    server.serve_forever()


@task
def reserve(c):
    """`build`, then `serve`."""
    build(c)
    serve(c)


@task
def preview(c):
    """Build the production version of the site."""
    _build(CONFIG["settings_publish"])


@task(help={"port": "port to listen on (default 8000)"})
def livereload(c, port=CONFIG["port"]):
    """Serve output/, rebuild on every change, reload the open pages, show problems in them."""
    import author_loop

    _log_to_terminal()
    settings_file = HERE / CONFIG["settings_base"]
    output = HERE / CONFIG["deploy_path"]
    author_loop.livereload(
        _loop_build, settings_file, _loop_watched(), output, CONFIG["host"], int(port)
    )


def _require_siteurl() -> None:
    if not os.environ.get("SITEURL"):
        raise Exit("Set SITEURL to the public address, e.g. https://notes.example.org", code=2)


@task
def publish(c):
    """Build the production site and rsync it to the host set in PUBLISH_SSH_*."""
    _require_siteurl()
    if not (CONFIG["ssh_host"] and CONFIG["ssh_path"]):
        raise Exit("Set PUBLISH_SSH_HOST, PUBLISH_SSH_PATH (and PUBLISH_SSH_USER) first.", code=2)
    preview(c)
    user = f"{CONFIG['ssh_user']}@" if CONFIG["ssh_user"] else ""
    target = f"{user}{CONFIG['ssh_host']}"
    c.run(rsync_command(CONFIG["deploy_path"], f"{target}:{CONFIG['ssh_path']}"))


def rsync_command(source: str, target: str) -> str:
    """The command ``publish`` copies ``source`` (a folder) with, into ``target``.

    ``-p`` carries the modes along: the build makes every folder 0755 and
    every file 0644, so the web server's user can read them.
    """
    return (
        'rsync --delete --exclude ".DS_Store" -pthrvz -c '
        f'-e "ssh -p {CONFIG["ssh_port"]}" '
        f"{shlex.quote(source.rstrip('/') + '/')} {shlex.quote(target)}"
    )


@task(name="gh-pages")
def gh_pages(c):
    """Build the production site and push it to the gh-pages branch.

    ``-n`` adds a ``.nojekyll`` file: without it, GitHub Pages runs Jekyll,
    which leaves out every file whose name starts with ``_`` (``_headers``).
    """
    _require_siteurl()
    preview(c)
    c.run(
        f"ghp-import -n -b {CONFIG['github_pages_branch']} -m 'Publish the site' "
        f"{CONFIG['deploy_path']} -p"
    )


@task(help={"name": "the example's folder under examples/", "port": "port to listen on"})
def example(c, name, port=5000):
    """Run examples/<name> with Flask's development server, and print its URL."""
    if not is_example(HERE / "examples" / name):
        known = [folder.name for folder in find_examples(HERE / "examples")]
        raise Exit(f"No example {name!r}. Examples: {', '.join(known)}", code=2)
    print(f"Example {name!r}: open http://127.0.0.1:{port}/ (Ctrl+C to stop)", flush=True)
    app = f"plugins.example_core.loading:create_app({name!r})"
    flask = f"{shlex.quote(sys.executable)} -m flask --app {shlex.quote(app)}"
    c.run(
        f"{flask} run --debug --port {port}",
        pty=sys.stdout.isatty(),
        # The build runs examples with hashing pinned; so does this, for the same answers.
        env={"PYTHONPATH": str(HERE), "PYTHONHASHSEED": "0"},
    )


@task(help={"args": "extra arguments for pytest, e.g. -k routing"})
def test(c, args=""):
    """Check the style with ruff and ESLint, run the JavaScript's unit tests, then pytest.

    pytest-xdist runs a worker per core; the tests that measure time or start
    real servers share one group (``--dist loadgroup``, see ``tests/conftest.py``),
    run one after another by one worker.
    """
    python = shlex.quote(sys.executable)
    c.run(f"{python} -m ruff check .")
    c.run(f"{python} -m ruff format --check .")
    with c.cd(str(HERE)):
        c.run("npx --no-install eslint --max-warnings=0 .")
        c.run("node --test tests/js/")
    c.run(f"{python} -m pytest -n auto --dist loadgroup {args}", pty=sys.stdout.isatty())


@task(help={"runs": "runs of each kind"})
def bench(c, runs=5):
    """Print measured figures: build, page weights, live panels, exercises, network, search."""
    python = shlex.quote(sys.executable)
    c.run(f"{python} benchmarks/build_time.py --runs {runs}")
    c.run(f"{python} benchmarks/loop_time.py --runs {runs}")
    build(c)
    c.run(f"{python} benchmarks/browser_figures.py --runs {runs}")
    c.run(f"{python} benchmarks/network_figures.py --runs {runs}")
    c.run(f"{python} benchmarks/exercise_figures.py --runs {runs}")
    c.run(f"{python} benchmarks/search_figures.py --runs {runs}")
