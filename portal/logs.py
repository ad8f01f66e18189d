"""Logs as one JSON object a line, each carrying the request id, user, organisation, job and timing.

One formatter for the web processes and the queue workers: a log shipper can join a request to the
jobs it started (the job lines carry the job id; the request line says which jobs it queued).
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from flask import Flask, g, request
from werkzeug.wrappers import Response

_context: ContextVar[dict[str, Any] | None] = ContextVar("certscope_log_context", default=None)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object: time, level, logger, message, context, extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
        entry: dict[str, Any] = {"ts": f"{stamp}.{int(record.msecs):03d}Z", "level": record.levelname.lower(),
                                 "logger": record.name, "message": record.getMessage()}
        entry.update(_context.get() or {})
        entry.update({k: v for k, v in record.__dict__.items()
                      if k not in _STANDARD and not k.startswith("_")})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def configure_logging(level: int = logging.INFO, stream: Any = None) -> None:
    """Send every log line to stderr as JSON (once per process)."""
    root = logging.getLogger()
    if any(isinstance(h.formatter, JsonFormatter) for h in root.handlers):
        return
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    root.handlers = [handler]
    root.setLevel(level)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # our request line replaces its access log


@contextmanager
def bound(**fields: Any) -> Iterator[None]:
    """Add `fields` to every log line written inside the block."""
    token = _context.set({**(_context.get() or {}), **{k: v for k, v in fields.items() if v is not None}})
    try:
        yield
    finally:
        _context.reset(token)


def job_context(job_id: str | None, name: str) -> Any:
    """Log lines inside a job carry its id and name."""
    return bound(job_id=job_id, job=name)


def init_app(app: Flask) -> None:
    """Give each request an id (X-Request-ID when sane, else new) and log one line per request."""
    if app.config.get("LOG_JSON"):
        configure_logging()
    app.before_request(_start)
    app.after_request(_finish)
    app.teardown_request(_reset)


def _start() -> None:
    given = request.headers.get("X-Request-ID", "")
    g.request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
    g.request_started = time.perf_counter()
    g.log_token = _context.set({**(_context.get() or {}), "request_id": g.request_id})


def _finish(response: Response) -> Response:
    from flask_login import current_user

    response.headers["X-Request-ID"] = g.get("request_id", "")
    user = current_user if getattr(current_user, "is_authenticated", False) else None
    elapsed = (time.perf_counter() - g.get("request_started", time.perf_counter())) * 1000
    logging.getLogger("portal.request").info(
        "request", extra={"method": request.method, "path": request.path, "status": response.status_code,
                          "duration_ms": round(elapsed, 1), "user_id": getattr(user, "id", None),
                          "organisation_id": getattr(user, "organisation_id", None)})
    return response


def _reset(error: BaseException | None) -> None:
    token = g.pop("log_token", None)
    if token is not None:
        with contextlib.suppress(ValueError):  # reset from another context (streamed responses)
            _context.reset(token)
