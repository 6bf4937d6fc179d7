"""Solution: believe the proxy's X-Forwarded-Proto, from one proxy."""

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)
app.wsgi_app = ProxyFix(app.wsgi_app, x_proto=1)


@app.get("/scheme")
def scheme():
    return request.scheme
