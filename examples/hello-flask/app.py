"""Flask as a webserver: each route maps a URL path to a function that makes the response.

There are no files to find here. Each answer is made by Python when the
request arrives, so it can depend on the path, the query or a form.
"""

from flask import Flask, abort, redirect, request, url_for
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


# The names signed so far, kept in memory: they are lost when the server stops.
signatures: list[str] = []


@app.post("/guestbook")
def sign_guestbook():
    visitor = request.form.get("name", "").strip()
    if not visitor:
        return "Please fill in a name.", 400
    signatures.append(visitor)
    # 201 Created, with the address of what was created in Location.
    created = url_for("signature", number=len(signatures))
    return f"Thank you for signing, {escape(visitor)}.", 201, {"Location": created}


@app.get("/guestbook/<int:number>")
def signature(number: int):
    if not 1 <= number <= len(signatures):
        abort(404)
    return f"Signature {number}: {escape(signatures[number - 1])}"


@app.get("/start")
def old_start_page():
    return redirect(url_for("home"))
