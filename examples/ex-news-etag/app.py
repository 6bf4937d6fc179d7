"""Exercise: an ETag, so that a second request can get 304 Not Modified."""

from flask import Flask, make_response

app = Flask(__name__)


@app.get("/news")
def news():
    response = make_response("No news today.")
    # Give the response an ETag, and answer 304 when the client has it already.
    return response
