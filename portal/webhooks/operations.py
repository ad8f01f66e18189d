"""Register webhooks, tell them of events, list and replay their deliveries (flush, never commit)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session, SessionTransaction, selectinload

from .. import audit, jobs
from ..extensions import db
from ..models import WEBHOOK_EVENTS, User, Webhook, WebhookDelivery, utcnow
from . import signing, targets

EVENT_LABELS = {"document.read": "A document was read (or could not be)",
                "rating.changed": "An assessment's rating changed",
                "supplier.submitted": "A supplier submitted their answers",
                "certificate.expiring": "A certificate expires soon (90, 30, 7 days) or has expired",
                "surveillance.overdue": "A surveillance audit is overdue"}
assert set(EVENT_LABELS) == set(WEBHOOK_EVENTS)
LISTED = 50  # deliveries shown on a webhook's page
MAX_WEBHOOKS = 20  # per organisation: every event is sent to each
_CACHE = "certscope_webhooks"


class WebhookError(ValueError):
    """A request about webhooks that cannot be done; the message says why, for the user."""


@dataclass(frozen=True)
class Created:
    """A new webhook and its signing secret (shown on the page that answers the creation only)."""

    row: Webhook
    secret: str


def allow_private() -> bool:
    """Whether webhooks may go to local and private addresses (tests, on-premises receivers)."""
    return bool(current_app.config.get("WEBHOOK_ALLOW_PRIVATE"))


def create_webhook(user: User, url: str, events: Sequence[str], description: str = "") -> Created:
    """Register `url` for `events` in the user's organisation; return it with its new secret."""
    clean = targets.check_url(url, allow_private())  # TargetError is a WebhookError for the view
    chosen = [e for e in WEBHOOK_EVENTS if e in set(events)]
    if not chosen:
        raise WebhookError("Choose at least one event to send.")
    if len(webhooks_of(user)) >= MAX_WEBHOOKS:
        raise WebhookError(f"Your organisation has {MAX_WEBHOOKS} webhooks already; disable one first.")
    secret = signing.new_secret()
    row = Webhook(organisation_id=user.organisation_id, url=clean, events=chosen, secret=secret,
                  description=description.strip()[:200], created_by=user.id)
    db.session.add(row)
    db.session.flush()
    db.session.info.pop(_CACHE, None)
    audit.record(user, "webhook.create", row, url=clean, events=chosen)
    return Created(row, secret)


def disable_webhook(user: User, row: Webhook) -> None:
    """Stop sending events to `row` (its deliveries stay listed)."""
    if row.disabled_at is None:
        row.disabled_at = utcnow()
        db.session.flush()
        db.session.info.pop(_CACHE, None)
        audit.record(user, "webhook.disable", row, url=row.url)


def webhooks_of(user: User) -> Sequence[Webhook]:
    """Return the user's organisation's webhooks, newest first."""
    return db.session.scalars(sa.select(Webhook).where(Webhook.organisation_id == user.organisation_id)
                              .order_by(Webhook.id.desc())).all()


def own_webhook(webhook_id: int, user: User) -> Webhook | None:
    """Return the webhook if it belongs to the user's organisation (else None: a 404)."""
    row = db.session.get(Webhook, webhook_id)
    return row if row is not None and row.organisation_id == user.organisation_id else None


def own_delivery(delivery_id: int, user: User) -> WebhookDelivery | None:
    """Return the delivery if its webhook belongs to the user's organisation."""
    row = db.session.get(WebhookDelivery, delivery_id)
    return row if row is not None and row.webhook.organisation_id == user.organisation_id else None


def deliveries(row: Webhook, limit: int = LISTED) -> Sequence[WebhookDelivery]:
    """Return the webhook's latest deliveries with their attempts."""
    return db.session.scalars(sa.select(WebhookDelivery).where(WebhookDelivery.webhook_id == row.id)
                              .options(selectinload(WebhookDelivery.tries))
                              .order_by(WebhookDelivery.id.desc()).limit(limit)).all()


def emit(organisation_id: int, event: str, data: dict[str, Any]) -> list[WebhookDelivery]:
    """Tell every active webhook of the organisation that wants `event`: one delivery each, sent by a
    job once the caller's transaction commits (a rolled-back change tells nobody)."""
    if event not in WEBHOOK_EVENTS:
        raise ValueError(f"unknown webhook event {event!r}")
    made = [WebhookDelivery(webhook_id=ident, event=event, payload=data)
            for ident, events in _active(organisation_id) if event in events]
    return _queue(made)


def _active(organisation_id: int) -> list[tuple[int, list[str]]]:
    """The organisation's active webhooks (id, events), read once per transaction: the daily run emits
    for many assessments of one buyer, and must not query once per assessment."""
    cache: dict[int, list[tuple[int, list[str]]]] = db.session.info.setdefault(_CACHE, {})
    if organisation_id not in cache:
        rows = db.session.execute(sa.select(Webhook.id, Webhook.events).where(
            Webhook.organisation_id == organisation_id, Webhook.disabled_at.is_(None)))
        cache[organisation_id] = [(ident, list(events or [])) for ident, events in rows]
    return cache[organisation_id]


@sa_event.listens_for(Session, "after_transaction_end")
def _forget_cache(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_CACHE, None)


def replay(user: User, original: WebhookDelivery) -> WebhookDelivery:
    """Send a delivery's event again, as a new delivery (the receiver sees `replay_of`)."""
    if not original.webhook.active:
        raise WebhookError("This webhook is disabled; nothing is sent to it any more.")
    (row,) = _queue([WebhookDelivery(webhook_id=original.webhook_id, event=original.event,
                                     payload=original.payload, replay_of=original.id)])
    audit.record(user, "webhook.replay", row, replay_of=original.id)
    return row


def stalled(grace: dt.timedelta) -> list[int]:
    """Deliveries still to send whose attempt was due more than `grace` ago (the sweep sends them again:
    delivery is at least once, receivers tell repeats by `Certscope-Delivery`)."""
    due = sa.func.coalesce(WebhookDelivery.next_attempt_at, WebhookDelivery.created_at)
    return list(db.session.scalars(sa.select(WebhookDelivery.id).where(
        WebhookDelivery.state.in_(("pending", "retrying")), due <= utcnow() - grace)
        .order_by(WebhookDelivery.id).limit(1000)))


def _queue(rows: list[WebhookDelivery]) -> list[WebhookDelivery]:
    if not rows:
        return rows
    db.session.add_all(rows)
    db.session.flush()
    for row in rows:
        jobs.enqueue("deliver_webhook", row.id)
    return rows


def about(assessment: Any) -> dict[str, Any]:
    """The fields every assessment event carries (a receiver matches them to its own records)."""
    return {"assessment_id": assessment.id, "supplier": assessment.supplier_name,
            "supplier_legal_name": assessment.supplier_legal_name, "product": assessment.product,
            "buyer_reference": assessment.buyer_reference, "status": assessment.status,
            "rating": assessment.rating}
