"""API tokens: made for a user, shown once, stored as a SHA-256 digest, revoked for good.

A token is 32 random bytes (256 bits), so a plain SHA-256 is enough to keep the stored digests
useless to a reader of the database: there is nothing to guess, unlike a password.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from .. import audit
from ..extensions import db
from ..models import API_SCOPES, ApiToken, User, utcnow

TOKEN_PREFIX = "cs_"
NAME_MAX = 100


class TokenError(ValueError):
    """A token request that cannot be carried out; `str()` is a user-facing reason."""


@dataclass(frozen=True)
class NewToken:
    """A token just made: the row, and the secret (which is never stored and never shown again)."""

    row: ApiToken
    secret: str


def digest(secret: str) -> str:
    """Return the stored form of a token."""
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user: User, name: str, scopes: Iterable[str]) -> NewToken:
    """Make a token acting as `user` in their organisation, with `scopes` (read, write)."""
    wanted = sorted(set(scopes))
    if not wanted or any(scope not in API_SCOPES for scope in wanted):
        raise TokenError("Choose read, or read and write.")
    if user.role == "admin":
        raise TokenError("Administrators run the instance; the API serves organisations' users.")
    label = name.strip()
    if not label or len(label) > NAME_MAX:
        raise TokenError(f"Give the token a name of 1 to {NAME_MAX} characters.")
    if "write" in wanted:
        wanted = sorted({"read", "write"})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(organisation_id=user.organisation_id, user_id=user.id, name=label,
                   prefix=secret[:10], token_hash=digest(secret), scopes=wanted)
    db.session.add(row)
    db.session.flush()
    audit.record(user, "api_token.create", row, name=label, scopes=wanted)
    return NewToken(row, secret)


def revoke_token(token: ApiToken, actor: User) -> None:
    """End `token` for good (revoking twice changes nothing)."""
    if token.revoked_at is not None:
        return
    token.revoked_at, token.revoked_by = utcnow(), actor.id
    db.session.flush()
    audit.record(actor, "api_token.revoke", token, name=token.name, owner=token.user_id,
                 organisation_id=token.organisation_id)


def tokens_of(user: User) -> list[ApiToken]:
    """Return `user`'s tokens, newest first (revoked ones too, marked)."""
    query = sa.select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc())
    return list(db.session.scalars(query))


def all_tokens() -> list[ApiToken]:
    """Return every token with its owner, newest first (the operators' page)."""
    query = sa.select(ApiToken).options(joinedload(ApiToken.user)).order_by(ApiToken.id.desc())
    return list(db.session.scalars(query))


def owned_token(token_id: int, user: User) -> ApiToken | None:
    """Return `user`'s token `token_id` (admins: anyone's), else None."""
    token = db.session.get(ApiToken, token_id)
    if token is None or (user.role != "admin" and token.user_id != user.id):
        return None
    return token


def authenticate(secret: str) -> ApiToken | None:
    """Return the live token for `secret` whose user is still active, else None (reads only)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    query = (sa.select(ApiToken).options(joinedload(ApiToken.user).joinedload(User.organisation))
             .where(ApiToken.token_hash == digest(secret)))
    token = db.session.scalar(query)
    if token is None or not token.active or not token.user.is_active:
        return None
    if token.user.organisation_id != token.organisation_id:  # moved to another organisation
        return None
    return token


def mark_used(token: ApiToken) -> None:
    """Record that `token` was used now (once a minute at most, to spare the database)."""
    now = utcnow()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() >= 60:
        db.session.execute(sa.update(ApiToken).where(ApiToken.id == token.id).values(last_used_at=now))
