"""Solution: read the settings from a class."""

from flask import Flask, current_app


class Config:
    SITE_NAME = "The Garden Club"


def create_app():
    app = Flask(__name__)
    app.config.from_object(Config)

    @app.get("/name")
    def name():
        return current_app.config.get("SITE_NAME", "no name yet")

    return app


app = create_app()
