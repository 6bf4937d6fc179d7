"""Responses: what a view can return, and how to set the status, headers and cookies.

A string, a dict or a tuple is turned into a response by Flask;
``make_response`` gives you the response object to change before it goes.
``redirect`` and ``abort`` answer with a 3xx or an error status, and an error
handler replaces Flask's plain error page with our own. ``/admin`` tells 401
(log in first) from 403 (no, whoever you are), and ``/average`` has a bug, to
show the 500 a crash gets.
"""

from flask import Flask, abort, make_response, redirect, request, url_for
from markupsafe import escape

app = Flask(__name__)


@app.get("/text")
def text():
    return "Just a string."


@app.get("/data")
def data():
    return {"format": "JSON", "from": "a dict"}


@app.post("/notes")
def create_note():
    return "Note saved.", 201, {"Location": "/notes/7"}


@app.get("/custom")
def custom():
    response = make_response("Made with make_response.")
    response.headers["Notes-Lesson"] = "responses"
    response.mimetype = "text/plain"
    return response


@app.get("/old-page")
def old_page():
    return redirect(url_for("text"), code=301)


@app.get("/admin")
def admin():
    if request.authorization is None:
        return "Log in first.\n", 401, {"WWW-Authenticate": 'Basic realm="Admin area"'}
    abort(403)  # Nobody is an administrator in this example.


@app.get("/average")
def average():
    marks = []  # The bug: nobody has handed in any work yet.
    return {"average": sum(marks) / len(marks)}


@app.errorhandler(404)
def not_found(error):
    page = f"""<!doctype html>
<html lang="en">
<title>Not found</title>
<h1>Nothing here</h1>
<p>No page at {escape(request.path)}.</p>
"""
    return page, 404


@app.get("/theme/<choice>")
def set_theme(choice: str):
    response = make_response(f"Theme set to {escape(choice)}.")
    response.set_cookie("theme", choice, max_age=60 * 60 * 24 * 30, samesite="Lax")
    return response


@app.get("/theme")
def show_theme():
    return f"Your theme is {escape(request.cookies.get('theme', 'light'))}."


@app.route("/api/quote", methods=["GET", "PUT"])
def quote():
    return {"quote": "Make it work, make it right, make it fast."}


@app.after_request
def allow_other_sites(response):
    if request.path.startswith("/api/"):
        response.headers["Access-Control-Allow-Origin"] = "https://notes.example"
        response.headers["Access-Control-Allow-Methods"] = "GET, PUT"
        response.headers["Access-Control-Allow-Headers"] = "Content-Type"
        response.headers["Vary"] = "Origin"
    return response
