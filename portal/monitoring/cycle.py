"""The certification cycle: when the next surveillance audit is due, from a certificate's dates.

ISO/IEC 17021-1 cycles run three years with surveillance at least once a calendar year, the first
within 12 months of the certification decision. So the next audit is due 12 months after the latest
cycle event (initial certification, (re)issue, surveillance audit), or on the stated `next_audit_due`
when that comes sooner. When the certificate expires first, the renewal is what is due, not a
surveillance audit; the expiry checks cover that.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

DUE_WINDOW_DAYS = 60  # "due" this long before the date, "overdue" after it


@dataclass(frozen=True)
class CycleDates:
    """The dates of one current certificate (corrections applied) that the cycle rests on."""

    initial: dt.date | None = None
    issued: dt.date | None = None
    surveillance: tuple[dt.date, ...] = ()
    next_audit_due: dt.date | None = None
    expiry: dt.date | None = None

    @classmethod
    def from_extraction(cls, cert: Any) -> CycleDates:
        """Build from a CertificateExtraction (corrections applied); absent fields stay None."""
        return cls(initial=getattr(cert, "initial_certification_date", None),
                   issued=getattr(cert, "issue_date", None),
                   surveillance=tuple(sorted(getattr(cert, "surveillance_dates", None) or ())),
                   next_audit_due=getattr(cert, "next_audit_due", None),
                   expiry=getattr(cert, "expiry_date", None))

    def last_audit(self) -> dt.date | None:
        """Return the latest cycle event: certification, (re)issue or surveillance audit."""
        events = [d for d in (self.initial, self.issued, *self.surveillance) if d]
        return max(events) if events else None


@dataclass(frozen=True)
class SurveillanceStatus:
    """Whether the next surveillance audit is due soon or overdue, and its date."""

    due: dt.date
    last: dt.date
    overdue: bool


def surveillance_due(dates: CycleDates) -> dt.date | None:
    """Return the date the next surveillance audit is due, or None (no dates, or renewal comes first)."""
    last = dates.last_audit()
    if last is None:
        return None
    due = add_year(last)
    if dates.next_audit_due and dates.next_audit_due > last:
        due = min(due, dates.next_audit_due)
    if dates.expiry and due >= dates.expiry:
        return None
    return due


def surveillance_status(dates: CycleDates, today: dt.date,
                        window_days: int = DUE_WINDOW_DAYS) -> SurveillanceStatus | None:
    """Return the status when an audit is due within `window_days` or overdue, else None."""
    return due_status(surveillance_due(dates), dates.last_audit(), dates.expiry, today, window_days)


def due_status(due: dt.date | None, last: dt.date | None, expiry: dt.date | None, today: dt.date,
               window_days: int = DUE_WINDOW_DAYS) -> SurveillanceStatus | None:
    """Return the status of an audit due on `due` (as scoring stores it) when it is due soon or overdue."""
    if expiry and expiry < today:
        return None  # an expired certificate needs renewing, not surveillance
    if due is None or due > today + dt.timedelta(days=window_days):
        return None
    return SurveillanceStatus(due=due, last=last or due, overdue=due < today)


def add_year(day: dt.date) -> dt.date:
    """Return the same day twelve calendar months later (29 February → 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)
