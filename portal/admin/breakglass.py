"""Break-glass: the instance operator acting on a tenant's accounts, stated, recorded and announced.

The operator (role `admin`) runs the instance and never reads a tenant's data. Any operator action
that could let someone sign in to a tenant organisation — setting a tenant user's password, adding a
user to it, changing a tenant user's role — must give a reason; the event is written to that
organisation's own audit trail and shown to its users (at sign-in and on their sessions page).
"""

from __future__ import annotations

from ..extensions import db
from ..models import AuditEvent, User

ACTION = "operator.break_glass"
MIN_REASON = 10
OPERATOR_ROLE = "admin"


class BreakGlassRefused(ValueError):
    """A break-glass action without an acceptable reason; str() is the message for the operator."""


def needs_break_glass(actor: User | None, role: str) -> bool:
    """Say whether `actor` touching an account with `role` is break-glass (an operator on a tenant).

    Without an actor the command line acts for the instance (set-up, demo data): nothing to announce.
    """
    return actor is not None and actor.role == OPERATOR_ROLE and role != OPERATOR_ROLE


def check_reason(reason: str | None) -> str:
    """Return the reason trimmed, or refuse one too short to tell the organisation anything."""
    text = " ".join((reason or "").split())
    if len(text) < MIN_REASON:
        raise BreakGlassRefused(
            f"This gives access to a tenant organisation's account: state the reason (at least {MIN_REASON} "
            "characters, e.g. a ticket number). It is recorded and shown to that organisation's users.")
    return text[:500]


def record_break_glass(actor: User, target: User, what: str, reason: str) -> AuditEvent:
    """Write the event into the target's organisation's audit trail (flushed, not committed)."""
    event = AuditEvent(user_id=actor.id, organisation_id=target.organisation_id, action=ACTION,
                       target_type="users", target_id=str(target.id),
                       details={"what": what, "reason": reason, "operator_email": actor.email,
                                "target_email": target.email})
    db.session.add(event)
    db.session.flush()
    return event


def record_organisation_break_glass(actor: User, organisation_id: int, what: str, target: str,
                                    reason: str) -> AuditEvent:
    """Write an event about the organisation as a whole (e.g. its single sign-on) into its audit trail."""
    event = AuditEvent(user_id=actor.id, organisation_id=organisation_id, action=ACTION,
                       target_type="organisations", target_id=str(organisation_id),
                       details={"what": what, "reason": reason, "operator_email": actor.email,
                                "target_email": target})
    db.session.add(event)
    db.session.flush()
    return event
