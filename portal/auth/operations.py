"""Sign-in with throttling, and account changes."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import sqlalchemy as sa

from .. import audit
from ..extensions import db
from ..models import LoginFailure, User, utcnow
from .passwords import burn_time, hash_password, needs_rehash, verify_password


@dataclass(frozen=True)
class Throttle:
    """Login throttling limits (from the app config)."""

    max_failures: int = 5
    lockout_minutes: int = 15
    ip_max_failures: int = 20
    ip_window_minutes: int = 15


@dataclass(frozen=True)
class LoginResult:
    """The outcome of a sign-in attempt: a user, or the message to show."""

    user: User | None
    message: str | None = None


BAD_CREDENTIALS = "Email or password is not correct."


def find_user_by_email(email: str) -> User | None:
    """Return the user with `email` (case-insensitive), or None."""
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def normalise_email(email: str) -> str:
    """Return `email` trimmed and lowercased (how emails are stored)."""
    return email.strip().lower()


def authenticate(email: str, password: str, ip: str, limits: Throttle, now: dt.datetime | None = None
                 ) -> LoginResult:
    """Check credentials, applying per-address and per-account throttling."""
    now = now or utcnow()
    if _ip_failures(ip, limits, now) >= limits.ip_max_failures:
        audit.record(None, "login.throttled_ip", None, ip=ip, email=normalise_email(email))
        return LoginResult(None, "Too many failed sign-in attempts from your network. "
                                 f"Try again in {limits.ip_window_minutes} minutes.")
    user = find_user_by_email(email)
    if user is not None and user.locked_until is not None and user.locked_until > now:
        _note_failure(ip, email, now)
        return LoginResult(None, _locked_message(user.locked_until, now))
    if user is None or not user.is_active:
        if user is None:
            burn_time(password)
        _note_failure(ip, email, now)
        return LoginResult(None, BAD_CREDENTIALS)
    if not verify_password(user.password_hash, password):
        _note_failure(ip, email, now)
        return _count_failure(user, limits, now)
    _succeed(user, password, ip, now)
    return LoginResult(user)


def _ip_failures(ip: str, limits: Throttle, now: dt.datetime) -> int:
    since = now - dt.timedelta(minutes=limits.ip_window_minutes)
    query = sa.select(sa.func.count()).select_from(LoginFailure).where(LoginFailure.ip == ip,
                                                                        LoginFailure.at >= since)
    return db.session.scalar(query) or 0


def _note_failure(ip: str, email: str, now: dt.datetime) -> None:
    """Keep the failure for the per-address count, dropping rows too old to matter."""
    db.session.execute(sa.delete(LoginFailure).where(LoginFailure.at < now - dt.timedelta(days=1)))
    db.session.add(LoginFailure(ip=ip, email=normalise_email(email)[:255], at=now))
    db.session.flush()


def _count_failure(user: User, limits: Throttle, now: dt.datetime) -> LoginResult:
    user.failed_logins = (user.failed_logins or 0) + 1
    if user.failed_logins < limits.max_failures:
        audit.record(user, "login.failed", user, attempts=user.failed_logins)
        return LoginResult(None, BAD_CREDENTIALS)
    user.failed_logins = 0
    user.locked_until = now + dt.timedelta(minutes=limits.lockout_minutes)
    audit.record(user, "login.locked", user, until=user.locked_until)
    return LoginResult(None, _locked_message(user.locked_until, now))


def _locked_message(until: dt.datetime, now: dt.datetime) -> str:
    minutes = max(1, math.ceil((until - now).total_seconds() / 60))
    return ("This account is temporarily locked after too many failed sign-in attempts. "
            f"Try again in {minutes} minute{'s' if minutes != 1 else ''}.")


def _succeed(user: User, password: str, ip: str, now: dt.datetime) -> None:
    user.failed_logins = 0
    user.locked_until = None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    audit.record(user, "login.succeeded", user, ip=ip)


def change_password(user: User, new_password: str) -> None:
    """Set a new password for `user`."""
    user.password_hash = hash_password(new_password)
    audit.record(user, "user.password_changed", user)
    db.session.flush()
