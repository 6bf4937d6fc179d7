"""The events blueprint: the list, one event, and its sign-up form."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

events = Blueprint("events", __name__, template_folder="templates")

EVENTS = {
    1: {"title": "Open evening", "date": "2026-12-03"},
    2: {"title": "Blitz tournament", "date": "2026-12-12"},
}
sign_ups = {event_id: [] for event_id in EVENTS}


@events.get("/")
def index():
    return render_template("events/index.html", events=EVENTS)


@events.get("/<int:event_id>")
def show(event_id: int):
    if event_id not in EVENTS:
        abort(404)
    return render_template(
        "events/event.html", event_id=event_id, event=EVENTS[event_id], names=sign_ups[event_id]
    )


@events.post("/<int:event_id>/join")
def join(event_id: int):
    if event_id not in EVENTS:
        abort(404)
    name = request.form.get("name", "").strip()
    if not name:
        abort(400, description="Please give your name.")
    sign_ups[event_id].append(name)
    flash(f"See you there, {name}!")
    return redirect(url_for(".show", event_id=event_id), code=303)
