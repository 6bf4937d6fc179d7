"""Solution: answer JSON from a dict."""

from flask import Flask

app = Flask(__name__)


@app.get("/status")
def status():
    return {"ok": True, "version": 2}
