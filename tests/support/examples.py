"""Example folders written by tests: a package app with a factory and a blueprint."""

from __future__ import annotations

import textwrap
from pathlib import Path

from example_core.model import HttpRequest

# A package app with a factory, the app's own templates and static files, and
# a blueprint (a package of its own) with its templates and static files.
SHOP = {
    ".flaskenv": "# what a student passes to flask --app\nFLASK_APP=shop:create_app()\n",
    "shop/__init__.py": """\
        from flask import Flask, render_template

        from .catalog import catalog


        def create_app():
            app = Flask(__name__)
            app.register_blueprint(catalog, url_prefix="/catalog")

            @app.get("/")
            def home():
                return render_template("home.html")

            return app
        """,
    "shop/templates/home.html": '<a href="{{ url_for("catalog.index") }}">Catalog</a>\n',
    "shop/static/site.css": "body { margin: 0 }\n",
    "shop/catalog/__init__.py": """\
        from flask import Blueprint, render_template

        catalog = Blueprint(
            "catalog", __name__, template_folder="templates", static_folder="static"
        )


        @catalog.get("/")
        def index():
            return render_template("catalog/index.html", items=["tea", "cake"])
        """,
    "shop/catalog/templates/catalog/index.html": "{{ items|join(', ') }}\n",
    "shop/catalog/static/catalog.css": "ul { padding: 0 }\n",
}


def write_example(examples: Path, name: str, files: dict[str, str]) -> Path:
    folder = examples / name
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return folder


def get(target: str) -> HttpRequest:
    return HttpRequest("GET", target, (("Host", "localhost"),), b"", None, 1)
