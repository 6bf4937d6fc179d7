"""A JSON API: a list of books that a client can read, add to and delete from.

Views return a dict or a list, and Flask sends it as JSON. ``POST`` reads
JSON with ``request.get_json`` and answers ``201 Created`` with a
``Location``; ``DELETE`` answers ``204 No Content``. One error handler turns
every HTTP error (``400``, ``404``, ``415``...) into a JSON body that says
what went wrong. The page at ``/`` calls the API with ``fetch()``, and an
``after_request`` hook sends, by hand, the CORS headers that let one other
site call it too.
"""

from flask import Flask, abort, render_template, request, url_for
from werkzeug.exceptions import HTTPException

app = Flask(__name__)

# Kept in memory, so it starts again from these two when the server restarts.
books = {
    1: {"id": 1, "title": "Kindred", "author": "Octavia E. Butler"},
    2: {"id": 2, "title": "The Dispossessed", "author": "Ursula K. Le Guin"},
}

# The one other site whose pages may call this API from the browser.
ALLOWED_ORIGINS = {"https://reader.example"}


@app.get("/")
def page():
    return render_template("books.html")


@app.get("/api/books")
def list_books():
    return list(books.values())


@app.get("/api/books/<int:book_id>")
def get_book(book_id: int):
    if book_id not in books:
        abort(404, description=f"There is no book {book_id}.")
    return books[book_id]


@app.post("/api/books")
def add_book():
    data = request.get_json()  # 415 unless the body is labelled JSON; 400 if it does not parse
    problem = what_is_wrong(data)
    if problem:
        abort(400, description=problem)
    book_id = max(books, default=0) + 1
    books[book_id] = {"id": book_id, "title": data["title"], "author": data["author"]}
    return books[book_id], 201, {"Location": url_for("get_book", book_id=book_id)}


def what_is_wrong(data) -> str | None:
    """Say what is wrong with a new book, or None if it is fine."""
    if not isinstance(data, dict):
        return 'Send a JSON object, such as {"title": "...", "author": "..."}.'
    for field in ("title", "author"):
        value = data.get(field)
        if not isinstance(value, str) or not value.strip():
            return f"'{field}' must be a string that is not empty."
    return None


@app.delete("/api/books/<int:book_id>")
def delete_book(book_id: int):
    if books.pop(book_id, None) is None:
        abort(404, description=f"There is no book {book_id}.")
    return "", 204


@app.errorhandler(HTTPException)
def error_as_json(error: HTTPException):
    body = {"error": error.name, "message": error.description}
    # Keep the headers Flask adds to some errors, such as Allow on a 405.
    headers = [(name, value) for name, value in error.get_headers() if name != "Content-Type"]
    return body, error.code, headers


@app.after_request
def allow_one_other_site(response):
    if not request.path.startswith("/api/"):
        return response
    response.vary.add("Origin")  # the answer depends on Origin: caches must keep them apart
    origin = request.headers.get("Origin")
    if origin in ALLOWED_ORIGINS:
        response.headers["Access-Control-Allow-Origin"] = origin
        if "Access-Control-Request-Method" in request.headers:  # a preflight
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, DELETE"
            response.headers["Access-Control-Allow-Headers"] = "Content-Type"
            response.headers["Access-Control-Max-Age"] = "600"
    return response
