"""Solution: answer with the name and port the request was sent to."""

from flask import Flask, request

app = Flask(__name__)


@app.get("/host")
def host():
    return request.host
