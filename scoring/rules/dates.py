"""Rules about the certificate's dates: expiry, surveillance cycle, validity period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from dateutil.relativedelta import relativedelta

from .. import evidence as ev
from ..cycle import CycleDates, surveillance_due
from ..model import Finding, FlagEvidence
from ..registry import Facts, finding, rule


def _today(facts: Facts) -> FlagEvidence:
    return ev.context(f"assessment date: {facts.context.assessment_date.isoformat()}")


def _fmt(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


@rule("cert.expired", "high")
def expired(facts: Facts) -> Iterator[Finding]:
    """The certificate's expiry date is before the assessment date."""
    expiry, today = facts.certificate.expiry_date, facts.context.assessment_date
    if expiry and expiry < today:
        yield from finding(f"The certificate expired on {_fmt(expiry)}, {(today - expiry).days} days before "
                           f"the assessment date", facts.cert_evidence("expiry_date"), _today(facts))


@rule("cert.expiring_soon", "medium")
def expiring_soon(facts: Facts) -> Iterator[Finding]:
    """The certificate expires within the expiring-soon window (90 days)."""
    expiry, today = facts.certificate.expiry_date, facts.context.assessment_date
    if expiry and 0 <= (expiry - today).days < facts.settings.expiring_soon_days:
        yield from finding(f"The certificate expires on {_fmt(expiry)}, in {(expiry - today).days} days: "
                           "ask for the renewed certificate",
                           facts.cert_evidence("expiry_date"), _today(facts))


@rule("cert.surveillance_overdue", "medium")
def surveillance_overdue(facts: Facts) -> Iterator[Finding]:
    """No surveillance audit within the grace period, or the next audit date has passed unaudited."""
    cert, today = facts.certificate, facts.context.assessment_date
    if cert.expiry_date and cert.expiry_date < today:
        return  # an expired certificate is flagged as such
    dates = CycleDates.from_extraction(cert)
    grace = facts.settings.surveillance_grace_months
    due = surveillance_due(dates, grace)
    if due is None or not due.overdue_on(today):
        return
    last = dates.last_event()
    if last and due.grace_ends and due.grace_ends < today:
        yield from finding(f"The last audit on record ({_fmt(last[0])}) is more than {grace} months before "
                           "the assessment date: a surveillance audit is overdue",
                           facts.cert_evidence(last[1], _fmt(last[0])), _today(facts))
    elif due.stated:
        yield from finding(f"The next audit was due on {_fmt(due.stated)} and the certificate shows no "
                           "surveillance audit since", facts.cert_evidence("next_audit_due"), _today(facts))


@rule("cert.validity_too_long", "medium")
def validity_too_long(facts: Facts) -> Iterator[Finding]:
    """The validity period exceeds the 3-year certification cycle."""
    cert, settings = facts.certificate, facts.settings
    if not cert.issue_date or not cert.expiry_date:
        return
    limit = cert.issue_date + relativedelta(years=settings.max_validity_years,
                                            days=settings.validity_tolerance_days)
    if cert.expiry_date > limit:
        yield from finding(f"The certificate runs from {_fmt(cert.issue_date)} to {_fmt(cert.expiry_date)}, "
                           f"longer than the {settings.max_validity_years}-year cycle any accredited "
                           "certificate follows", facts.cert_evidence("issue_date"),
                           facts.cert_evidence("expiry_date"))
