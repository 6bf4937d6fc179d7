"""Exercise: greet a visitor by the name in the path."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    return "Hello, World!"


# Write a view for GET /hello/<name> here.
