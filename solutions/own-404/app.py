"""Solution: a 404 page of your own."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    return "Pizzas: margherita, funghi."


@app.errorhandler(404)
def not_found(error):
    return "No such pizza here.", 404
