"""Solution: register a blueprint under a URL prefix."""

from flask import Blueprint, Flask

news = Blueprint("news", __name__)


@news.get("/")
def latest():
    return "Club news: the garden opens on Saturday."


def create_app():
    app = Flask(__name__)
    app.register_blueprint(news, url_prefix="/news")
    return app


app = create_app()
