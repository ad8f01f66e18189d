"""Tell procurement what suppliers did (submitted, commented, uploaded) and which documents could not be read.

A notification is a row (the dashboard lists it, unread until each procurement user opens it)
written in the same transaction as what it tells of, and a mail sent by a job after that
transaction commits — never from the request itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from .. import jobs
from ..extensions import db
from ..inserts import insert_ignoring_conflicts
from ..models import Assessment, Document, Notification, NotificationRead, User, utcnow

SHOWN = 8  # notifications on the dashboard
LISTED = 100  # on the page of all notifications
RECIPIENTS = ("procurement",)


def supplier_submitted(assessment: Assessment, user: User) -> Notification:
    """The supplier submitted their answers."""
    return _notify(assessment, "submitted", f"{user.name or user.email} submitted the answers.")


def supplier_commented(assessment: Assessment, user: User) -> Notification | None:
    """A supplier wrote in the thread (procurement's own comments tell nobody)."""
    if user.role != "supplier":
        return None
    return _notify(assessment, "comment", f"{user.name or user.email} commented.")


def supplier_uploaded(doc: Document, user: User) -> Notification | None:
    """A supplier uploaded a document."""
    if user.role != "supplier":
        return None
    return _notify(doc.assessment, "upload", f"{user.name or user.email} uploaded “{doc.filename}”.", doc)


def document_unreadable(doc: Document) -> Notification:
    """A document could not be read (or certscope failed on it: `failure` says which)."""
    failure = doc.failure or ""
    joined = " " if failure.startswith("could not") else ": "
    message = f"“{doc.filename}”{joined}{failure}"
    return _notify(doc.assessment, "unreadable", message, doc)


def _notify(assessment: Assessment, kind: str, message: str, doc: Document | None = None) -> Notification:
    row = Notification(organisation_id=assessment.buyer_org_id, assessment_id=assessment.id, kind=kind,
                       message=message, document_id=doc.id if doc is not None else None)
    db.session.add(row)
    db.session.flush()
    jobs.enqueue("mail_notification", row.id)
    return row


@dataclass(frozen=True)
class Item:
    """One notification as a procurement user sees it."""

    id: int
    kind: str
    message: str
    created_at: dt.datetime
    supplier_name: str
    product: str
    unread: bool


@dataclass(frozen=True)
class Inbox:
    """A user's latest notifications and how many are unread in all."""

    items: list[Item]
    unread: int


def receives(user: User) -> bool:
    """Whether `user` is told (procurement of a buyer organisation)."""
    return user.role in RECIPIENTS


def inbox(user: User, limit: int = SHOWN) -> Inbox:
    """Return the user's latest notifications, newest first, with read state, and the unread count."""
    read = sa.and_(NotificationRead.notification_id == Notification.id, NotificationRead.user_id == user.id)
    rows = db.session.execute(
        sa.select(Notification, Assessment.supplier_name, Assessment.product, NotificationRead.read_at)
        .join(Assessment, Assessment.id == Notification.assessment_id)
        .outerjoin(NotificationRead, read)
        .where(Notification.organisation_id == user.organisation_id)
        .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)).all()
    items = [Item(n.id, n.kind, n.message, n.created_at, supplier, product, read_at is None)
             for n, supplier, product, read_at in rows]
    return Inbox(items, _unread_count(user))


def _unread_count(user: User) -> int:
    seen = sa.select(NotificationRead.notification_id).where(NotificationRead.user_id == user.id)
    return int(db.session.scalar(sa.select(sa.func.count()).select_from(Notification).where(
        Notification.organisation_id == user.organisation_id, Notification.id.not_in(seen))) or 0)


def inbox_panel(user: User, today: dt.date, scope: Any = None) -> Inbox | None:
    """The dashboard's notifications panel, for the users who are told (every notification: no filter)."""
    return inbox(user) if receives(user) else None


def notification_for(user: User, notification_id: int) -> Notification | None:
    """Return the notification if it is addressed to the user's organisation and role."""
    if not receives(user):
        return None
    return db.session.scalar(sa.select(Notification).where(
        Notification.id == notification_id, Notification.organisation_id == user.organisation_id))


def mark_read(user: User, notification: Notification) -> None:
    """Mark one notification read for `user` (again is harmless: two tabs, two clicks)."""
    insert_ignoring_conflicts(NotificationRead, [{"notification_id": notification.id, "user_id": user.id,
                                                  "read_at": utcnow()}])


def mark_all_read(user: User) -> int:
    """Mark every notification of the user's organisation read for `user`; return how many were unread."""
    seen = sa.select(NotificationRead.notification_id).where(NotificationRead.user_id == user.id)
    unread = list(db.session.scalars(sa.select(Notification.id).where(
        Notification.organisation_id == user.organisation_id, Notification.id.not_in(seen))))
    now = utcnow()
    insert_ignoring_conflicts(NotificationRead, [{"notification_id": n, "user_id": user.id, "read_at": now}
                                                 for n in unread])
    return len(unread)
