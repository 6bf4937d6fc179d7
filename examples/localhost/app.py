"""Localhost and ports: what Flask can tell about where a request was sent.

The browser copies the name and the port from the address bar into the
request's Host header. Flask reads them from there, and uses them when it
writes a full link back to the same server.
"""

from flask import Flask, request, url_for

app = Flask(__name__)


@app.get("/")
def home():
    return "Hello from the localhost example!"


@app.get("/where")
def where():
    return {
        "host": request.host,
        "url": request.url,
        "home": url_for("home", _external=True),
        "client": request.remote_addr,
    }
