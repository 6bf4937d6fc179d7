"""Flask as a webserver: each route maps a URL path to a function that makes the response.

There are no files to find here. Each answer is made by Python when the
request arrives, so it can depend on the path, the query or a form.
"""

from flask import Flask, redirect, request, url_for
from markupsafe import escape

app = Flask(__name__)


@app.get("/")
def home():
    return "Hello from Flask!"


@app.get("/hello/<name>")
def hello(name: str):
    # escape() turns characters like < into &lt;, so a name cannot inject HTML.
    return f"Hello, {escape(name)}!"


@app.get("/square")
def square():
    number = request.args.get("n", type=int)
    if number is None:
        return "Give a whole number, like /square?n=7", 400
    return {"number": number, "square": number * number}


@app.post("/guestbook")
def sign_guestbook():
    visitor = request.form.get("name", "").strip()
    if not visitor:
        return "Please fill in a name.", 400
    return f"Thank you for signing, {escape(visitor)}.", 201


@app.get("/start")
def old_start_page():
    return redirect(url_for("home"))
