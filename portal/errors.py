"""Friendly error pages: never a stack trace in a response."""

from __future__ import annotations

import logging

from flask import Flask, render_template
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException, InternalServerError

from .problems import problem, wants_problem
from .transactions import is_contention

log = logging.getLogger(__name__)

MESSAGES = {
    400: ("Bad request", "The request could not be understood. Please go back and try again."),
    403: ("Not allowed", "You do not have access to this page."),
    404: ("Not found", "There is nothing here, or you do not have access to it."),
    405: ("Not allowed", "That action is not available on this page."),
    410: ("Gone", "This link is no longer valid."),
    413: ("File too large", "The file is larger than this portal accepts."),
    429: ("Too many attempts", "Please wait a little and try again."),
    500: ("Something went wrong", "An unexpected error occurred. It has been logged."),
    503: ("Busy, please try again", "The portal is busy right now and nothing was saved. "
          "Please try again in a moment."),
}
RETRY_AFTER_S = 5


def render_error(code: int, message: str | None = None) -> tuple[str, int]:
    """Render the friendly page for HTTP status `code`."""
    title, default = MESSAGES.get(code, (f"Error {code}", "The request could not be completed."))
    try:
        page = render_template("errors/error.html", code=code, title=title, message=message or default)
    except Exception:  # e.g. an untrusted Host leaves no URL adapter for the template's links
        log.exception("could not render the error page")
        text = escape(message or default)
        page = f"<!doctype html><title>{escape(title)}</title><h1>{escape(title)}</h1><p>{text}</p>"
    return page, code


def _http_error(err: HTTPException) -> ResponseReturnValue:
    code = err.code or 500
    if wants_problem():
        return _http_problem(err, code)
    if code == 413:
        from flask import current_app

        limit = current_app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)
        return render_error(413, f"The upload is larger than the {limit} MB this portal accepts.")
    return render_error(code)


def _http_problem(err: HTTPException, code: int) -> ResponseReturnValue:
    """The API's answer to an HTTP error: what the page would say, as problem+json."""
    title, default = MESSAGES.get(code, (err.name, "The request could not be completed."))
    data = getattr(err, "data", None) or {}  # webargs' validation errors (flask-smorest's abort)
    detail = data.get("message") or (
        err.description if err.description and err.description != type(err).description else default)
    headers = dict(data.get("headers") or {})
    if code == 401:
        detail = "Send an API token: Authorization: Bearer <token> (create one on your account page)."
        headers["WWW-Authenticate"] = 'Bearer realm="certscope"'
    if code == 429:
        headers.setdefault("Retry-After", str(RETRY_AFTER_S))
    if code == 405 and err.get_response().headers.get("Allow"):
        headers["Allow"] = err.get_response().headers["Allow"]
    errors = data.get("errors") or data.get("messages")
    return problem(code, title, detail, errors=errors, headers=headers)


def _csrf_error(err: CSRFError) -> ResponseReturnValue:
    return render_error(400, "The form expired or was not sent from this site. Reload the page and retry.")


def _unexpected(err: Exception) -> ResponseReturnValue:
    # Flask hands errors raised outside the view (opening the session) over wrapped in a 500.
    original = getattr(err, "original_exception", None) or err
    if isinstance(original, DBAPIError) and is_contention(original):
        return _busy(original)
    if isinstance(err, HTTPException):
        return _http_error(err)
    log.exception("unhandled error", exc_info=err)
    if wants_problem():
        return problem(500, MESSAGES[500][0], MESSAGES[500][1])
    return render_error(500)


def _busy(err: DBAPIError) -> ResponseReturnValue:
    """Lock contention that outlasted the wait is "busy, try again": the transaction was undone."""
    from flask import g

    from .extensions import login_manager

    log.warning("database busy: answered 503", extra={"error": str(err.orig).splitlines()[0]})
    # The rest of this response (headers, the request log line) asks nothing more of the database.
    g._login_user = login_manager.anonymous_user()
    headers = {"Retry-After": str(RETRY_AFTER_S), "Cache-Control": "no-store"}
    if wants_problem():
        return problem(503, MESSAGES[503][0], MESSAGES[503][1], headers=headers)
    page, code = render_error(503)
    return page, code, headers


def register(app: Flask) -> None:
    """Install the error handlers on `app`."""
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(InternalServerError, _unexpected)
    app.register_error_handler(DBAPIError, _unexpected)
    app.register_error_handler(Exception, _unexpected)
