"""Exercise: a 404 page of your own."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    return "Pizzas: margherita, funghi."
