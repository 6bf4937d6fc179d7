"""Solution: answer only to the site's own name."""

from flask import Flask

app = Flask(__name__)
app.config["TRUSTED_HOSTS"] = ["club.example.org"]


@app.get("/")
def home():
    return "The Garden Club"
