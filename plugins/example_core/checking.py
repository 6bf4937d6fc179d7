"""An exercise's checks: what part of a response each one reads, and its verdict.

One module for the three places: the build reads the expected values from
the solution's answers (``expected_checks``) and proves the starting app
fails; the page's Python and a student's ``pytest`` call ``check_app`` on
the student's app. So a check passes or fails alike everywhere.

A check is plain JSON data: the request it reads (its index), its spec as
written (``status``, ``header Location``, ``json error``...), and the
expected value, a string or None for "not in the response".

A ``console`` check reads what the app printed while answering (``print``,
``app.logger``, ``logging``; never the development server's access line).
It is lenient, as a teacher would be: each line the solution printed, less
the ``[time] LEVEL in module:`` that Flask's logger puts first, must appear
within a line the student's app printed, however it printed it.
"""

from __future__ import annotations

import json
import re
import traceback
from http.cookies import CookieError, SimpleCookie
from typing import Any

from .console import Console, printed_by_app
from .model import Exchange, HttpResponse
from .runner import Replay
from .wire import request_from_json

KINDS = ("status", "header", "has-header", "no-header", "body", "json", "cookie", "console")
NAMED = {"header", "has-header", "no-header", "json", "cookie"}
# What a check of the answer alone can read; ``console`` reads the server's side.
OF_THE_ANSWER = tuple(kind for kind in KINDS if kind != "console")
CONSOLE_LABEL = "Console (a line must contain each expected line)"
# What Flask's default log handler writes before a message.
LOG_PREFIX = re.compile(r"^\[[^\]\n]*\] [A-Z]+ in [\w.]+: ")
_MISSING = object()


def parse_spec(spec: str, kinds: tuple[str, ...] = KINDS) -> tuple[str, str | None]:
    """A check's kind and name from its spec, such as ``("header", "Location")``.

    ``kinds`` are those allowed where the spec is written. Raises
    ``ValueError`` with a message for the author.
    """
    kind, _, name = spec.strip().partition(" ")
    name = name.strip()
    if kind not in KINDS:
        raise ValueError(f"unknown check {spec!r} (checks: {', '.join(kinds)})")
    if kind not in kinds:
        raise ValueError(f"the check {kind!r} cannot be used here (here: {', '.join(kinds)})")
    if kind in NAMED and not name:
        raise ValueError(f"the check {kind!r} needs a name, such as '{kind} {_example(kind)}'")
    if kind not in NAMED and name:
        raise ValueError(f"the check {kind!r} takes no name (got {name!r})")
    return kind, name or None


def _example(kind: str) -> str:
    return {"json": "error", "cookie": "session"}.get(kind, "Location")


def field_label(kind: str, name: str | None) -> str:
    """What a check reads, as the page shows it: ``Status``, ``Location``, ``JSON error``."""
    if kind == "status":
        return "Status"
    if kind == "body":
        return "Body"
    if kind == "json":
        return f"JSON {name}"
    if kind == "cookie":
        return f"Cookie {name}"
    if kind == "console":
        return CONSOLE_LABEL
    return str(name)


def field_value(kind: str, name: str | None, exchange: Exchange) -> str | None:
    """The part of ``exchange`` a check reads, as text; None when the response lacks it.

    For ``console``, what the app printed while answering, the access line left out.
    """
    if kind == "console":
        return printed_by_app(exchange.console)
    response = exchange.response
    if kind == "status":
        return response.status
    if kind == "body":
        return response.body.decode("utf-8", "replace")
    if kind == "header":
        return response.header(str(name))
    if kind in ("has-header", "no-header"):
        return "yes" if response.header(str(name)) is not None else "no"
    if kind == "cookie":
        return "yes" if _sets_cookie(response, str(name)) else "no"
    value = _json_field(response.body, str(name))
    return None if value is _MISSING else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _sets_cookie(response: HttpResponse, name: str) -> bool:
    """Whether a ``Set-Cookie`` of the response sets ``name`` (a deletion does not count)."""
    for header, value in response.headers:
        if header.lower() != "set-cookie":
            continue
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(value)
        except CookieError:
            continue
        morsel = jar.get(name)
        if morsel is not None and morsel["max-age"] != "0" and not _expired(morsel["expires"]):
            return True
    return False


def _expired(expires: str) -> bool:
    # Werkzeug deletes a cookie with this date (and Max-Age=0).
    return "1970" in expires


