"""Solution: log the path of every request the app gets."""

from flask import Flask, request

app = Flask(__name__)


@app.before_request
def log_path():
    app.logger.info(request.path)


@app.get("/menu")
def menu():
    return "Pizzas: margherita, funghi.\n"
