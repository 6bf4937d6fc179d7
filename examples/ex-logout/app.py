"""Exercise: log out, and answer 401 to the next request that needs a login."""

from flask import Flask, session

app = Flask(__name__)
app.secret_key = "only-for-this-exercise"


@app.post("/login/<name>")
def login(name):
    session["name"] = name
    return "Logged in."


@app.post("/logout")
def logout():
    return "Logged out."


@app.get("/me")
def me():
    if "name" not in session:
        return "Log in first.", 401
    return session["name"]
