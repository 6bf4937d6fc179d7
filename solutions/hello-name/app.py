"""Solution: greet a visitor by the name in the path."""

from flask import Flask
from markupsafe import escape

app = Flask(__name__)


@app.get("/")
def home():
    return "Hello, World!"


@app.get("/hello/<name>")
def hello(name):
    return f"Hello, {escape(name)}!"
