"""Exercise: remember the chosen theme in a cookie."""

from flask import Flask, make_response, request
from markupsafe import escape

app = Flask(__name__)


@app.get("/theme/<name>")
def choose(name):
    response = make_response(f"Theme {escape(name)} chosen.")
    # Set the cookie "theme" here.
    return response


@app.get("/theme")
def show():
    return f"Theme: {escape(request.cookies.get('theme', 'light'))}."
