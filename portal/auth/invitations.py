"""Invitations: single-use, expiring links that bring a supplier's user to an assessment."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets

import sqlalchemy as sa

from .. import audit
from ..extensions import db
from ..mail import Mail, Mailer
from ..models import Assessment, Invitation, Organisation, User, utcnow
from ..unit_of_work import atomic
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
    now = now or utcnow()
    invitation = Invitation(assessment_id=assessment.id, email=normalise_email(email),
                            token_hash=token_hash(token), created_by=actor.id, sent_at=now, send_count=1,
                            expires_at=now + dt.timedelta(days=days))
    db.session.add(invitation)
    if assessment.status == "draft":
        assessment.status = "invited"
    db.session.flush()
    audit.record(actor, "invitation.created", invitation, assessment_id=assessment.id,
                 email=invitation.email, expires_at=invitation.expires_at)
    return invitation, token


def resend_invitation(invitation: Invitation, actor: User, days: int = 14,
                      now: dt.datetime | None = None) -> str:
    """Give a pending or expired invitation a new token and expiry; return the token (the old link dies)."""
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        raise InvitationError(f"The invitation for {invitation.email} was already {invitation.state()}; "
                              "invite the address again instead.")
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    invitation.token_hash = token_hash(token)
    invitation.expires_at = now + dt.timedelta(days=days)
    invitation.sent_at = now
    invitation.send_count = (invitation.send_count or 1) + 1
    db.session.flush()
    audit.record(actor, "invitation.resent", invitation, assessment_id=invitation.assessment_id,
                 email=invitation.email, expires_at=invitation.expires_at)
    return token


def revoke_invitation(invitation: Invitation, actor: User, now: dt.datetime | None = None) -> None:
    """Withdraw an invitation that has not been accepted: its link stops working."""
    if invitation.accepted_at is not None:
        raise InvitationError(f"{invitation.email} already joined; the invitation cannot be withdrawn.")
    if invitation.revoked_at is None:
        invitation.revoked_at = now or utcnow()
        invitation.revoked_by = actor.id
        db.session.flush()
        audit.record(actor, "invitation.revoked", invitation, assessment_id=invitation.assessment_id,
                     email=invitation.email)


def invitations_of(assessment: Assessment) -> list[Invitation]:
    """Return the assessment's invitations, newest first."""
    return list(db.session.scalars(sa.select(Invitation).where(Invitation.assessment_id == assessment.id)
                                   .order_by(Invitation.created_at.desc(), Invitation.id.desc())))


def find_invitation(token: str) -> Invitation | None:
    """Return the invitation for `token`, or None."""
    return db.session.scalar(sa.select(Invitation).where(Invitation.token_hash == token_hash(token)))


def check_usable(invitation: Invitation, now: dt.datetime | None = None) -> None:
    """Raise InvitationError when the invitation was used or has expired."""
    if invitation.accepted_at is not None:
        raise InvitationError("This invitation has already been used. Sign in to open the assessment.")
    if invitation.revoked_at is not None:
        raise InvitationError("This invitation was withdrawn by the buyer. Ask them for a new one if you "
                              "should still answer.")
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


@atomic
def create_account_from_invitation(invitation: Invitation, name: str, password: str | None,
                                   now: dt.datetime | None = None) -> User:
    """Create the invited supplier user (and their organisation if needed), then accept."""
    check_usable(invitation, now)
    if db.session.scalar(sa.select(User.id).where(User.email == invitation.email)) is not None:
        raise InvitationError("An account with this email already exists. Sign in, then open the link again.")
    organisation = _supplier_organisation(invitation.assessment)
    # No password chosen: an unknown random one, so only an e-mailed sign-in link opens the account.
    user = User(organisation=organisation, email=invitation.email, name=name.strip(), role="supplier",
                password_hash=hash_password(password or secrets.token_urlsafe(32)))
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


def deliver_invitation(invitation: Invitation, link: str, mailer: Mailer) -> bool:
    """Mail the link when a mail server is set up, else log it; return whether mail was sent."""
    if not mailer.configured:  # no SMTP server: the log is where an operator finds the link
        log.info("invitation %s for %s (no mail server set up): %s", invitation.id, invitation.email, link)
    product = invitation.assessment.product
    body = ("You have been invited to answer an ISO/IEC 42001 assessment for "
            f"{product}.\n\n"
            f"Open this link (valid until {invitation.expires_at:%d %B %Y}, usable once):\n{link}\n")
    subject = f"Assessment of {product}: please answer on certscope"
    return mailer.configured and mailer.send(Mail((invitation.email,), subject, body))
