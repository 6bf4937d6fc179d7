"""Exercise: a JSON 404 for the API, the HTML one elsewhere."""

from flask import Flask

app = Flask(__name__)


@app.get("/api/pizzas")
def pizzas():
    return ["margherita", "funghi"]


# Write a 404 handler: JSON for paths under /api/, Flask's own page elsewhere.
