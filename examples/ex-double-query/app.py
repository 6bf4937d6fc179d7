"""Exercise: double the number in the query string, or refuse what is not one."""

from flask import Flask

app = Flask(__name__)


@app.get("/double")
def double():
    # Read n from the query string: answer twice its value, or 400.
    return "not written yet"
