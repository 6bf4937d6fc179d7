"""Solution: a page moved from /old to /new; send visitors on with a 308."""

from flask import Flask, redirect, url_for

app = Flask(__name__)


@app.get("/new")
def new():
    return "The page now lives here.\n"


@app.get("/old")
def old():
    return redirect(url_for("new"), code=308)
