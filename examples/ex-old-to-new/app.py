"""Exercise: a page moved from /old to /new; send visitors on with a 308."""

from flask import Flask

app = Flask(__name__)


@app.get("/new")
def new():
    return "The page now lives here.\n"


# Write a view for GET /old here.