def _json_field(body: bytes, path: str) -> Any:
    try:
        value: Any = json.loads(body)
    except ValueError:
        return _MISSING
    for step in path.split("."):
        if isinstance(value, dict) and step in value:
            value = value[step]
        elif isinstance(value, list) and step.isdigit() and int(step) < len(value):
            value = value[int(step)]
        else:
            return _MISSING
    return value


def logged_messages(printed: str) -> str:
    """A console check's value: the lines of ``printed``, less Flask's log prefix and blanks."""
    lines = (LOG_PREFIX.sub("", line).strip() for line in printed.splitlines())
    return "\n".join(line for line in lines if line)


def _contains_each(expected: str, actual: str) -> bool:
    """Whether each line of ``expected`` is found within some line of ``actual``."""
    lines = actual.splitlines()
    return all(any(wanted in line for line in lines) for wanted in expected.splitlines())


def _same(kind: str, expected: str | None, actual: str | None) -> bool:
    if kind == "console":
        return expected is not None and actual is not None and _contains_each(expected, actual)
    if kind == "status":
        return _code(expected) == _code(actual)
    if kind == "json" and expected is not None and actual is not None:
        return json.loads(expected) == json.loads(actual)
    return expected == actual


def _code(status: str | None) -> str | None:
    return status.split(maxsplit=1)[0] if status else None


def expected_check(request: int, spec: str, exchange: Exchange) -> dict:
    """A check (its request and spec), its expected value read from the solution's ``exchange``.

    Raises ``ValueError`` if the spec is wrong or the solution does not
    answer what it names (no such header, no JSON field, no cookie set,
    nothing printed).
    """
    kind, name = parse_spec(spec)
    value = field_value(kind, name, exchange)
    if kind == "console" and value is not None:
        value = logged_messages(value) or None
    wanted = {"has-header": "yes", "no-header": "no", "cookie": "yes"}.get(kind)
    if value is None or (wanted and value != wanted):
        raise ValueError(_absent(kind, name, exchange.response))
    return {"request": request, "spec": spec, "expected": value}


def _absent(kind: str, name: str | None, response: HttpResponse) -> str:
    if kind == "console":
        return (
            "the check 'console' fails on the solution: it printed nothing while answering "
            "(the access line does not count)"
        )
    if kind == "no-header":
        return f"the check 'no-header {name}' fails on the solution: it sends {name}"
    if kind == "json":
        return f"the check 'json {name}' names a field the solution's answer has no value for"
    if kind == "cookie":
        return f"the check 'cookie {name}' names a cookie the solution's answer does not set"
    return (
        f"the check '{kind} {name}' names a header the solution's answer does not send "
        f"(it sends: {', '.join(header for header, _ in response.headers)})"
    )


def verdicts(checks: list[dict], exchanges: list[Exchange | None]) -> list[dict]:
    """Each check's verdict on ``exchanges`` (None for a request that raised or was not sent)."""
    results = []
    for check in checks:
        exchange = exchanges[check["request"]] if check["request"] < len(exchanges) else None
        kind, name = parse_spec(check["spec"])
        result = {
            "request": check["request"],
            "spec": check["spec"],
            "field": field_label(kind, name),
            "expected": check["expected"],
        }
        if exchange is None:
            results.append({**result, "actual": None, "passed": False, "raised": True})
            continue
        actual = field_value(kind, name, exchange)
        results.append(
            {**result, "actual": actual, "passed": _same(kind, check["expected"], actual)}
        )
    return results


def check_app(app: Any, exercise: dict, console: Console | None = None) -> dict:
    """Send the exercise's requests to a fresh client of ``app``; every check's verdict.

    ``exercise`` holds ``requests`` (``wire.request_json`` forms) and
    ``checks`` (see ``expected_check``). A request that raises ends the
    run: ``error`` is its traceback, and its checks and the later ones fail.
    ``console``, installed before ``app`` was loaded, gives ``console``
    checks what the app printed; without it, the app printed nothing.
    """
    replay = Replay(app.test_client(), console)
    requests = [request_from_json(data) for data in exercise["requests"]]
    exchanges: list[Exchange | None] = []
    error = None
    for request in requests:
        try:
            exchanges.append(replay.send(request))
        except (Exception, SystemExit):  # the student's code may raise anything: report it
            error = traceback.format_exc()
            break
    summaries = [f"{request.method} {request.target}" for request in requests]
    checks = [
        {**verdict, "summary": summaries[verdict["request"]]}
        for verdict in verdicts(exercise["checks"], exchanges)
    ]
    return {"passed": all(c["passed"] for c in checks), "error": error, "checks": checks}
