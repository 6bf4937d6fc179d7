"""Requests and responses as JSON, bodies in base64: how they cross between places.

The block files the build writes for the live panel, the build's cache, and
the answers the browser's Python hands to JavaScript all use these forms:
a body is bytes (a form or an upload is not text), so it travels in base64.
"""

from __future__ import annotations

import base64

from .model import Exchange, HttpRequest, HttpResponse


def to_base64(data: bytes) -> str:
    """Bytes as base64 text."""
    return base64.b64encode(data).decode()


def request_json(request: HttpRequest) -> dict:
    """A request as JSON data: name, method, target, headers, body in base64."""
    return {
        "name": request.name,
        "method": request.method,
        "target": request.target,
        "headers": request.headers,
        "body": to_base64(request.body),
    }


def request_from_json(data: dict, line: int = 0) -> HttpRequest:
    """A request from its JSON form (the name may be missing)."""
    return HttpRequest(
        method=data["method"],
        target=data["target"],
        headers=tuple((name, value) for name, value in data["headers"]),
        body=base64.b64decode(data["body"]),
        name=data.get("name"),
        line=line,
    )


def response_json(response: HttpResponse) -> dict:
    """A response as JSON data: status, headers, body in base64."""
    return {
        "status": response.status,
        "headers": response.headers,
        "body": to_base64(response.body),
    }


def response_from_json(data: dict) -> HttpResponse:
    """A response from its JSON form."""
    return HttpResponse(
        data["status"],
        tuple((name, value) for name, value in data["headers"]),
        base64.b64decode(data["body"]),
    )


def exchange_json(exchange: Exchange) -> dict:
    """An exchange as JSON data, the request's line in the note included."""
    return {
        "request": {**request_json(exchange.request), "line": exchange.request.line},
        "sent_headers": exchange.sent_headers,
        "response": response_json(exchange.response),
        "console": exchange.console,
        **({"over_socket": response_json(exchange.over_socket)} if exchange.over_socket else {}),
    }


def exchange_from_json(data: dict) -> Exchange:
    """An exchange from its JSON form."""
    return Exchange(
        request_from_json(data["request"], data["request"]["line"]),
        response_from_json(data["response"]),
        tuple((name, value) for name, value in data["sent_headers"]),
        data.get("console", ""),
        response_from_json(data["over_socket"]) if "over_socket" in data else None,
    )
