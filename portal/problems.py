"""RFC 9457 problem details: how the API (/api/) answers an error, instead of an HTML page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Response, json, request

API_PREFIX = "/api/"
PROBLEM_TYPE = "application/problem+json"


def wants_problem() -> bool:
    """Say whether this request is an API call, answered with problem+json."""
    return request.path.startswith(API_PREFIX)


def problem(status: int, title: str, detail: str | None = None, *, errors: Mapping[str, Any] | None = None,
            headers: Mapping[str, str] | None = None) -> Response:
    """Return a problem+json response (type about:blank: the status code says what kind it is)."""
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body["instance"] = request.path
    if errors:
        body["errors"] = _plain_keys(errors)
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_TYPE)
    response.headers["Cache-Control"] = "no-store"
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _plain_keys(value: Any) -> Any:
    """Make every mapping key text: a multipart part whose name cannot be read arrives keyed None,
    and JSON (with sorted keys) cannot mix None and text keys."""
    if isinstance(value, Mapping):
        return {("(no name)" if key is None else str(key)): _plain_keys(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain_keys(item) for item in value]
    return value
