"""Solution: delete a book with DELETE, and answer 204."""

from flask import Flask, abort

app = Flask(__name__)
BOOKS = {1: "Dune", 2: "Emma"}


@app.get("/books/<int:book_id>")
def book(book_id):
    if book_id not in BOOKS:
        abort(404)
    return BOOKS[book_id]


@app.delete("/books/<int:book_id>")
def delete_book(book_id):
    if BOOKS.pop(book_id, None) is None:
        abort(404)
    return "", 204
