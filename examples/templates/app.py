"""Templates: HTML with holes, filled in by Jinja when a request arrives.

Each page extends ``base.html``, which holds the parts every page shares.
Values are passed to ``render_template`` as keyword arguments; Jinja escapes
them, so text from a visitor cannot become HTML.
"""

import random

from flask import Flask, render_template

app = Flask(__name__)

LESSONS = [
    {"title": "What is a webserver?", "minutes": 10, "done": True},
    {"title": "Routes in Flask", "minutes": 15, "done": False},
    {"title": "Templates", "minutes": 20, "done": False},
]


@app.get("/")
def lessons():
    return render_template("lessons.html", lessons=LESSONS)


@app.get("/hello/<name>")
def hello(name: str):
    return render_template("hello.html", name=name)


@app.get("/lucky")
def lucky():
    return render_template("lucky.html", number=random.randint(1, 100))
