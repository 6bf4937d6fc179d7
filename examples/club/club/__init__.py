"""The chess club's site as a package: an application factory and two blueprints.

``create_app`` builds a new app each time it is called: settings from the
``Config`` class, then from ``FLASK_*`` environment variables, then the
news and the events blueprints, each under its own URL prefix with its own
templates. Start it with ``flask --app "club:create_app()" run``.
"""

from flask import Flask, render_template

from .config import Config
from .events import events
from .news import news


def create_app(config: type = Config) -> Flask:
    app = Flask(__name__)
    app.config.from_object(config)
    app.config.from_prefixed_env()  # FLASK_SECRET_KEY=... becomes SECRET_KEY
    if not app.config["SECRET_KEY"]:
        if not app.debug:
            raise RuntimeError("Set FLASK_SECRET_KEY: the session cookie is signed with it.")
        app.config["SECRET_KEY"] = "dev"  # only in debug mode, on your own computer

    app.register_blueprint(news, url_prefix="/news")
    app.register_blueprint(events, url_prefix="/events")

    @app.get("/")
    def home():
        return render_template("home.html")

    return app
