"""Invitations: single-use, expiring links that bring a supplier's user to an assessment."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

import sqlalchemy as sa

from .. import audit
from ..extensions import db
from ..models import Assessment, Invitation, Organisation, User, utcnow
from .operations import normalise_email
from .passwords import hash_password

log = logging.getLogger(__name__)


class InvitationError(ValueError):
    """An invitation that cannot be used; str() is the message for the user."""


def token_hash(token: str) -> str:
    """Return the stored form of an invitation token (only the hash is kept)."""
    return hashlib.sha256(token.encode()).hexdigest()


def create_invitation(assessment: Assessment, email: str, actor: User, days: int = 14,
                      now: dt.datetime | None = None) -> tuple[Invitation, str]:
    """Invite `email` to `assessment`; return the invitation and its secret token (shown once)."""
    token = secrets.token_urlsafe(32)
    invitation = Invitation(assessment_id=assessment.id, email=normalise_email(email),
                            token_hash=token_hash(token), created_by=actor.id,
                            expires_at=(now or utcnow()) + dt.timedelta(days=days))
    db.session.add(invitation)
    if assessment.status == "draft":
        assessment.status = "invited"
    db.session.flush()
    audit.record(actor, "invitation.created", invitation, assessment_id=assessment.id,
                 email=invitation.email, expires_at=invitation.expires_at)
    return invitation, token


def find_invitation(token: str) -> Invitation | None:
    """Return the invitation for `token`, or None."""
    return db.session.scalar(sa.select(Invitation).where(Invitation.token_hash == token_hash(token)))


def check_usable(invitation: Invitation, now: dt.datetime | None = None) -> None:
    """Raise InvitationError when the invitation was used or has expired."""
    if invitation.accepted_at is not None:
        raise InvitationError("This invitation has already been used. Sign in to open the assessment.")
    if invitation.is_expired(now):
        raise InvitationError(
            f"This invitation expired on {invitation.expires_at:%d %B %Y}. "
            "Ask the buyer who invited you to send a new one.")


def accept_invitation(invitation: Invitation, user: User, now: dt.datetime | None = None) -> Assessment:
    """Attach `user`'s supplier organisation to the invitation's assessment (single use)."""
    check_can_accept(invitation, user, now)
    assessment = invitation.assessment
    assessment.supplier_org_id = user.organisation_id
    if assessment.status in ("draft", "invited"):
        assessment.status = "in_progress"
    invitation.accepted_at = now or utcnow()
    invitation.accepted_by = user.id
    db.session.flush()
    audit.record(user, "invitation.accepted", invitation, assessment_id=assessment.id)
    return assessment


def check_can_accept(invitation: Invitation, user: User, now: dt.datetime | None = None) -> None:
    """Raise InvitationError unless `user` may accept `invitation` now."""
    check_usable(invitation, now)
    if user.role != "supplier":
        raise InvitationError("Only a supplier account can accept this invitation.")
    if user.email != invitation.email:
        # The link is for one person; a forwarded link must not attach another organisation.
        raise InvitationError(f"This invitation was sent to {invitation.email}. Sign in with that account, "
                              "or ask the buyer to invite you.")
    if invitation.assessment.supplier_org_id not in (None, user.organisation_id):
        raise InvitationError("This assessment is already linked to another supplier organisation.")


def create_account_from_invitation(invitation: Invitation, name: str, password: str,
                                   now: dt.datetime | None = None) -> User:
    """Create the invited supplier user (and their organisation if needed), then accept."""
    check_usable(invitation, now)
    if db.session.scalar(sa.select(User.id).where(User.email == invitation.email)) is not None:
        raise InvitationError("An account with this email already exists. Sign in, then open the link again.")
    organisation = _supplier_organisation(invitation.assessment)
    user = User(organisation=organisation, email=invitation.email, name=name.strip(), role="supplier",
                password_hash=hash_password(password))
    db.session.add(user)
    db.session.flush()
    audit.record(user, "user.created_from_invitation", user, invitation_id=invitation.id)
    accept_invitation(invitation, user, now)
    return user


def _supplier_organisation(assessment: Assessment) -> Organisation:
    """Return the assessment's supplier organisation, creating one named after the supplier."""
    if assessment.supplier_org is not None:
        return assessment.supplier_org
    # A new organisation, never one found by name: joining by name would cross tenants.
    name = assessment.supplier_name.strip() or "Supplier"
    candidate, n = name, 1
    while db.session.scalar(sa.select(Organisation.id).where(Organisation.name == candidate)) is not None:
        n += 1
        candidate = f"{name} ({n})"
    organisation = Organisation(name=candidate, kind="supplier")
    db.session.add(organisation)
    db.session.flush()
    return organisation


@dataclass(frozen=True)
class MailSettings:
    """SMTP settings (from the app config)."""

    server: str | None
    port: int = 25
    use_tls: bool = False
    username: str | None = None
    password: str | None = None
    sender: str = "certscope@localhost"

    @classmethod
    def from_config(cls, config: Any) -> MailSettings:
        """Build from a Flask config mapping."""
        return cls(config.get("MAIL_SERVER"), int(config.get("MAIL_PORT") or 25),
                   bool(config.get("MAIL_USE_TLS")), config.get("MAIL_USERNAME"),
                   config.get("MAIL_PASSWORD"), config.get("MAIL_FROM") or "certscope@localhost")


def deliver_invitation(invitation: Invitation, link: str, mail: MailSettings) -> bool:
    """Log the link, and email it when SMTP is configured; return whether mail was sent."""
    log.info("invitation %s for %s: %s", invitation.id, invitation.email, link)
    if not mail.server:
        return False
    message = EmailMessage()
    message["Subject"] = f"Assessment of {invitation.assessment.product}: please answer on certscope"
    message["From"] = mail.sender
    message["To"] = invitation.email
    message.set_content(
        "You have been invited to answer an ISO/IEC 42001 assessment for "
        f"{invitation.assessment.product}.\n\n"
        f"Open this link (valid until {invitation.expires_at:%d %B %Y}, usable once):\n{link}\n")
    try:
        with smtplib.SMTP(mail.server, mail.port, timeout=10) as smtp:
            if mail.use_tls:
                smtp.starttls()
            if mail.username:
                smtp.login(mail.username, mail.password or "")
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as err:
        log.warning("could not email invitation %s: %s", invitation.id, err)
        return False
    return True
