"""The audit log as people read it: who did what, in which organisation, on which assessment.

One filter (person, action, assessment, date range) serves the page and the CSV export, so the file
holds exactly the rows the page shows, all pages of them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import AuditEvent, Organisation, User

CSV_COLUMNS = ("when_utc", "who", "organisation", "action", "what", "assessment_id", "target", "details")
# Details shown as the readable "what"; the rest stay in the CSV's details column.
_SKIP = {"assessment_id", "ip", "organisation_id_of_user"}


@dataclass(frozen=True)
class AuditFilter:
    """What the reader asked for; every part optional."""

    person: str = ""
    action: str = ""
    assessment_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> tuple[AuditFilter, list[str]]:
        """Read the filter from query arguments; return it and a message per value that was not understood."""
        problems: list[str] = []
        assessment = (args.get("assessment") or "").strip().lstrip("#")
        if assessment and not assessment.isdigit():
            problems.append(f"Assessment: “{assessment[:20]}” is not an assessment number; it was ignored.")
        return cls(person=(args.get("person") or "").strip()[:255],
                   action=(args.get("action") or "").strip()[:64],
                   assessment_id=int(assessment) if assessment.isdigit() else None,
                   date_from=_date(args.get("from"), "From", problems),
                   date_to=_date(args.get("to"), "To", problems)), problems

    def args(self) -> dict[str, str]:
        """Return the filter as query arguments (for pager and export links)."""
        values = {"person": self.person, "action": self.action,
                  "assessment": str(self.assessment_id or ""),
                  "from": self.date_from.isoformat() if self.date_from else "",
                  "to": self.date_to.isoformat() if self.date_to else ""}
        return {k: v for k, v in values.items() if v}

    def query(self) -> sa.Select[Any]:
        """Return the matching events, newest first."""
        query = sa.select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        if self.person:
            people = sa.select(User.id).where(sa.or_(
                User.email.contains(self.person.lower(), autoescape=True),
                User.name.contains(self.person, autoescape=True)))
            query = query.where(AuditEvent.user_id.in_(people))
        if self.action:
            query = query.where(AuditEvent.action.startswith(self.action, autoescape=True))
        if self.assessment_id is not None:
            query = query.where(sa.or_(
                sa.and_(AuditEvent.target_type == "assessments",
                        AuditEvent.target_id == str(self.assessment_id)),
                AuditEvent.details["assessment_id"].as_integer() == self.assessment_id))
        if self.date_from:
            query = query.where(AuditEvent.at >= dt.datetime.combine(self.date_from, dt.time()))
        if self.date_to:
            after = dt.datetime.combine(self.date_to + dt.timedelta(days=1), dt.time())
            query = query.where(AuditEvent.at < after)
        return query.options(selectinload(AuditEvent.user))


def _date(text: str | None, label: str, problems: list[str]) -> dt.date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        problems.append(f"{label}: “{text[:20]}” is not a date like 2026-12-06; it was ignored.")
        return None


@dataclass(frozen=True)
class AuditRow:
    """One event, readable."""

    id: int
    at: dt.datetime
    who: str
    organisation: str
    action: str
    what: str
    assessment_id: int | None
    target: str
    details: dict[str, Any]


def rows(events: list[AuditEvent]) -> list[AuditRow]:
    """Return the events as readable rows (organisation names in one query)."""
    ids = {e.organisation_id for e in events if e.organisation_id is not None}
    names = {row.id: row.name for row in db.session.execute(
        sa.select(Organisation.id, Organisation.name).where(Organisation.id.in_(ids)))} if ids else {}
    return [AuditRow(id=e.id, at=e.at, who=e.user.email if e.user else "system",
                     organisation=names.get(e.organisation_id, "") if e.organisation_id else "",
                     action=e.action, what=describe(e), assessment_id=assessment_of(e),
                     target=f"{e.target_type or ''} {e.target_id or ''}".strip(), details=e.details or {})
            for e in events]


def assessment_of(event: AuditEvent) -> int | None:
    """Return the assessment the event is about, if any."""
    if event.target_type == "assessments" and (event.target_id or "").isdigit():
        return int(event.target_id or 0)
    value = (event.details or {}).get("assessment_id")
    return int(value) if isinstance(value, int) or (isinstance(value, str) and value.isdigit()) else None


def describe(event: AuditEvent) -> str:
    """Return the action in words, with its details as `key: value` pairs."""
    subject, _, verb = event.action.partition(".")
    words = f"{subject.replace('_', ' ')} {verb.replace('_', ' ')}".strip().capitalize()
    extra = [f"{k.replace('_', ' ')}: {_short(v)}" for k, v in sorted((event.details or {}).items())
             if k not in _SKIP and v not in (None, "", [], {})]
    return words + (f" ({'; '.join(extra)})" if extra else "")


def _short(value: Any) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def distinct_actions() -> list[str]:
    """Return every action recorded so far, for the filter's list."""
    return list(db.session.scalars(sa.select(AuditEvent.action).distinct().order_by(AuditEvent.action)))


def export_csv(audit_filter: AuditFilter, batch: int = 1000) -> Iterator[str]:
    """Yield the CSV of every matching event (header first), in batches so memory stays flat."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    offset = 0
    while True:
        events = list(db.session.scalars(audit_filter.query().limit(batch).offset(offset)))
        for r in rows(events):
            writer.writerow([r.at.isoformat(timespec="seconds"), r.who, r.organisation, r.action, r.what,
                             r.assessment_id or "", r.target, _json(r.details)])
        yield out.getvalue()
        out.seek(0)
        out.truncate()
        if len(events) < batch:
            return
        offset += batch


def _json(details: dict[str, Any]) -> str:
    import json

    return json.dumps(details, sort_keys=True, ensure_ascii=False)
