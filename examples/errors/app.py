"""Error pages of your own: ``abort()``, and handlers for 404, 500 and every other HTTP error.

Paths under ``/api/`` get their errors as JSON, the others as an HTML page.
``abort(404)`` and ``abort(403)`` stop a view with that status; the ``404``
handler and the one for ``HTTPException`` (every HTTP error, a ``405``
included) answer for them. The ``500`` handler answers when a view raises,
once debug mode is off: with it on, the debugger shows the exception instead.
"""

from flask import Flask, abort, render_template, request
from werkzeug.exceptions import HTTPException

app = Flask(__name__)

PIZZAS = {"margherita": 8.5, "funghi": 9.5}  # price in euros


@app.get("/pizzas/<name>")
def pizza(name: str):
    if name not in PIZZAS:
        abort(404)
    return f"{name}: {PIZZAS[name]:.2f} euros\n"


@app.get("/api/pizzas/<name>")
def pizza_as_json(name: str):
    if name not in PIZZAS:
        abort(404)
    return {"name": name, "price": PIZZAS[name]}


@app.get("/kitchen")
def kitchen():
    abort(403)


@app.get("/share/<int:people>")
def share(people: int):
    return f"Each person gets {8 / people:g} slices.\n"


@app.get("/api/share/<int:people>")
def share_as_json(people: int):
    return {"slices each": 8 / people}


def wants_json() -> bool:
    return request.path.startswith("/api/")


@app.errorhandler(404)
def not_found(error):
    if wants_json():
        return {"error": "Not Found", "path": request.path}, 404
    message = f"There is no {request.path} on our menu."
    return render_template("error.html", title="Not on the menu", message=message), 404


@app.errorhandler(HTTPException)
def other_http_error(error: HTTPException):
    # Keep the headers some errors need, such as Allow on a 405.
    headers = [(name, value) for name, value in error.get_headers() if name != "Content-Type"]
    if wants_json():
        return {"error": error.name}, error.code, headers
    page = render_template("error.html", title=error.name, message=error.description)
    return page, error.code, headers


@app.errorhandler(500)
def server_error(error):
    # The log already holds the traceback of error.original_exception.
    if wants_json():
        return {"error": "Internal Server Error"}, 500
    message = "Something broke on our side. It is not your fault."
    return render_template("error.html", title="Sorry", message=message), 500
