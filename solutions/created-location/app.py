"""Solution: say where a new item lives, with 201 and Location."""

from flask import Flask, request, url_for

app = Flask(__name__)
ITEMS = {}


@app.get("/api/items/<int:item_id>")
def item(item_id):
    return ITEMS[item_id]


@app.post("/api/items")
def add_item():
    item_id = len(ITEMS) + 1
    ITEMS[item_id] = request.get_json()
    return ITEMS[item_id], 201, {"Location": url_for("item", item_id=item_id)}
