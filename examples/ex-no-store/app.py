"""Exercise: a page no cache may keep."""

from flask import Flask

app = Flask(__name__)


@app.get("/account")
def account():
    return "Your balance: 12 coins."
