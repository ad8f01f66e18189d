"""Who is calling the API: a bearer token (never a browser session), its scope, its rate limit.

A token stands for its user: the views then run the pages' own checks (portal/security.py scoping,
role decorators) on that user. Browser sessions are ignored under /api/, which is why CSRF does not
apply there: a request without the token header opens nothing, whatever cookies it carries.
"""

from __future__ import annotations

import hashlib
import logging

import sqlalchemy as sa
from flask import Flask, abort, g, request
from flask_limiter.util import get_remote_address
from werkzeug.wrappers import Response

from ..extensions import db
from ..models import ApiToken, utcnow
from ..transactions import SAFE_METHODS, is_contention, writing
from . import tokens

log = logging.getLogger(__name__)

DEFAULT_LIMITS = {"API_RATE_LIMIT": "120 per minute; 5000 per hour",
                  "API_RATE_LIMIT_ADDRESS": "600 per minute"}
TOUCH_EVERY_S = 60  # last-used is kept to the minute: one write per token per minute at most


def bearer() -> str | None:
    """Return the token the request sends (Authorization: Bearer …), if any."""
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


def token_key() -> str:
    """Count requests per token sent (a digest: the limiter's store never holds a token)."""
    secret = bearer()
    if not secret:
        return "anonymous:" + get_remote_address()
    return "token:" + hashlib.sha256(secret.encode()).hexdigest()[:32]


def authenticate() -> None:
    """Sign the request in as the token's user, or refuse it (401 no/unknown token, 403 wrong scope)."""
    from ..extensions import login_manager

    secret = bearer()
    token = tokens.authenticate(secret) if secret else None
    if token is None:
        g._login_user = login_manager.anonymous_user()
        abort(401)
    scope = "read" if request.method in SAFE_METHODS else "write"
    if not token.allows(scope):
        g._login_user = login_manager.anonymous_user()
        abort(403, description=f"This token may only {' and '.join(token.scopes)}; "
                               f"this call needs the {scope} scope.")
    g._login_user = token.user  # Flask-Login's current_user for this request: the pages' checks apply
    g.api_token = (token.id, token.last_used_at)


def record_use(response: Response) -> Response:
    """Keep the token's last-used time, on a connection of its own after the request's transaction
    (a GET never writes in its own transaction; this bookkeeping is dropped when the database is busy)."""
    used = g.pop("api_token", None)
    if used is None:
        return response
    token_id, last = used
    now = utcnow()
    if last is not None and (now - last).total_seconds() < TOUCH_EVERY_S:
        return response
    try:
        with writing(), db.engine.begin() as conn:
            conn.execute(sa.update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=now))
    except sa.exc.DBAPIError as err:
        if not is_contention(err):
            raise
        log.warning("token last-used time not saved: the database stayed busy")
    return response


def set_default_limits(app: Flask) -> None:
    """Give `app` the default limits (per token, per address) unless it configures its own."""
    for name, value in DEFAULT_LIMITS.items():
        app.config.setdefault(name, value)
