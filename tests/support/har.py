"""A HAR file checked against the HAR 1.2 specification's required fields and their types.

The fields and types are those the specification marks required
(http://www.softwareishard.com/blog/har-12-spec/, the W3C Web Performance
group's draft of it): what Chrome's and Firefox's developer tools expect to
find when they open a HAR file.
"""

from __future__ import annotations

from datetime import datetime

NUMBER = (int, float)
PAIR = {"name": str, "value": str}
REQUIRED = {
    "log": {"version": str, "creator": dict, "entries": list},
    "creator": {"name": str, "version": str},
    "entry": {
        "startedDateTime": str,
        "time": NUMBER,
        "request": dict,
        "response": dict,
        "cache": dict,
        "timings": dict,
    },
    "request": {
        "method": str,
        "url": str,
        "httpVersion": str,
        "cookies": list,
        "headers": list,
        "queryString": list,
        "headersSize": int,
        "bodySize": int,
    },
    "response": {
        "status": int,
        "statusText": str,
        "httpVersion": str,
        "cookies": list,
        "headers": list,
        "content": dict,
        "redirectURL": str,
        "headersSize": int,
        "bodySize": int,
    },
    "content": {"size": int, "mimeType": str},
    "postData": {"mimeType": str},
    "timings": {"send": NUMBER, "wait": NUMBER, "receive": NUMBER},
}


def _missing(where: str, value: object, kind: str) -> list[str]:
    if not isinstance(value, dict):
        return [f"{where} is not an object"]
    return [
        f"{where}.{name} is missing or not {getattr(types, '__name__', types)}"
        for name, types in REQUIRED[kind].items()
        if not isinstance(value.get(name), types) or isinstance(value.get(name), bool)
    ]


def _pairs(where: str, items: list) -> list[str]:
    return [
        problem
        for index, item in enumerate(items)
        for problem in (
            [f"{where}[{index}] is not an object"]
            if not isinstance(item, dict)
            else [
                f"{where}[{index}] has no string {name}"
                for name in PAIR
                if not isinstance(item.get(name), str)
            ]
        )
    ]


def har_problems(har: dict) -> list[str]:
    """What in ``har`` breaks HAR 1.2's required structure; none for a good file."""
    problems = _missing("", har, "log") if isinstance(har, dict) and "log" not in har else []
    log = har.get("log") if isinstance(har, dict) else None
    problems = problems or _missing("log", log, "log")
    if problems:
        return problems
    if log["version"] != "1.2":
        problems.append(f"log.version is {log['version']!r}, not '1.2'")
    problems += _missing("log.creator", log["creator"], "creator")
    for index, entry in enumerate(log["entries"]):
        problems += _entry_problems(f"log.entries[{index}]", entry)
    return problems


def _entry_problems(where: str, entry: dict) -> list[str]:
    problems = _missing(where, entry, "entry")
    if problems:
        return problems
    try:
        datetime.fromisoformat(entry["startedDateTime"])
    except ValueError:
        problems.append(f"{where}.startedDateTime is not ISO 8601")
    request, response = entry["request"], entry["response"]
    problems += _missing(f"{where}.request", request, "request")
    problems += _missing(f"{where}.response", response, "response")
    problems += _missing(f"{where}.timings", entry["timings"], "timings")
    if problems:
        return problems
    for part, name in ((request, "request"), (response, "response")):
        for field in ("headers", "cookies") + (("queryString",) if part is request else ()):
            problems += _pairs(f"{where}.{name}.{field}", part[field])
    problems += _missing(f"{where}.response.content", response["content"], "content")
    if "postData" in request:
        problems += _missing(f"{where}.request.postData", request["postData"], "postData")
    return problems
