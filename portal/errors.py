"""Friendly error pages: never a stack trace in a response."""

from __future__ import annotations

import logging

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from werkzeug.exceptions import HTTPException, InternalServerError

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
}


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


def _http_error(err: HTTPException) -> tuple[str, int]:
    code = err.code or 500
    if code == 413:
        from flask import current_app

        limit = current_app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)
        return render_error(413, f"The upload is larger than the {limit} MB this portal accepts.")
    return render_error(code)


def _csrf_error(err: CSRFError) -> tuple[str, int]:
    return render_error(400, "The form expired or was not sent from this site. Reload the page and retry.")


def _unexpected(err: Exception) -> tuple[str, int]:
    if isinstance(err, HTTPException):
        return _http_error(err)
    log.exception("unhandled error", exc_info=err)
    return render_error(500)


def register(app: Flask) -> None:
    """Install the error handlers on `app`."""
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(InternalServerError, _unexpected)
    app.register_error_handler(Exception, _unexpected)
