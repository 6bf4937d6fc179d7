"""What may differ between the answers a page shows and a real server's, and why: the one list.

The page's answers come from Flask's test client, on the build's clock, in
the repository. ``test_real_server`` runs the development server on that
same clock and folder, so only the headers a real server adds may differ.
A student's run (``test_take_home``) happens at another moment, in another
folder, so a few values differ too. The note ``content/04-run-locally.md``
explains every entry here, and a test checks that it names each one.
"""

from __future__ import annotations

import re

from flask_exchanges.run import HttpResponse

# Headers that only a real server adds: the test client has no network
# connection and no server, so the page never shows them.
ADDED_BY_A_REAL_SERVER = {
    "Date": "the moment the server answered",
    "Server": "the server's name and the Python version, such as Werkzeug/3.1.9 Python/3.12.1",
    "Connection": "close: the development server closes the connection after each answer",
}

# Headers whose value depends on when the server runs, or in which folder.
# Their presence is compared; their value is not.
SET_BY_THE_MOMENT_OR_FOLDER = {
    "Expires": "the moment of the request, plus the time the file may be kept",
    "Last-Modified": "when the file was last changed: the moment you unzipped it, or the zip's",
    "ETag": "for a file, made from its modification time, size and place on your disk",
}

# Lists whose order depends on Python's string hashing, which changes each
# time Python starts (the build pins it with PYTHONHASHSEED=0): the same
# items must be there, in any order.
ORDER_CHANGES_WITH_EACH_START = {
    "Allow": "Werkzeug collects the methods of a URL in a set, and lists that set",
}

# In Set-Cookie: Flask's session cookie ends with the moment it was signed,
# and a signature that covers that moment (what it holds, before them, must
# match); and a cookie's Expires is counted from the moment of the request.
SIGNED_COOKIE = "session"
COOKIE_EXPIRES = re.compile(r"(?i)(; Expires=)[^;]*")

# Bodies that hold something random or the moment, by example and path: the
# part the pattern matches may differ (and so may the body's length), the
# rest may not.
CHANGING_BODIES = {
    ("templates", "/lucky"): (rb"\d+", "a random number, different on every request"),
    ("sessions", "/peek"): (
        rb'"(?:signed at|signature)": "[^"]*"',
        "the session cookie's signing moment, and its signature",
    ),
}


def without_server_headers(response: HttpResponse) -> HttpResponse:
    """The response without the headers only a real server adds."""
    added = {name.lower() for name in ADDED_BY_A_REAL_SERVER}
    kept = tuple((k, v) for k, v in response.headers if k.lower() not in added)
    return HttpResponse(response.status, kept, response.body)


def in_any_order(response: HttpResponse) -> HttpResponse:
    """The response with its headers sorted by name, same-named ones kept in their order.

    Waitress, the production server of ``content/15-production.md``, sends
    headers sorted so. The order of fields with different names carries no
    meaning (RFC 9110, section 5.3); that of fields with one name does.
    """
    headers = tuple(sorted(response.headers, key=lambda header: header[0].lower()))
    return HttpResponse(response.status, headers, response.body)


def as_a_student_sees_it(response: HttpResponse, example: str, target: str) -> HttpResponse:
    """The response with what depends on the moment, the folder or the start blanked out."""
    moment = {name.lower() for name in SET_BY_THE_MOMENT_OR_FOLDER}
    unordered = {name.lower() for name in ORDER_CHANGES_WITH_EACH_START}
    headers = []
    for name, value in without_server_headers(response).headers:
        if name.lower() in moment:
            value = "(differs)"
        elif name.lower() in unordered:
            value = ", ".join(sorted(item.strip() for item in value.split(",")))
        elif name.lower() == "set-cookie":
            value = COOKIE_EXPIRES.sub(r"\1(moment)", _without_signing_moment(value))
        headers.append((name, value))
    body = response.body
    if (example, target) in CHANGING_BODIES:
        pattern, _ = CHANGING_BODIES[example, target]
        body = re.sub(pattern, b"(differs)", body)
        headers = [(k, "(differs)" if k.lower() == "content-length" else v) for k, v in headers]
    return HttpResponse(response.status, tuple(headers), body)


def _without_signing_moment(set_cookie: str) -> str:
    name, _, rest = set_cookie.partition("=")
    if name != SIGNED_COOKIE:
        return set_cookie
    value, separator, attributes = rest.partition(";")
    payload = value.rsplit(".", 2)[0] if value.count(".") >= 2 else value
    return f"{name}={payload}.(moment).(signature){separator}{attributes}"
