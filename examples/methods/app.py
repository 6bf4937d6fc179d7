"""HTTP methods: the same path can do different things for GET, POST, PUT, PATCH and DELETE.

The tasks live in a dictionary, so they last only while the server runs.
A PUT answers 201 when it creates the task and 200 when it replaces one.
The sign-up form shows the pattern every HTML form should follow: check the
input (400 if it is wrong), and after a successful POST, redirect with 303
so that reloading the page does not send the form again. The flash message
travels to the next page inside the session cookie.
"""

from flask import Flask, flash, get_flashed_messages, redirect, request, url_for
from markupsafe import escape

app = Flask(__name__)
app.secret_key = "only-for-this-example"

tasks = {1: {"title": "Read about HTTP methods", "done": False}}


@app.get("/tasks")
def list_tasks():
    return tasks


@app.post("/tasks")
def add_task():
    title = request.form.get("title", "").strip()
    if not title:
        return {"error": "A task needs a title."}, 400
    task_id = max(tasks, default=0) + 1
    tasks[task_id] = {"title": title, "done": False}
    return tasks[task_id], 201, {"Location": url_for("show_task", task_id=task_id)}


@app.get("/tasks/<int:task_id>")
def show_task(task_id: int):
    if task_id not in tasks:
        return {"error": "No such task."}, 404
    return tasks[task_id]


@app.put("/tasks/<int:task_id>")
def replace_task(task_id: int):
    data = request.get_json()
    status = 200 if task_id in tasks else 201
    tasks[task_id] = {"title": data["title"], "done": data.get("done", False)}
    return tasks[task_id], status


@app.patch("/tasks/<int:task_id>")
def update_task(task_id: int):
    if task_id not in tasks:
        return {"error": "No such task."}, 404
    tasks[task_id].update(request.get_json())
    return tasks[task_id]


@app.delete("/tasks/<int:task_id>")
def delete_task(task_id: int):
    if tasks.pop(task_id, None) is None:
        return {"error": "No such task."}, 404
    return "", 204


@app.route("/echo", methods=["GET", "POST"])
def echo():
    return {"args": request.args, "form": request.form}


@app.post("/upload")
def upload():
    photo = request.files["photo"]
    return {
        "filename": photo.filename,
        "bytes": len(photo.read()),
        "caption": request.form["caption"],
    }


@app.get("/signup")
def signup_form():
    return """<!doctype html>
<html lang="en">
<title>Sign up</title>
<form method="post">
  <label>Name <input name="name"></label>
  <button>Sign up</button>
</form>
"""


@app.post("/signup")
def signup():
    name = request.form.get("name", "").strip()
    if not name:
        return "Please give a name.", 400
    flash(f"Welcome aboard, {name}!")
    return redirect(url_for("welcome"), code=303)


@app.get("/welcome")
def welcome():
    messages = "".join(f"<p>{escape(m)}</p>" for m in get_flashed_messages())
    return f"""<!doctype html>
<html lang="en">
<title>Welcome</title>
<h1>Welcome</h1>
{messages}
"""
