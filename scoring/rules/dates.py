"""Rules about the certificate's dates: expiry, surveillance cycle, validity period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from dateutil.relativedelta import relativedelta

from .. import evidence as ev
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


def _latest_audit(facts: Facts) -> tuple[dt.date, str] | None:
    """Return the latest of initial certification, issue and surveillance dates, with its field."""
    cert = facts.certificate
    dated = [(d, "surveillance_dates") for d in cert.surveillance_dates]
    dated += [(d, name) for name in ("initial_certification_date", "issue_date")
              if (d := getattr(cert, name)) is not None]
    return max(dated, key=lambda pair: pair[0]) if dated else None


@rule("cert.surveillance_overdue", "medium")
def surveillance_overdue(facts: Facts) -> Iterator[Finding]:
    """No surveillance audit within the grace period, or the next audit date has passed unaudited."""
    cert, today = facts.certificate, facts.context.assessment_date
    if cert.expiry_date and cert.expiry_date < today:
        return  # an expired certificate is flagged as such
    latest = _latest_audit(facts)
    grace = facts.settings.surveillance_grace_months
    if latest and latest[0] < today - relativedelta(months=grace):
        yield from finding(f"The last audit on record ({_fmt(latest[0])}) is more than {grace} months before "
                           "the assessment date: a surveillance audit is overdue",
                           facts.cert_evidence(latest[1], _fmt(latest[0])), _today(facts))
        return
    due = cert.next_audit_due
    if due and due < today and not any(d >= due for d in cert.surveillance_dates):
        yield from finding(f"The next audit was due on {_fmt(due)} and the certificate shows no surveillance "
                           "audit since", facts.cert_evidence("next_audit_due"), _today(facts))


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
