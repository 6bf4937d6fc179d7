"""Routes: how Flask turns the path of a URL into a call to a view function.

Variable parts in angle brackets are passed to the view; a converter such as
``int`` or ``uuid`` says what they must look like. ``url_for`` builds a path
from a view's name, and ``app.url_map`` holds every rule.
"""

from uuid import UUID

from flask import Flask, url_for
from markupsafe import escape

app = Flask(__name__)


@app.get("/")
def index():
    links = [
        url_for("lesson", number=3),
        url_for("price", amount=9.5),
        url_for("user", name="ada"),
        url_for("about"),
    ]
    return "\n".join(links) + "\n", {"Content-Type": "text/plain; charset=utf-8"}


@app.get("/lessons/<int:number>")
def lesson(number: int):
    return f"Lesson number {number}; the next one is {number + 1}."


@app.get("/price/<float:amount>")
def price(amount: float):
    return f"With tax: {amount * 1.2:.2f}"


@app.get("/files/<path:location>")
def file_path(location: str):
    return f"You asked for the file at {escape(location)}"


@app.get("/orders/<uuid:order_id>")
def order(order_id: UUID):
    return f"Order {order_id} (version {order_id.version} UUID)"


@app.get("/users/me")
def current_user():
    return "Your own profile."


@app.get("/users/<name>")
def user(name: str):
    return f"The profile of {escape(name)}."


@app.get("/about/")
def about():
    return "About this site."


@app.get("/contact")
def contact():
    return "Write to us."


@app.get("/map")
def url_map():
    rules = sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule)
    lines = [f"{rule.rule:28} -> {rule.endpoint}" for rule in rules]
    return "\n".join(lines) + "\n", {"Content-Type": "text/plain; charset=utf-8"}
