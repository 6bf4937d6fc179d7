"""Under Flask: WSGI, request hooks, and the app and request contexts.

A WSGI application is a callable that takes ``environ`` (the request as a
dict) and ``start_response`` (to send the status and headers) and returns the
body. ``plain_wsgi_app`` is one written by hand; a Flask app is another. Here
the plain one answers every path under ``/plain`` and Flask the rest. The
hooks choose a language before each request and, after it, name it in
``Content-Language`` and ``Vary``.
"""

from flask import Flask, current_app, g, request
from werkzeug.middleware.dispatcher import DispatcherMiddleware


def plain_wsgi_app(environ, start_response):
    mounted_at, path = environ["SCRIPT_NAME"], environ["PATH_INFO"]
    body = f"Plain WSGI, mounted at {mounted_at}. You asked for {path}\n".encode()
    headers = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))]
    start_response("200 OK", headers)
    return [body]


app = Flask(__name__)
app.wsgi_app = DispatcherMiddleware(app.wsgi_app, {"/plain": plain_wsgi_app})

GREETINGS = {"en": "Hello", "fr": "Bonjour", "de": "Hallo"}


@app.before_request
def choose_language():
    wanted = request.headers.get("Accept-Language", "en")[:2]
    g.language = wanted if wanted in GREETINGS else "en"


@app.after_request
def say_which_language(response):
    response.headers["Content-Language"] = g.language
    response.vary.add("Accept-Language")
    return response


@app.get("/")
def greet():
    return f"{GREETINGS[g.language]}!"


@app.get("/context")
def show_context():
    return {
        "app": current_app.name,
        "method": request.method,
        "path": request.path,
        "language": g.language,
    }
