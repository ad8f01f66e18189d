"""The procurement portfolio: one filtered, sorted page of assessments in two SQL queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from ..extensions import db
from ..models import Assessment

PAGE_SIZE = 50
SORTS: dict[str, Any] = {
    "supplier": Assessment.supplier_name,
    "product": Assessment.product,
    "rating": sa.case({"red": 0, "amber": 1, "green": 2}, value=Assessment.rating, else_=3),
    "high": Assessment.flags_high,
    "medium": Assessment.flags_medium,
    "low": Assessment.flags_low,
    "expiry": Assessment.expiry_date,
    "status": Assessment.status,
    "updated": Assessment.updated_at,
}
DEFAULT_SORT = "updated"
LIST_COLUMNS = (Assessment.id, Assessment.supplier_name, Assessment.product, Assessment.rating,
                Assessment.flags_high, Assessment.flags_medium, Assessment.flags_low,
                Assessment.expiry_date, Assessment.status, Assessment.updated_at)


@dataclass(frozen=True)
class DashboardQuery:
    """What the user asked the dashboard for (already validated plain data)."""

    q: str = ""
    rating: str = ""
    status: str = ""
    expiring_days: int | None = None
    sort: str = DEFAULT_SORT
    descending: bool = True
    page: int = 1
    today: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True)
class DashboardPage:
    """One page of rows and what is needed to draw the pager."""

    rows: list[Any]
    total: int
    page: int
    pages: int


def portfolio(scope: Any, query: DashboardQuery, page_size: int = PAGE_SIZE) -> DashboardPage:
    """Return one page of the assessments in `scope` (a count and a row query, whatever the size)."""
    where = _conditions(scope, query)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(Assessment).where(*where)) or 0
    pages = max(1, -(-total // page_size))
    page = min(max(1, query.page), pages)
    order = SORTS.get(query.sort, SORTS[DEFAULT_SORT])
    order = order.desc() if query.descending else order.asc()
    stmt = (sa.select(*LIST_COLUMNS).where(*where).order_by(order, Assessment.id.desc())
            .limit(page_size).offset((page - 1) * page_size))
    return DashboardPage(rows=list(db.session.execute(stmt)), total=total, page=page, pages=pages)


def _conditions(scope: Any, query: DashboardQuery) -> list[Any]:
    where: list[Any] = [scope]
    if query.q:
        like = "%" + query.q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append(sa.or_(sa.func.lower(Assessment.supplier_name).like(like, escape="\\"),
                            sa.func.lower(Assessment.product).like(like, escape="\\")))
    if query.rating == "none":
        where.append(Assessment.rating.is_(None))
    elif query.rating:
        where.append(Assessment.rating == query.rating)
    if query.status:
        where.append(Assessment.status == query.status)
    if query.expiring_days is not None:
        horizon = query.today + dt.timedelta(days=query.expiring_days)
        where.append(Assessment.expiry_date.is_not(None))
        where.append(Assessment.expiry_date <= horizon)
    return where
