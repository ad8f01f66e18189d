"""Mail a notification to the buyer's procurement users: once, retried while the mail server refuses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from ..extensions import db
from ..models import Notification, User, utcnow
from .operations import RECIPIENTS

RETRY_FOR = dt.timedelta(days=1)  # the periodic sweep re-sends unmailed notifications this long


class MailNotSent(RuntimeError):
    """The mail server refused or could not be reached; the job is retried (the row stays unmailed)."""


def mail(notification_id: int, config: Mapping[str, Any]) -> bool:
    """Mail one notification, once; return whether a message went out now."""
    from ..mail import LogMailer, Mail, mailer_from_config

    row = db.session.get(Notification, notification_id)
    if row is None or row.mailed:
        return False
    to = tuple(db.session.scalars(sa.select(User.email).where(
        User.organisation_id == row.organisation_id, User.role.in_(RECIPIENTS), User.is_active.is_(True))
        .order_by(User.email)))
    message = Mail(to, _subject(row), _body(row, config))
    db.session.rollback()  # hold no transaction (nor SQLite's write lock) while the mail server talks
    mailer = mailer_from_config(config)
    try:
        delivered = bool(to) and mailer.send(message)
    finally:
        mailer.close()
    if to and not delivered and not isinstance(mailer, LogMailer):
        raise MailNotSent(f"notification {notification_id}: the mail server did not take it")
    # sent, or nobody to send to, or no mail server configured (the mailer logged it)
    db.session.execute(sa.update(Notification).where(Notification.id == notification_id).values(mailed=True))
    db.session.commit()
    return delivered


def unmailed(older_than: dt.timedelta) -> list[int]:
    """Notifications whose mail has not gone out (a server that was down), for the sweep to retry."""
    now = utcnow()
    return list(db.session.scalars(sa.select(Notification.id).where(
        Notification.mailed.is_(False), Notification.created_at <= now - older_than,
        Notification.created_at >= now - RETRY_FOR).order_by(Notification.id)))


def _subject(row: Notification) -> str:
    assessment = row.assessment
    return f"certscope: {assessment.supplier_name} — {assessment.product}"


def _body(row: Notification, config: Mapping[str, Any]) -> str:
    link = config.get("PORTAL_URL")
    where = f"\n\nOpen it: {link.rstrip('/')}/notifications/{row.id}" if link else ""
    return f"{row.message}{where}\n"
