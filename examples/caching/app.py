"""HTTP caching: what Flask tells browsers about keeping a copy, and how to bust a copy.

Static files come with validators (``ETag``, ``Last-Modified``) so a browser
can ask "has it changed?" and get a short ``304 Not Modified``. Files whose
URL holds a hash of their content can be kept for a year: a new version gets
a new URL. The page that links to them is sent with ``no-cache``, so browsers
check it on every visit and learn the new names.
"""

import hashlib
from pathlib import Path

from flask import Flask, abort, send_from_directory, url_for

app = Flask(__name__)

ONE_YEAR = 365 * 24 * 60 * 60


def hashed_name(path: Path) -> str:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
    return f"{path.stem}.{digest}{path.suffix}"


# Maps "style.1a2b3c4d.css" to "style.css", for every file in static/.
HASHED = {hashed_name(p): p.name for p in Path(app.static_folder).iterdir()}


@app.get("/")
def home():
    busted = url_for("static", filename="style.css", v=2)
    hashed = url_for("asset", name=hashed_name(Path(app.static_folder, "style.css")))
    response = app.make_response(f"""<!doctype html>
<html lang="en">
<title>Caching</title>
<link rel="stylesheet" href="{hashed}">
<p>Busted by query string: {busted}</p>
""")
    # The page keeps its URL when it changes, so browsers must ask every time.
    response.cache_control.no_cache = True
    return response


@app.get("/assets/<name>")
def asset(name: str):
    if name not in HASHED:
        abort(404)
    response = send_from_directory(app.static_folder, HASHED[name], max_age=ONE_YEAR)
    response.cache_control.immutable = True
    return response


@app.get("/news")
def news():
    response = app.make_response("Today's news: nothing was cached.")
    response.cache_control.no_store = True
    return response
