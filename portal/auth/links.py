"""Single-use, expiring e-mail links: sign in without a password (suppliers), or set a new password.

Only a token's hash is stored. Opening a link (GET) changes nothing, so mail scanners that fetch
links do not use them up; the person presses a button (POST) to sign in or to save a new password.
Asking for a link answers the same whether or not the address has an account.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets

import sqlalchemy as sa

from .. import audit
from ..extensions import db
from ..mail import Mail, Mailer
from ..models import SignInLink, User, utcnow
from .invitations import token_hash
from .operations import find_user_by_email
from .passwords import hash_password
from .sso_policy import password_sign_in_off

log = logging.getLogger(__name__)

SIGN_IN = "sign_in"
RESET = "reset"
MINUTES = {SIGN_IN: 15, RESET: 60}
# A few links per address and purpose within one validity period; more are refused quietly.
MAX_OPEN = 3


class LinkError(ValueError):
    """A link that cannot be used; str() is the message for the user."""


def may_receive(user: User | None, purpose: str) -> bool:
    """Say whether `user` may be mailed a link for `purpose`.

    Password-less sign-in is for suppliers; buyers and operators sign in with their password (and the
    second factor their organisation sets). Every active account may reset its password.
    """
    if user is None or not user.is_active:
        return False
    if purpose == RESET and password_sign_in_off(user.email, user):
        return False  # a reset must not open the password sign-in the organisation switched off
    return purpose == RESET or user.role == "supplier"


def request_link(email: str, purpose: str, now: dt.datetime | None = None) -> tuple[SignInLink, str] | None:
    """Create a link for the account at `email`; return it and its token, or None when none is due."""
    user = find_user_by_email(email)
    if user is None or not may_receive(user, purpose):
        return None
    now = now or utcnow()
    recent = db.session.scalar(sa.select(sa.func.count(SignInLink.id)).where(
        SignInLink.user_id == user.id, SignInLink.purpose == purpose,
        SignInLink.created_at > now - dt.timedelta(minutes=MINUTES[purpose])))
    if (recent or 0) >= MAX_OPEN:
        log.warning("%s link for user %s refused: %s already sent recently", purpose, user.id, recent)
        return None
    token = secrets.token_urlsafe(32)
    link = SignInLink(user_id=user.id, purpose=purpose, token_hash=token_hash(token), created_at=now,
                      expires_at=now + dt.timedelta(minutes=MINUTES[purpose]))
    db.session.add(link)
    db.session.flush()
    audit.record(user, f"{purpose}_link.sent", user)
    return link, token


def find_usable(token: str, purpose: str, now: dt.datetime | None = None) -> SignInLink:
    """Return the unused, unexpired link for `token`, or raise LinkError saying what is wrong."""
    link = db.session.scalar(sa.select(SignInLink).where(SignInLink.token_hash == token_hash(token),
                                                         SignInLink.purpose == purpose))
    if link is None:
        raise LinkError("This link is not valid. Check that it was copied whole, or ask for a new one.")
    if link.used_at is not None:
        raise LinkError("This link was already used. Ask for a new one.")
    if (now or utcnow()) >= link.expires_at:
        raise LinkError(f"This link expired at {link.expires_at:%H:%M} UTC. Ask for a new one.")
    if not may_receive(link.user, purpose):
        raise LinkError("This account cannot use this link.")
    return link


def use_for_sign_in(token: str, now: dt.datetime | None = None) -> User:
    """Spend a sign-in link; return the user to sign in."""
    link = _spend(find_usable(token, SIGN_IN, now), now)
    action = "login.link_accepted" if link.user.has_second_factor else "login.succeeded"
    audit.record(link.user, action, link.user, method="e-mail link")
    return link.user


def use_for_reset(token: str, password: str, now: dt.datetime | None = None) -> User:
    """Spend a reset link and set the user's new password; return the user."""
    link = _spend(find_usable(token, RESET, now), now)
    link.user.password_hash = hash_password(password)
    audit.record(link.user, "user.password_reset", link.user)
    return link.user


def _spend(link: SignInLink, now: dt.datetime | None) -> SignInLink:
    """Mark `link` used, and every other open link of the same kind for its user (one way in)."""
    now = now or utcnow()
    db.session.execute(sa.update(SignInLink).where(
        SignInLink.user_id == link.user_id, SignInLink.purpose == link.purpose,
        SignInLink.used_at.is_(None)).values(used_at=now))
    db.session.refresh(link)
    return link


def deliver(link: SignInLink, url: str, mailer: Mailer) -> bool:
    """Mail the link; without a mail server, log it (the operator passes it on). Return whether mailed."""
    if not mailer.configured:
        log.info("%s link for %s (no mail server set up): %s", link.purpose, link.user.email, url)
        return False
    if link.purpose == SIGN_IN:
        subject = "Your certscope sign-in link"
        what = "sign in to certscope"
    else:
        subject = "Set a new certscope password"
        what = "choose a new certscope password"
    body = (f"Open this link to {what} (valid until {link.expires_at:%H:%M} UTC, usable once):\n{url}\n\n"
            "If you did not ask for it, ignore this message; nothing changes.\n")
    return mailer.send(Mail((link.user.email,), subject, body))
