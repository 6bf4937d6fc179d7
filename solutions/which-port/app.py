"""Solution: answer the port a request was sent to, read from its Host header."""

from flask import Flask, request

app = Flask(__name__)


@app.get("/port")
def port():
    # An IPv6 address has colons of its own, so it comes in brackets: [::1]:8080.
    # No colon at all, or nothing after the "]": the Host names no port.
    host = request.host
    if ":" not in host or host.endswith("]"):
        return "80"
    return host.rsplit(":", 1)[1]
