"""A small app made ready to run behind a reverse proxy that speaks HTTPS.

The proxy talks HTTPS with browsers and plain HTTP with this app, and says
what it saw in X-Forwarded-For and X-Forwarded-Proto. ProxyFix makes Flask
believe those headers, from one proxy only. TRUSTED_HOSTS turns away
requests for any other site name. A request that came over plain HTTP is
sent to HTTPS; answers over HTTPS carry Strict-Transport-Security; the
cookie it sets is Secure.
"""

from flask import Flask, redirect, request, url_for
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)
app.config["TRUSTED_HOSTS"] = ["club.example.org"]
# One proxy in front: believe the last value it adds to each header, no more.
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)


@app.before_request
def https_only():
    if not request.is_secure:
        return redirect(request.url.replace("http://", "https://", 1), code=308)


@app.after_request
def strict_transport_security(response):
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = "max-age=31536000"
    return response


@app.get("/")
def where():
    connection = request.environ["werkzeug.proxy_fix.orig"]
    lines = [
        f"client: {request.remote_addr}",
        f"scheme: {request.scheme}",
        f"host: {request.host}",
        f"this page: {url_for('where', _external=True)}",
        f"connection from: {connection['REMOTE_ADDR']}",
        f"connection scheme: {connection['wsgi.url_scheme']}",
        f"theme: {request.cookies.get('theme', 'light')}",
    ]
    return "\n".join(lines) + "\n", {"Content-Type": "text/plain; charset=utf-8"}


@app.post("/theme")
def theme():
    response = redirect(url_for("where"), code=303)
    chosen = request.form.get("theme", "light")
    response.set_cookie("theme", chosen, secure=True, httponly=True, samesite="Lax")
    return response
