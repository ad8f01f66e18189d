"""Sign-in with throttling, and account changes."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import sqlalchemy as sa

from .. import audit
from ..extensions import db
from ..models import User
from .passwords import burn_time, hash_password, needs_rehash, verify_password
from .sso_policy import SSO_ONLY, password_sign_in_off
from .throttle import Attempt, Throttle

log = logging.getLogger(__name__)

BAD_CREDENTIALS = "Email or password is not correct."
# One message for every throttled attempt, whichever counter refused it and whether the account exists.
THROTTLED = "Too many sign-in attempts. Wait a few minutes, then try again."


@dataclass(frozen=True)
class LoginResult:
    """The outcome of a sign-in attempt: a user, or the message and status to answer with."""

    user: User | None
    message: str | None = None
    status: int = 200


def find_user_by_email(email: str) -> User | None:
    """Return the user with `email` (case-insensitive), or None."""
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def normalise_email(email: str) -> str:
    """Return `email` trimmed and lowercased (how emails are stored)."""
    return email.strip().lower()


def authenticate(attempt: Attempt, password: str, throttle: Throttle) -> LoginResult:
    """Check credentials unless the throttle says wait; known and unknown accounts take the same path.

    Every attempt that is let through costs one password verification (a decoy hash when there is
    no usable account), so neither the answer nor its timing tells whether the account exists.
    """
    if not throttle.allows(attempt):
        log.warning("sign-in throttled from %s", attempt.address)
        return LoginResult(None, THROTTLED, 429)
    if password_sign_in_off(attempt.email):
        return LoginResult(None, SSO_ONLY, 403)
    user = find_user_by_email(attempt.email)
    if user is not None and user.is_active:
        verified = verify_password(user.password_hash, password)
    else:
        verified = _decoy(password)  # an unknown or deactivated account costs the same time
    if user is None or not verified:
        throttle.failed(attempt)
        if user is not None:
            audit.record(user, "login.failed", user, ip=attempt.address)
        return LoginResult(None, BAD_CREDENTIALS, 401)
    if password_sign_in_off(attempt.email, user):  # told only to who knows the password
        audit.record(user, "login.refused_password_off", user, ip=attempt.address)
        return LoginResult(None, SSO_ONLY, 403)
    _succeed(user, password, attempt.address)
    return LoginResult(user)


def _decoy(password: str) -> bool:
    """Spend one verification's time on no account; never succeeds."""
    burn_time(password)
    return False


def _succeed(user: User, password: str, ip: str) -> None:
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    # With a second factor the sign-in succeeds only once the code is given (totp_routes).
    action = "login.password_accepted" if user.has_second_factor else "login.succeeded"
    audit.record(user, action, user, ip=ip)


def change_password(user: User, new_password: str) -> None:
    """Set a new password for `user`."""
    user.password_hash = hash_password(new_password)
    audit.record(user, "user.password_changed", user)
    db.session.flush()
