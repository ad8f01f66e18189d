"""Helpers of the API tests: tokens made as the portal makes them, and a client that sends them."""

from __future__ import annotations

from typing import Any

from flask import Flask

from portal.api import tokens
from portal.extensions import db
from portal.models import User


def make_token(app: Flask, user: User, scopes: tuple[str, ...] = ("read", "write"), *,
               revoked: bool = False) -> str:
    """Create a token for `user` (committed) and return its secret."""
    with app.app_context():
        owner = db.session.get_one(User, user.id)
        made = tokens.create_token(owner, "test", scopes)
        if revoked:
            tokens.revoke_token(made.row, owner)
        db.session.commit()
        return made.secret


def bearer(secret: str | None) -> dict[str, str]:
    """The header that sends `secret` (none for None)."""
    return {"Authorization": f"Bearer {secret}"} if secret else {}


def call(client: Any, method: str, url: str, secret: str | None, **kw: Any) -> Any:
    """Call the API with `secret`."""
    return client.open(url, method=method, headers=bearer(secret), **kw)


# A valid body for every API route that takes one: a tenant check must be reached, not a 422 on the
# body. A new write route without one here fails the isolation tests (`request_kwargs` raises).
BODIES: dict[str, Any] = {
    "api_v1.create_assessment": {"json": {"supplier_name": "Walk Vendor", "product": "Walk Product",
                                          "template_key": "iso42001-supplier"}},
    "api_v1.put_answers": {"json": {"answers": {}, "submit": False}},
    "api_v1.decide": {"json": {"decision": "rejected", "reason": "walked"}},
    "api_v1.correct_field": {"json": {"field": "holder", "value": "Walker", "reason": "walked"}},
    "api_v1.correct_control": {"json": {"control": "A.2.2", "state": "not_applicable", "reason": "walked"}},
}
SAFE = {"GET", "HEAD", "OPTIONS"}


def request_kwargs(endpoint: str, method: str) -> dict[str, Any]:
    """Return what to send to `endpoint` with `method` (fresh each time: uploads are streams)."""
    if method in SAFE:
        return {}
    if endpoint == "api_v1.upload":
        import io

        from .builders import pdf_bytes

        return {"data": {"role": "certificate", "file": (io.BytesIO(pdf_bytes("walked upload")), "w.pdf")},
                "content_type": "multipart/form-data"}
    if endpoint not in BODIES:
        raise KeyError(f"{endpoint}: give it a valid body in tests/web/api_helpers.py BODIES")
    return dict(BODIES[endpoint])
