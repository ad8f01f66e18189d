"""The procurement watch list: what needs attention now, in a fixed number of SQL queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from ..extensions import db
from ..models import Assessment, Scoring, utcnow
from .surveillance import due_audits, status_text

EXPIRY_WINDOW_DAYS = 90
CHANGED_SINCE = dt.timedelta(days=7)
TIMELINE_SPAN = dt.timedelta(days=365)
TIMELINE_LIMIT = 40
LIMIT = 10
WAITING_STATUSES = ("invited", "in_progress")
CLOSED_STATUSES = ("rejected",)


@dataclass(frozen=True)
class WatchItem:
    """One assessment needing attention, with the date and a short reason."""

    assessment_id: int
    supplier_name: str
    product: str
    when: dt.date | None
    detail: str
    urgent: bool = False


@dataclass
class WatchList:
    """The four lists of the watch list (each at most LIMIT items, `more` says how many were left)."""

    today: dt.date
    expiring: list[WatchItem] = field(default_factory=list)
    surveillance: list[WatchItem] = field(default_factory=list)
    waiting: list[WatchItem] = field(default_factory=list)
    changed: list[WatchItem] = field(default_factory=list)
    more: dict[str, int] = field(default_factory=dict)
    upcoming: list[WatchItem] = field(default_factory=list)  # expiries ahead, for the timeline
    counts: dict[str, int] = field(default_factory=dict)  # assessments per rating, for the chart

    @property
    def empty(self) -> bool:
        """Say whether nothing needs attention."""
        return not (self.expiring or self.surveillance or self.waiting or self.changed)


def watch_list(scope: Any, today: dt.date, now: dt.datetime | None = None, limit: int = LIMIT) -> WatchList:
    """Return the watch list of the assessments selected by `scope` (a WHERE clause)."""
    result = WatchList(today=today)
    expiries = _expiries(scope, today, today - dt.timedelta(days=EXPIRY_WINDOW_DAYS), today + TIMELINE_SPAN)
    near = [i for i in expiries if i.when and abs((i.when - today).days) <= EXPIRY_WINDOW_DAYS]
    _fill(result, "expiring", near, limit)
    result.upcoming = [i for i in expiries if i.when and i.when >= today][:TIMELINE_LIMIT]
    result.counts = rating_counts(scope)
    _fill(result, "surveillance", surveillance(scope, today), limit)
    _fill(result, "waiting", waiting(scope, today), limit)
    _fill(result, "changed", changed_ratings(scope, now or utcnow()), limit)
    return result


def _fill(result: WatchList, name: str, items: list[WatchItem], limit: int) -> None:
    setattr(result, name, items[:limit])
    result.more[name] = max(0, len(items) - limit)


def _expiries(scope: Any, today: dt.date, first: dt.date, last: dt.date) -> list[WatchItem]:
    """Return certificates of open assessments expiring between `first` and `last`, soonest first."""
    stmt = (sa.select(Assessment.id, Assessment.supplier_name, Assessment.product, Assessment.expiry_date)
            .where(scope, Assessment.status.not_in(CLOSED_STATUSES),
                   Assessment.expiry_date.between(first, last))
            .order_by(Assessment.expiry_date, Assessment.id))
    return [WatchItem(i, s, p, d, _expiry_text(d, today), urgent=(d - today).days <= 30)
            for i, s, p, d in db.session.execute(stmt) if d is not None]


def _expiry_text(expiry: dt.date, today: dt.date) -> str:
    left = (expiry - today).days
    if left < 0:
        return f"expired {-left} day{'s' if left != -1 else ''} ago"
    if left == 0:
        return "expires today"
    return f"expires in {left} day{'s' if left != 1 else ''}"


def surveillance(scope: Any, today: dt.date) -> list[WatchItem]:
    """Return surveillance audits due soon or overdue, most overdue first."""
    items = []
    for due in due_audits(today, scope, Assessment.status.not_in(CLOSED_STATUSES)):
        items.append(WatchItem(due.assessment_id, due.supplier_name, due.product, due.status.due,
                               status_text(due.status), urgent=due.status.overdue))
    return items


def waiting(scope: Any, today: dt.date) -> list[WatchItem]:
    """Return assessments waiting on the supplier (invited or answering), the longest waiting first."""
    stmt = (sa.select(Assessment.id, Assessment.supplier_name, Assessment.product, Assessment.status,
                      Assessment.updated_at)
            .where(scope, Assessment.status.in_(WAITING_STATUSES))
            .order_by(Assessment.updated_at, Assessment.id))
    items = []
    for i, s, p, status, updated in db.session.execute(stmt):
        days = max(0, (today - updated.date()).days)  # a configured date may lag the real clock
        label = "invited" if status == "invited" else "answering"
        text = f"{label}, no change for {days} day{'s' if days != 1 else ''}"
        items.append(WatchItem(i, s, p, updated.date(), text, urgent=days > 14))
    return items


def changed_ratings(scope: Any, now: dt.datetime, since: dt.timedelta = CHANGED_SINCE) -> list[WatchItem]:
    """Return assessments whose rating now differs from their rating a week ago (from scoring history)."""
    cutoff = now - since
    latest = _last_scoring_ids(scope, Scoring.scored_at >= cutoff)
    before = _last_scoring_ids(scope, Scoring.scored_at < cutoff)
    new, old = aliased(Scoring), aliased(Scoring)
    stmt = (sa.select(Assessment.id, Assessment.supplier_name, Assessment.product, new.scored_at,
                      old.rating, new.rating)
            .join(latest, latest.c.assessment_id == Assessment.id).join(new, new.id == latest.c.sid)
            .join(before, before.c.assessment_id == Assessment.id).join(old, old.id == before.c.sid)
            .where(new.rating != old.rating).order_by(new.scored_at.desc(), Assessment.id))
    return [WatchItem(i, s, p, at.date(), f"rating {was} → {now_rating}", urgent=now_rating == "red")
            for i, s, p, at, was, now_rating in db.session.execute(stmt)]


def _last_scoring_ids(scope: Any, when: Any) -> Any:
    return (sa.select(Scoring.assessment_id, sa.func.max(Scoring.id).label("sid"))
            .join(Assessment, Assessment.id == Scoring.assessment_id)
            .where(scope, when).group_by(Scoring.assessment_id).subquery())


def rating_counts(scope: Any) -> dict[str, int]:
    """Return how many assessments are red, amber, green and not rated."""
    stmt = sa.select(Assessment.rating, sa.func.count()).where(scope).group_by(Assessment.rating)
    counts = {"red": 0, "amber": 0, "green": 0, "none": 0}
    for rating, n in db.session.execute(stmt):
        counts[rating if rating in counts else "none"] += n
    return counts
