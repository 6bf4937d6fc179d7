"""Exercise: answer plain text instead of HTML."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    return "Plain text, not HTML."
