"""A chess club's site in one file: news, events and a sign-up form.

It works, but everything lives together: the settings (with the secret key
written in the code), the data, and the views of every part of the site.
The note "A bigger app" splits this same site into a package.
"""

from flask import Flask, abort, flash, redirect, render_template, request, url_for

app = Flask(__name__)
app.config["CLUB_NAME"] = "Chess club"
app.secret_key = "dev"  # in the code: anyone who reads it can forge cookies

NEWS = [
    {"title": "The new season starts", "event_id": 1},
    {"title": "We won the city cup", "event_id": None},
]
EVENTS = {
    1: {"title": "Open evening", "date": "2026-12-03"},
    2: {"title": "Blitz tournament", "date": "2026-12-12"},
}
sign_ups = {event_id: [] for event_id in EVENTS}


@app.get("/")
def home():
    return render_template("home.html")


@app.get("/news")
def news():
    return render_template("news.html", news=NEWS)


@app.get("/events")
def events():
    return render_template("events.html", events=EVENTS)


@app.get("/events/<int:event_id>")
def event(event_id: int):
    if event_id not in EVENTS:
        abort(404)
    return render_template(
        "event.html", event_id=event_id, event=EVENTS[event_id], names=sign_ups[event_id]
    )


@app.post("/events/<int:event_id>/join")
def join(event_id: int):
    if event_id not in EVENTS:
        abort(404)
    name = request.form.get("name", "").strip()
    if not name:
        abort(400, description="Please give your name.")
    sign_ups[event_id].append(name)
    flash(f"See you there, {name}!")
    return redirect(url_for("event", event_id=event_id), code=303)
