"""Solution: a JSON 404 for the API, the HTML one elsewhere."""

from flask import Flask, request

app = Flask(__name__)


@app.get("/api/pizzas")
def pizzas():
    return ["margherita", "funghi"]


@app.errorhandler(404)
def not_found(error):
    if request.path.startswith("/api/"):
        return {"error": "no such thing"}, 404
    return error
