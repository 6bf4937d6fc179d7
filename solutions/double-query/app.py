"""Solution: double the number in the query string, or refuse what is not one."""

from flask import Flask, request

app = Flask(__name__)


@app.get("/double")
def double():
    n = request.args.get("n", type=int)
    if n is None:
        return "n must be a whole number", 400
    return str(2 * n)
