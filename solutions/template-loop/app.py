"""Solution: a list in a template, one item per line."""

from flask import Flask, render_template

app = Flask(__name__)
# A line holding only a {% tag %} leaves nothing in the page.
app.jinja_env.trim_blocks = True
app.jinja_env.lstrip_blocks = True


@app.get("/fruit")
def fruit():
    return render_template("fruit.html", fruits=["apple", "pear", "plum"])
