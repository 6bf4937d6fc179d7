"""What may differ between the answers a page shows and another place's, and why: the one list.

The list itself is ``differences.json``, read here, by the live panel's
JavaScript and by the test that checks note 04 explains every entry. The
page's answers come from Flask's test client, on the build's clock, in the
repository. A real server on that same clock and folder
(``test_real_server``) adds a few headers; a student's run (the take-home
tests) happens at another moment, in another folder, so a few values
differ too; the Python in the reader's browser hashes strings another way
and lacks a few modules. The functions here blank out what may differ, for
the tests that compare places.
"""

from __future__ import annotations

import json
import re
from importlib.resources import files

from .model import HttpResponse

# Read as a resource: in the browser, this package is imported from a zip.
LIST = json.loads(files(__package__).joinpath("differences.json").read_text(encoding="utf-8"))


def _by_header(kind: str) -> dict[str, str]:
    return {entry["header"]: entry["why"] for entry in LIST[kind]}


# Headers that only a real server adds: the test client has no network
# connection and no server, so the page never shows them.
ADDED_BY_A_REAL_SERVER = _by_header("headers_added_by_a_real_server")
# Headers whose value depends on when the server runs, or in which folder.
# Their presence is compared; their value is not.
SET_BY_THE_MOMENT_OR_FOLDER = _by_header("headers_set_by_the_moment_or_folder")
# Lists whose order depends on Python's string hashing, which changes each
# time Python starts (the build pins it with PYTHONHASHSEED=0): the same
# items must be there, in any order.
ORDER_CHANGES_WITH_EACH_START = _by_header("headers_listing_a_set")
# In Set-Cookie: Flask's session cookie ends with the moment it was signed and
# a signature; a cookie's Expires is counted from the moment of the request.
SIGNED_COOKIE: str = LIST["signed_cookie"]["cookie"]
# What a terminal running ``flask run`` shows that the page's console does not.
CONSOLE = {entry["part"]: entry["why"] for entry in LIST["console"]}
COOKIE_EXPIRES = re.compile(LIST["cookie_expires"]["pattern"])
# Bodies that hold something random or the moment, by example and path: the
# part the pattern matches may differ (and so may the body's length), the
# rest may not.
CHANGING_BODIES = {
    (entry["example"], entry["target"]): (entry["pattern"].encode(), entry["why"])
    for entry in LIST["changing_bodies"]
}
# Bodies that show a cookie marked Secure: a client sends it back over HTTPS
# only, and a student's server speaks plain HTTP.
SECURE_COOKIE_BODIES = {
    (entry["example"], entry["target"]): (entry["pattern"].encode(), entry["why"])
    for entry in LIST["secure_cookies_over_http"]
}
# The name the page's client gives the server, where a student's says 127.0.0.1:5000.
PAGE_ADDRESS: str = LIST["address"]["page"]


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


def as_a_student_sees_it(
    response: HttpResponse, example: str, target: str, address: str | None = None
) -> HttpResponse:
    """The response with what depends on the moment, the folder or the start blanked out.

    ``address`` is the host and port the student's client called the server
    (``127.0.0.1:5000``): where the answer repeats it, it reads as the page's.
    """
    if address:
        response = _at_the_pages_address(response, address)
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
    for differing in (CHANGING_BODIES, SECURE_COOKIE_BODIES):
        if (example, target) not in differing:
            continue
        pattern, _ = differing[example, target]
        body = re.sub(pattern, b"(differs)", body)
        headers = [(k, "(differs)" if k.lower() == "content-length" else v) for k, v in headers]
    return HttpResponse(response.status, tuple(headers), body)


def _at_the_pages_address(response: HttpResponse, address: str) -> HttpResponse:
    """The response with ``address`` written as the page's; ``Content-Length`` counted again."""
    body = response.body.replace(address.encode(), PAGE_ADDRESS.encode())
    headers = []
    for name, value in response.headers:
        if name.lower() == "content-length" and body != response.body:
            value = str(len(body))
        headers.append((name, value.replace(address, PAGE_ADDRESS)))
    return HttpResponse(response.status, tuple(headers), body)


def _without_signing_moment(set_cookie: str) -> str:
    name, _, rest = set_cookie.partition("=")
    if name != SIGNED_COOKIE:
        return set_cookie
    value, separator, attributes = rest.partition(";")
    payload = value.rsplit(".", 2)[0] if value.count(".") >= 2 else value
    return f"{name}={payload}.(moment).(signature){separator}{attributes}"
