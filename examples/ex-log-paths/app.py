"""Exercise: log the path of every request the app gets."""

from flask import Flask

app = Flask(__name__)


@app.get("/menu")
def menu():
    return "Pizzas: margherita, funghi.\n"
