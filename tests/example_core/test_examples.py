"""An example is a folder with ``app.py`` or a ``.flaskenv`` naming its app; both load alike."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from zlib import adler32

import pytest

from example_core.errors import RunError
from example_core.examples import app_spec, describe_app, find_examples, is_example
from example_core.parse import find_blocks
from example_core.settings import RunSettings
from live_examples.bundle import write_bundles
from site_build.blocks.include import read_include
from site_build.run import run_requests
from tests.support.examples import SHOP, get, write_example
from tests.support.servers import free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]


def settings(examples: Path) -> RunSettings:
    return RunSettings(examples=examples, timeout=5.0, epoch=1_700_000_000)


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    examples = tmp_path / "examples"
    write_example(examples, "shop", SHOP)
    write_example(examples, "plain", {"app.py": "from flask import Flask\napp = Flask(__name__)\n"})
    (examples / "notes").mkdir()
    (examples / "notes" / "README.md").write_text("not an example")
    return examples


def test_an_example_has_an_app_py_or_a_flaskenv(examples):
    assert is_example(examples / "shop") and is_example(examples / "plain")
    assert not is_example(examples / "notes")
    assert [folder.name for folder in find_examples(examples)] == ["plain", "shop"]


@pytest.mark.parametrize(
    ("flaskenv", "spec"),
    [
        ("FLASK_APP=shop:create_app()\n", "shop:create_app()"),
        ("FLASK_APP=\"shop:create_app('dev')\"\n", "shop:create_app('dev')"),
        ("FLASK_DEBUG=1\nexport FLASK_APP = 'site'\n", "site"),
        ("FLASK_DEBUG=1\n", "app"),
    ],
)
def test_the_spec_is_flask_app_in_the_flaskenv_or_app(tmp_path, flaskenv, spec):
    (tmp_path / ".flaskenv").write_text(flaskenv)
    assert app_spec(tmp_path) == spec


def test_without_a_flaskenv_the_spec_is_app(examples):
    assert app_spec(examples / "plain") == "app"
    assert describe_app(examples / "plain") == "app.py"
    assert describe_app(examples / "shop") == "--app shop:create_app()"


def test_a_package_example_answers_through_its_factory_and_blueprint(examples):
    home, catalog = run_requests(settings(examples), "shop", (get("/"), get("/catalog/")))
    assert home.response.body == b'<a href="/catalog/">Catalog</a>'
    assert catalog.response.body == b"tea, cake"


def test_static_etags_of_a_package_example_are_the_same_in_every_clone(examples, tmp_path):
    """Werkzeug mixes a static file's path into its ETag: it must not hold the clone's place."""
    clone = tmp_path / "elsewhere" / "deeper" / "examples"
    shutil.copytree(examples, clone)
    requests = (get("/static/site.css"), get("/catalog/static/catalog.css"))
    here = run_requests(settings(examples), "shop", requests)
    there = run_requests(settings(clone), "shop", requests)
    assert [e.response.status_code for e in here] == [200, 200]
    assert [e.response.body for e in here] == [b"body { margin: 0 }\n", b"ul { padding: 0 }\n"]
    assert [e.response.header("ETag") for e in here] == [e.response.header("ETag") for e in there]


def test_a_one_file_example_keeps_its_static_etag(make_example, scratch_settings, tmp_path):
    """Its ETag holds ``./././static/x.css``, as before packages: root ``.``, joined three times."""
    examples = make_example("site", "from flask import Flask\napp = Flask(__name__)\n")
    (examples / "site" / "static").mkdir()
    (examples / "site" / "static" / "x.css").write_text("a{}")
    (exchange,) = run_requests(scratch_settings, "site", (get("/static/x.css"),))
    check = adler32(b"./././static/x.css") & 0xFFFFFFFF
    assert exchange.response.header("ETag") == f'"1700000000.0-3-{check}"'


def test_a_failing_factory_is_named_by_its_spec(examples):
    (examples / "shop" / "shop" / "__init__.py").write_text("def create_app():\n    1 / 0\n")
    with pytest.raises(RunError, match=r"loading --app shop:create_app\(\) failed:"):
        run_requests(settings(examples), "shop", (get("/"),))


def test_an_include_reads_a_file_inside_the_package(examples):
    (block,) = find_blocks(
        ["```include example=shop file=shop/catalog/__init__.py function=index", "```"],
        "content/note.md",
    )
    source = read_include(block, examples)
    assert source.text.startswith('@catalog.get("/")\ndef index():')
    assert source.path == "examples/shop/shop/catalog/__init__.py"


def test_the_bundle_carries_the_flaskenv_and_the_package(examples, tmp_path):
    write_bundles(examples, 1_700_000_000, tmp_path / "out")
    bundles = sorted((tmp_path / "out" / "live" / "examples").iterdir())
    assert [path.name.split(".")[0] for path in bundles] == ["plain", "shop"]
    files = json.loads(bundles[1].read_text())["files"]
    assert files[".flaskenv"]["text"].endswith("FLASK_APP=shop:create_app()\n")
    assert "shop/catalog/templates/catalog/index.html" in files


def test_a_factory_sees_debug_mode_as_under_flask_run_debug(make_example, scratch_settings):
    make_example(
        "factory",
        """
        from flask import Flask

        def create_app():
            app = Flask(__name__)
            debug_at_start = app.debug
            app.get("/")(lambda: {"debug at start": debug_at_start})
            return app
        """,
    )
    (exchange,) = run_requests(scratch_settings, "factory", (get("/"),))
    assert json.loads(exchange.response.body) == {"debug at start": True}


def test_invoke_example_serves_a_package_example():
    """``invoke example club``: the user's way to run an example, a package here."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", "example", "club", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its flask child and reloader go with it
    )
    try:
        wait_for(port, process)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/news/")
        reply = connection.getresponse()
        body = reply.read()
        connection.close()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    assert reply.status == 200
    assert b'<a href="/events/1">sign up</a>' in body


def test_an_example_loads_afresh_after_another_in_the_same_process(fresh_app):
    """Flask's locate_app imports by name; the loader must not hand back an earlier ``app``."""
    first = fresh_app("json-api", debug=True)
    second = fresh_app("sessions", debug=True)
    assert first is not second
    assert "/peek" not in {rule.rule for rule in first.url_map.iter_rules()}
    assert "/peek" in {rule.rule for rule in second.url_map.iter_rules()}
    assert sys.modules["app"].__file__.endswith("sessions/app.py")
