"""A webserver at its simplest: every request is answered with a file from one folder.

The path in the URL names a file under ``site/``. If the file is there, its
bytes are the body and its name decides the ``Content-Type``; if not, the
answer is 404. Classic servers such as Apache, nginx or ``python -m
http.server`` do the same for static content.
"""

from flask import Flask, send_from_directory

app = Flask(__name__, static_folder=None)


@app.get("/")
@app.get("/<path:filename>")
def serve_file(filename: str = "index.html"):
    return send_from_directory("site", filename)
