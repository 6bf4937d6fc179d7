"""Solution: answer plain text instead of HTML."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    return "Plain text, not HTML.", {"Content-Type": "text/plain; charset=utf-8"}
