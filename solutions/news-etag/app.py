"""Solution: an ETag, so that a second request can get 304 Not Modified."""

from flask import Flask, make_response, request

app = Flask(__name__)


@app.get("/news")
def news():
    response = make_response("No news today.")
    response.add_etag()
    return response.make_conditional(request)
