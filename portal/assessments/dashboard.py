"""The procurement portfolio: one filtered, sorted page of assessments in two SQL queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from ..extensions import db
from ..models import Assessment, Organisation

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
    "id": Assessment.id,
    "created": Assessment.created_at,
    "reference": Assessment.buyer_reference,
    "due": Assessment.response_due,
    "buyer": Organisation.name,
}
DEFAULT_SORT = "updated"
LIST_COLUMNS = (Assessment.id, Assessment.supplier_name, Assessment.product, Assessment.rating,
                Assessment.flags_high, Assessment.flags_medium, Assessment.flags_low,
                Assessment.expiry_date, Assessment.status, Assessment.updated_at, Assessment.created_at,
                Assessment.buyer_reference, Assessment.response_due, Organisation.name.label("buyer_name"))


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
    where = conditions(scope, query)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(Assessment).where(*where)) or 0
    pages = max(1, -(-total // page_size))
    page = min(max(1, query.page), pages)
    order = SORTS.get(query.sort, SORTS[DEFAULT_SORT])
    order = order.desc() if query.descending else order.asc()
    stmt = (sa.select(*LIST_COLUMNS).join(Organisation, Organisation.id == Assessment.buyer_org_id)
            .where(*where).order_by(order, Assessment.id.desc())
            .limit(page_size).offset((page - 1) * page_size))
    return DashboardPage(rows=list(db.session.execute(stmt)), total=total, page=page, pages=pages)


def conditions(scope: Any, query: DashboardQuery) -> list[Any]:
    """Return the WHERE conditions of the query (the table, the watch list and the charts share them)."""
    where: list[Any] = [scope]
    if query.q:
        like = "%" + query.q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        matches: list[Any] = [sa.func.lower(column).like(like, escape="\\")
                              for column in (Assessment.supplier_name, Assessment.product,
                                             Assessment.buyer_reference)]
        number = query.q.strip().lstrip("#")
        if number.isdigit():  # "#12" or "12" finds assessment 12 as well
            matches.append(Assessment.id == int(number))
        where.append(sa.or_(*matches))
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
