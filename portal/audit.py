"""The audit log: who did what, when, for every data-changing action."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from .extensions import db
from .models import AuditEvent, User


def record(actor: User | None, action: str, target: Any = None, **details: Any) -> AuditEvent:
    """Add an audit event (flushed, not committed): `actor` did `action` to `target`.

    `target` is a model instance, a `(type, id)` pair, or None. `details` must be JSON-able
    plain data (dates and decimals are converted).
    """
    target_type, target_id = _describe(target)
    details.update(_channel())
    event = AuditEvent(
        user_id=actor.id if actor is not None else None,
        organisation_id=actor.organisation_id if actor is not None else details.pop("organisation_id", None),
        action=action,
        target_type=target_type,
        target_id=target_id,
        details={k: _plain(v) for k, v in details.items()},
    )
    db.session.add(event)
    db.session.flush()
    return event


def _channel() -> dict[str, Any]:
    """Name the API token a change was made with (a program, not the person at a page), if any."""
    from flask import g, has_request_context

    used = g.get("api_token") if has_request_context() else None
    return {"api_token": used[0]} if used else {}


def _describe(target: Any) -> tuple[str | None, str | None]:
    """Return (type, id) naming `target`."""
    if target is None:
        return None, None
    if isinstance(target, tuple):
        kind, ident = target
        return str(kind), str(ident)
    mapper = sa.inspect(target).mapper
    ident = mapper.primary_key_from_instance(target)
    return mapper.local_table.name, ",".join(str(part) for part in ident)


def _plain(value: Any) -> Any:
    """Make `value` JSON-able."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def events_query(action: str | None = None, organisation_id: int | None = None) -> sa.Select[Any]:
    """Return a SELECT of events, newest first, optionally by action prefix or organisation."""
    query = sa.select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if action:
        query = query.where(AuditEvent.action.startswith(action.strip(), autoescape=True))
    if organisation_id is not None:
        query = query.where(AuditEvent.organisation_id == organisation_id)
    return query.options(selectinload(AuditEvent.user))


def recent_events(limit: int = 200, organisation_id: int | None = None) -> list[AuditEvent]:
    """Return the latest events, newest first (optionally for one organisation)."""
    return list(db.session.scalars(events_query(organisation_id=organisation_id).limit(limit)))
