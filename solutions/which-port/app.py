"""Solution: answer the port a request was sent to, read from its Host header."""

from flask import Flask, request

app = Flask(__name__)


@app.get("/port")
def port():
    if ":" not in request.host:
        return "80"
    return request.host.rsplit(":", 1)[1]
