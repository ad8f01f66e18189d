"""Announcements to an organisation of what the instance operator did to it (break-glass access)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import AuditEvent, utcnow

BREAK_GLASS = "operator.break_glass"
ANNOUNCE_DAYS = 90
# Shown once more at every sign-in for this long after the event.
SIGN_IN_DAYS = 14


def operator_notices(organisation_id: int, days: int = ANNOUNCE_DAYS,
                     now: dt.datetime | None = None) -> list[AuditEvent]:
    """Return the operator's break-glass actions on the organisation in the last `days`, newest first."""
    since = (now or utcnow()) - dt.timedelta(days=days)
    query = (sa.select(AuditEvent)
             .where(AuditEvent.organisation_id == organisation_id, AuditEvent.action == BREAK_GLASS,
                    AuditEvent.at >= since)
             .order_by(AuditEvent.at.desc()).options(selectinload(AuditEvent.user)))
    return list(db.session.scalars(query))


def describe_notice(event: AuditEvent) -> str:
    """Return one sentence telling the organisation what the operator did, when and why."""
    what = {"password_reset": "set a new password for", "user_created": "added the user",
            "role_changed": "changed the role of", "sso_configured": "changed the single sign-on:",
            "second_factor_removed": "turned off two-step sign-in for",
            }.get(event.details.get("what", ""), "changed")
    target = event.details.get("target_email", "a user")
    operator = event.details.get("operator_email", "?")
    return (f"On {event.at:%d %B %Y at %H:%M} UTC an instance operator ({operator}) {what} {target}. "
            f"Reason given: {event.details.get('reason', '')}")
