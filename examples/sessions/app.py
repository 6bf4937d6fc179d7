"""Sessions and logging in: remembering who is asking, from one request to the next.

``session`` is a dict that Flask keeps in a cookie, signed so that the
browser cannot change it. The login form checks a password against a hash
made by ``werkzeug.security``, and logging in puts the user's name in the
session. A page that needs a login sends strangers to the form; the JSON
``/api/me`` answers ``401`` instead, and ``/admin`` answers ``403`` to anyone
who is not an admin. ``/peek`` reads the session cookie without the secret
key, to show that a session is signed, not secret. Every ``POST`` from a page
of another site is refused.
"""

import base64
import json
import zlib
from datetime import datetime, timezone
from functools import wraps

from flask import Flask, abort, redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash

app = Flask(__name__)
# Signs the session cookie: whoever knows it can write any session they like.
# A real app reads it from its environment; never publish it as this one is.
app.secret_key = "only-for-trying-this-example"
app.config["SESSION_COOKIE_SAMESITE"] = "Lax"

# The users, as a database would keep them: a hash of each password, never the password.
with app.open_resource("users.json") as file:
    USERS = json.load(file)


@app.get("/visits")
def visits():
    session["visits"] = session.get("visits", 0) + 1
    return f"Visits so far: {session['visits']}."


@app.get("/peek")
def peek():
    cookie = request.cookies.get(app.config["SESSION_COOKIE_NAME"])
    if cookie is None:
        return {"data": None}
    data, timestamp, signature = cookie.rsplit(".", 2)
    signed_at = int.from_bytes(from_base64(timestamp), "big")
    return {
        "data": json.loads(from_base64(data)),
        "signed at": datetime.fromtimestamp(signed_at, timezone.utc).isoformat(),
        "signature": signature,
    }


def from_base64(text: str) -> bytes:
    """Undo itsdangerous' encoding: URL-safe base64 without padding; a leading dot means zlib."""
    raw = base64.urlsafe_b64decode(text.lstrip(".") + "==")
    return zlib.decompress(raw) if text.startswith(".") else raw


# An unknown name is checked against a real hash all the same, so that it takes
# as long as a wrong password: how long an answer takes must not tell which names exist.
DECOY_HASH = next(iter(USERS.values()))["password_hash"]


def password_is_right(name: str, password: str) -> bool:
    user = USERS.get(name)
    matches = check_password_hash(user["password_hash"] if user else DECOY_HASH, password)
    return user is not None and matches


@app.before_request
def refuse_posts_from_other_sites():
    # Browsers name the page's origin in an Origin header on every POST.
    origin = request.headers.get("Origin")
    if request.method == "POST" and origin and origin != request.host_url.rstrip("/"):
        abort(403)


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html")
    name = request.form.get("name", "")
    if not password_is_right(name, request.form.get("password", "")):
        return render_template("login.html", name=name, problem="Wrong name or password.")
    session.clear()
    session["user"] = name
    return redirect(url_for("account"), code=303)


@app.post("/logout")
def logout():
    session.clear()
    return redirect(url_for("login"), code=303)


def login_required(view):
    @wraps(view)
    def view_for_users(**kwargs):
        if "user" not in session:
            return redirect(url_for("login"))
        return view(**kwargs)

    return view_for_users


@app.get("/account")
@login_required
def account():
    return render_template("account.html", name=session["user"])


@app.get("/admin")
@login_required
def admin():
    if USERS[session["user"]]["role"] != "admin":
        abort(403)
    return render_template("admin.html")


@app.get("/api/me")
def me():
    name = session.get("user") or user_from_basic_auth()
    if name is None:
        challenge = {"WWW-Authenticate": 'Basic realm="sessions example"'}
        return {"error": "Log in, or send a name and password."}, 401, challenge
    return {"user": name, "role": USERS[name]["role"]}


def user_from_basic_auth() -> str | None:
    """The name in an ``Authorization: Basic ...`` header, if its password is right."""
    credentials = request.authorization
    if credentials is None or credentials.type != "basic":
        return None
    if not password_is_right(credentials.username, credentials.password):
        return None
    return credentials.username
