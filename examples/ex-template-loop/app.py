"""Exercise: a list in a template, one item per line."""

from flask import Flask, render_template

app = Flask(__name__)


@app.get("/fruit")
def fruit():
    return render_template("fruit.html", fruits=["apple", "pear", "plum"])
