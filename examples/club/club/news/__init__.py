"""The news blueprint.

Its URLs start with the prefix it is registered with.
"""

from flask import Blueprint, render_template

news = Blueprint("news", __name__, template_folder="templates")

NEWS = [
    {"title": "The new season starts", "event_id": 1},
    {"title": "We won the city cup", "event_id": None},
]


@news.get("/")
def index():
    return render_template("news/index.html", news=NEWS)
