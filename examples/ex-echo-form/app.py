"""Exercise: read a field of a posted form."""

from flask import Flask

app = Flask(__name__)


@app.get("/echo")
def echo_form():
    return '<form method="post"><input name="word"><button>Send</button></form>'


# Make POST /echo answer the form's field "word".
