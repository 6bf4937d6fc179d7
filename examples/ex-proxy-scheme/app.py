"""Exercise: believe the proxy's X-Forwarded-Proto, from one proxy."""

from flask import Flask, request

app = Flask(__name__)
# Wrap app.wsgi_app in Werkzeug's ProxyFix here.


@app.get("/scheme")
def scheme():
    return request.scheme
