"""Exercise: keep the user logged in across two requests."""

from flask import Flask, session

app = Flask(__name__)
app.secret_key = "only-for-this-exercise"


@app.post("/login/<name>")
def login(name):
    # Remember name in the session.
    return "Logged in."


@app.get("/me")
def me():
    return session.get("name", "nobody")
