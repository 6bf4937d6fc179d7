"""A view with a bug, and what the client and the server's log see when it raises.

``/share/<int:people>`` shares a pizza's eight slices, and nobody thought of
zero people. Without debug mode, Flask answers ``500 Internal Server
Error`` and writes the traceback to the log; in debug mode, the development
server shows its debugger instead. ``app.logger`` adds lines of its own: a
warning, always, and an info line that only debug mode shows.
"""

from flask import Flask

app = Flask(__name__)

SLICES = 8


@app.get("/share/<int:people>")
def share(people: int):
    app.logger.info("Sharing %d slices between %d people", SLICES, people)
    if people > SLICES:
        app.logger.warning("%d people, only %d slices", people, SLICES)
    return f"Each person gets {SLICES / people:g} slices.\n"
