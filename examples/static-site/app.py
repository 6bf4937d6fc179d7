"""Static and dynamic content in one app.

Files under ``static/`` are sent as they are, at ``/static/<name>``. The
views build their answers when the request arrives: an HTML page whose links
to the static files come from ``url_for``, and data as JSON, from a returned
dict and from a returned list.
"""

from flask import Flask, url_for

app = Flask(__name__)

LESSONS = ["What is a webserver?", "Static and dynamic content", "Flask as a webserver"]


@app.get("/")
def home():
    stylesheet = url_for("static", filename="style.css")
    logo = url_for("static", filename="logo.svg")
    return f"""<!doctype html>
<html lang="en">
<title>Lessons</title>
<link rel="stylesheet" href="{stylesheet}">
<img src="{logo}" alt="A server rack" width="64" height="64">
<h1>Lessons</h1>
<p>There are {len(LESSONS)} lessons so far.</p>
"""


@app.get("/api/lessons")
def lesson_summary():
    return {"first": LESSONS[0], "count": len(LESSONS)}


@app.get("/api/lessons/titles")
def lesson_titles():
    return LESSONS
