"""The certification cycle: when the next surveillance audit is due, and where a certificate stands.

One model, FLAGS.md's (`cert.surveillance_overdue`), for scoring, the watch list, reminders and the
legal summary alike. Surveillance is at least yearly (DESIGN.md); the flag allows a grace of 15 months
after the latest cycle event (initial certification, (re)issue, surveillance audit) before calling an
audit overdue, and a stated `next_audit_due` that has passed with no surveillance audit on or after it
is overdue too. So the audit is *due* on the last day before either makes it overdue. When that day
falls on or after the expiry, renewal is what is due, not surveillance; the expiry rules cover that.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from dateutil.relativedelta import relativedelta

from parsers.model import CertificateExtraction

from .settings import DEFAULT_SURVEILLANCE_GRACE_MONTHS

# How long before the due date the watch list and reminders start saying "due".
DEFAULT_NOTICE_DAYS = 60
_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class CycleDates:
    """The dates of one certificate (corrections applied) that its cycle rests on."""

    initial: dt.date | None = None
    issued: dt.date | None = None
    surveillance: tuple[dt.date, ...] = ()
    next_audit_due: dt.date | None = None
    expiry: dt.date | None = None

    @classmethod
    def from_extraction(cls, cert: CertificateExtraction) -> CycleDates:
        """Build from a certificate extraction (corrections applied); absent dates stay None."""
        return cls(initial=cert.initial_certification_date, issued=cert.issue_date,
                   surveillance=tuple(sorted(cert.surveillance_dates)), next_audit_due=cert.next_audit_due,
                   expiry=cert.expiry_date)

    def last_audit(self) -> dt.date | None:
        """Return the latest cycle event: certification, (re)issue or surveillance audit."""
        event = self.last_event()
        return event[0] if event else None

    def last_event(self) -> tuple[dt.date, str] | None:
        """Return the latest cycle event with the certificate field it was read from."""
        # on a tie a surveillance audit wins: it is the event that says an audit took place
        dated = [(d, "surveillance_dates") for d in self.surveillance]
        dated += [(d, name) for d, name in ((self.initial, "initial_certification_date"),
                                            (self.issued, "issue_date")) if d is not None]
        return max(dated, key=lambda pair: pair[0]) if dated else None

    def cycle_start(self) -> dt.date | None:
        """Return the start of the current cycle: the (re)issue, else the initial certification."""
        return self.issued or self.initial


@dataclass(frozen=True)
class SurveillanceDue:
    """When the next surveillance audit is due: the last day before the certificate is overdue."""

    date: dt.date
    last_audit: dt.date | None
    grace_ends: dt.date | None  # the last day within the grace period after the last audit
    stated: dt.date | None  # the certificate's next_audit_due, not yet met by a surveillance audit

    def overdue_on(self, today: dt.date) -> bool:
        """Say whether the audit is overdue on `today` (due today is not overdue)."""
        return self.date < today


def surveillance_due(dates: CycleDates,
                     grace_months: int = DEFAULT_SURVEILLANCE_GRACE_MONTHS) -> SurveillanceDue | None:
    """Return when the next surveillance audit is due, or None (no dates, or renewal comes first)."""
    last = dates.last_audit()
    grace_ends = last_day_within(last, grace_months) if last else None
    stated = dates.next_audit_due
    if stated and any(d >= stated for d in dates.surveillance):
        stated = None  # the stated audit took place
    candidates = [d for d in (grace_ends, stated) if d is not None]
    if not candidates:
        return None
    due = min(candidates)
    if dates.expiry and due >= dates.expiry:
        return None
    return SurveillanceDue(due, last, grace_ends, stated)


def last_day_within(last: dt.date, months: int) -> dt.date:
    """Return the last day on which `last` is not more than `months` calendar months before it."""
    # FLAGS.md counts back from the assessment date, so at a month's end the last such day can lie
    # after `last + months`: 28 February is not more than 15 months before 31 May of the next year.
    day = last + relativedelta(months=months)
    while (day + _DAY) - relativedelta(months=months) <= last:
        day += _DAY
    return day


@dataclass(frozen=True)
class SurveillanceStatus:
    """A surveillance audit due soon or overdue: its date, the last audit, and whether it is late."""

    due: dt.date
    last: dt.date | None
    overdue: bool


def surveillance_notice(due: dt.date | None, last: dt.date | None, expiry: dt.date | None, today: dt.date,
                        notice_days: int = DEFAULT_NOTICE_DAYS) -> SurveillanceStatus | None:
    """Return the status of an audit due on `due` when it is due within `notice_days` or overdue."""
    if expiry and expiry < today:
        return None  # an expired certificate needs renewing, not surveillance
    if due is None or due > today + dt.timedelta(days=notice_days):
        return None
    return SurveillanceStatus(due=due, last=last, overdue=due < today)


def surveillance_status(dates: CycleDates, today: dt.date, notice_days: int = DEFAULT_NOTICE_DAYS,
                        grace_months: int = DEFAULT_SURVEILLANCE_GRACE_MONTHS) -> SurveillanceStatus | None:
    """Return the status of a certificate's next surveillance audit on `today`, when there is news."""
    due = surveillance_due(dates, grace_months)
    day = due.date if due else None
    return surveillance_notice(day, dates.last_audit(), dates.expiry, today, notice_days)


CycleState = Literal["pending", "current", "expired"]


@dataclass(frozen=True)
class CyclePosition:
    """Where a certificate stands in its cycle on a date: year n of m, and the surveillance due."""

    state: CycleState
    start: dt.date
    expiry: dt.date
    year: int = 0
    years: int = 0
    surveillance: SurveillanceDue | None = None


def cycle_position(dates: CycleDates, on: dt.date,
                   grace_months: int = DEFAULT_SURVEILLANCE_GRACE_MONTHS) -> CyclePosition | None:
    """Return where the certificate stands on `on`, or None without a (re)issue and a later expiry."""
    start, expiry = dates.cycle_start(), dates.expiry
    if start is None or expiry is None or expiry <= start:
        return None
    if on > expiry:
        return CyclePosition("expired", start, expiry)
    if on < start:
        return CyclePosition("pending", start, expiry)
    years = max(1, round(_months(start, expiry) / 12))
    year = min(years, _months(start, on) // 12 + 1)
    return CyclePosition("current", start, expiry, year, years, surveillance_due(dates, grace_months))


def _months(start: dt.date, end: dt.date) -> int:
    delta = relativedelta(end, start)
    return delta.years * 12 + delta.months
