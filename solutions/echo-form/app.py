"""Solution: read a field of a posted form."""

from flask import Flask, request

app = Flask(__name__)


@app.get("/echo")
def echo_form():
    return '<form method="post"><input name="word"><button>Send</button></form>'


@app.post("/echo")
def echo():
    return f"You sent: {request.form['word']}"
