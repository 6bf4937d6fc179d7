"""Exercise: a route that only takes a whole number."""

from flask import Flask

app = Flask(__name__)


@app.get("/chapters/<number>")
def chapter(number):
    return f"Chapter {number}"
