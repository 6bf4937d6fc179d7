"""Exercise: answer with the name and port the request was sent to."""

from flask import Flask

app = Flask(__name__)


@app.get("/host")
def host():
    # Answer the Host header of the request.
    return "I do not know yet"
