"""The optional second factor: time-based one-time codes (RFC 6238, pyotp) and recovery codes.

Enrolment keeps the new secret in the (server-side) session until a code from the authenticator
confirms it; only then is it stored. A code is accepted for its own 30-second step and one either
side (clock drift), and never for a step at or before the last one accepted: a code seen once cannot
be replayed. Recovery codes are shown once, stored as SHA-256 (80 random bits each), used once.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import secrets
import time

import pyotp
import segno
import sqlalchemy as sa

from .. import audit
from ..extensions import db
from ..models import RecoveryCode, User, utcnow

ISSUER = "certscope"
STEP = 30
DRIFT_STEPS = 1
RECOVERY_CODES = 10


class SecondFactorError(ValueError):
    """A code that cannot be accepted; str() is the message for the user."""


def new_secret() -> str:
    """Return a fresh base32 secret (160 bits) for an authenticator app."""
    return pyotp.random_base32(32)


def provisioning_uri(secret: str, email: str) -> str:
    """Return the otpauth:// URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """Render `uri` as an inline SVG QR code, made here (nothing is fetched from elsewhere)."""
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(buffer, kind="svg", scale=5, xmldecl=False, svgns=True,
                                     title="QR code for your authenticator app")
    return buffer.getvalue().decode()


def _clean(code: str) -> str:
    return "".join(ch for ch in (code or "") if ch.isalnum()).upper()


def matching_step(secret: str, code: str, now: float | None = None) -> int | None:
    """Return the time step whose code is `code` (within the allowed drift), or None."""
    code = _clean(code)
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    current = int((now if now is not None else time.time()) // STEP)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.at(step * STEP), code):
            return step
    return None


def enable(user: User, secret: str, code: str, now: float | None = None) -> list[str]:
    """Store `secret` as `user`'s second factor once `code` proves the app has it; return recovery codes."""
    step = matching_step(secret, code, now)
    if step is None:
        raise SecondFactorError("That code does not match. Check the app's clock and enter the current code.")
    user.totp_secret, user.totp_enabled_at, user.totp_last_step = secret, utcnow(), step
    codes = _new_recovery_codes(user)
    audit.record(user, "user.second_factor_enabled", user)
    return codes


def _new_recovery_codes(user: User) -> list[str]:
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [_format(secrets.token_hex(10)) for _ in range(RECOVERY_CODES)]
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=_hash(code)) for code in codes)
    db.session.flush()
    return codes


def _format(raw: str) -> str:
    return "-".join(raw[i:i + 5] for i in range(0, len(raw), 5))


def _hash(code: str) -> str:
    return hashlib.sha256(_clean(code).lower().encode()).hexdigest()


def verify(user: User, code: str, now: float | None = None) -> bool:
    """Accept a current code (never one already used) or an unused recovery code; record the use."""
    if not user.has_second_factor or user.totp_secret is None:
        return False
    step = matching_step(user.totp_secret, code, now)
    if step is not None:
        if user.totp_last_step is not None and step <= user.totp_last_step:
            audit.record(user, "login.second_factor_replayed", user)
            return False
        user.totp_last_step = step
        return True
    return _use_recovery_code(user, code)


def _use_recovery_code(user: User, code: str) -> bool:
    if len(_clean(code)) != 20:
        return False
    row = db.session.scalar(sa.select(RecoveryCode).where(
        RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _hash(code),
        RecoveryCode.used_at.is_(None)))
    if row is None:
        return False
    row.used_at = utcnow()
    audit.record(user, "user.recovery_code_used", user, left=remaining_recovery_codes(user) - 1)
    return True


def remaining_recovery_codes(user: User) -> int:
    """Return how many recovery codes `user` has not used."""
    return db.session.scalar(sa.select(sa.func.count(RecoveryCode.id)).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))) or 0


def disable(user: User) -> None:
    """Remove `user`'s second factor and recovery codes (the caller checked password and code)."""
    user.totp_secret = user.totp_enabled_at = user.totp_last_step = None
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    audit.record(user, "user.second_factor_disabled", user)
    db.session.flush()
