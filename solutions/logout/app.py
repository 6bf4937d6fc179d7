"""Solution: log out, so that the next request knows nobody."""

from flask import Flask, session

app = Flask(__name__)
app.secret_key = "only-for-this-exercise"


@app.post("/login/<name>")
def login(name):
    session["name"] = name
    return "Logged in."


@app.post("/logout")
def logout():
    session.clear()
    return "Logged out."


@app.get("/me")
def me():
    return session.get("name", "nobody")
