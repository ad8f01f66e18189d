"""Surveillance audits due soon or overdue, read from the dates scoring stores on each assessment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from scoring.cycle import DEFAULT_NOTICE_DAYS, SurveillanceStatus, surveillance_notice

from ..extensions import db
from ..models import Assessment


@dataclass(frozen=True)
class DueAudit:
    """One assessment whose next surveillance audit is due soon or overdue."""

    assessment_id: int
    buyer_org_id: int
    supplier_org_id: int | None
    supplier_name: str
    product: str
    status: SurveillanceStatus


def due_audits(today: dt.date, *where: Any) -> list[DueAudit]:
    """Return the assessments matching `where` with an audit due or overdue, most overdue first."""
    stmt = (sa.select(Assessment.id, Assessment.buyer_org_id, Assessment.supplier_org_id,
                      Assessment.supplier_name, Assessment.product, Assessment.surveillance_due,
                      Assessment.last_audit_date, Assessment.expiry_date)
            .where(*where, Assessment.surveillance_due <= today + dt.timedelta(days=DEFAULT_NOTICE_DAYS))
            .order_by(Assessment.surveillance_due, Assessment.id))
    audits = []
    for ident, buyer, supplier, name, product, due, last, expiry in db.session.execute(stmt):
        status = surveillance_notice(due, last, expiry, today)
        if status is not None:
            audits.append(DueAudit(ident, buyer, supplier, name, product, status))
    return audits


def status_text(status: SurveillanceStatus) -> str:
    """Say when the audit is due and when the last one was ("overdue since ... (last audit ...)")."""
    when = f"overdue since {status.due.isoformat()}" if status.overdue else f"due by {status.due.isoformat()}"
    last = f"last audit {status.last.isoformat()}" if status.last else "no audit date on record"
    return f"{when} ({last})"
