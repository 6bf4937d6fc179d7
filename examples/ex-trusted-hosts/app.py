"""Exercise: answer only to the site's own name."""

from flask import Flask

app = Flask(__name__)
# Set TRUSTED_HOSTS here.


@app.get("/")
def home():
    return "The Garden Club"
