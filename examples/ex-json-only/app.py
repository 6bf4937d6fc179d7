"""Exercise: refuse a POST without JSON with 415 and a JSON error."""

from flask import Flask, request

app = Flask(__name__)
ITEMS = []


@app.post("/api/items")
def add_item():
    item = request.get_json()
    ITEMS.append(item)
    return item, 201
