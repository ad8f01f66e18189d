"""Date rules at their FLAGS.md boundaries: 89/90/91 days, exactly 15 months, 3 years + 1 day."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta

from tests.unit.scoring_helpers import TODAY, certificate, codes, context

DAY = dt.timedelta(days=1)


def test_the_baseline_raises_no_flag() -> None:
    assert codes() == set()


@pytest.mark.parametrize(("days_left", "expected"), [
    (-1, {"cert.expired"}),
    (0, {"cert.expiring_soon"}),  # expires today: not yet expired
    (1, {"cert.expiring_soon"}),
    (89, {"cert.expiring_soon"}),
    (90, set()),
    (91, set()),
])
def test_expiry_boundaries(days_left: int, expected: set[str]) -> None:
    cert = certificate(expiry_date=TODAY + days_left * DAY, issue_date=TODAY - relativedelta(years=2),
                       surveillance_dates=[TODAY - relativedelta(months=3)])
    assert codes(cert) & {"cert.expired", "cert.expiring_soon"} == expected


def _audited(latest: dt.date, **changes: object) -> set[str]:
    cert = certificate(initial_certification_date=latest - relativedelta(years=1), issue_date=latest,
                       surveillance_dates=[], **changes)
    return codes(cert) & {"cert.surveillance_overdue"}


@pytest.mark.parametrize(("latest", "overdue"), [
    (TODAY - relativedelta(months=15), False),  # exactly 15 months: not more than
    (TODAY - relativedelta(months=15) - DAY, True),
    (TODAY - relativedelta(months=15) + DAY, False),
    (TODAY - relativedelta(months=12), False),
])
def test_surveillance_grace_is_15_calendar_months(latest: dt.date, overdue: bool) -> None:
    assert bool(_audited(latest)) is overdue


@pytest.mark.parametrize(("today", "latest", "overdue"), [
    (dt.date(2026, 5, 31), dt.date(2025, 2, 28), False),  # 31 May - 15 months clips to 28 Feb
    (dt.date(2026, 5, 31), dt.date(2025, 2, 27), True),
    (dt.date(2025, 3, 1), dt.date(2023, 12, 1), False),
    (dt.date(2025, 3, 1), dt.date(2023, 11, 30), True),
])
def test_surveillance_uses_calendar_months_at_month_ends(today: dt.date, latest: dt.date,
                                                         overdue: bool) -> None:
    cert = certificate(initial_certification_date=latest, issue_date=latest, surveillance_dates=[],
                       expiry_date=today + relativedelta(years=1))
    assert bool(codes(cert, ctx=context(assessment_date=today)) & {"cert.surveillance_overdue"}) is overdue


def test_the_latest_of_issue_and_surveillance_dates_counts() -> None:
    old = TODAY - relativedelta(months=20)
    cert = certificate(initial_certification_date=old, issue_date=old, surveillance_dates=[TODAY - 30 * DAY])
    assert "cert.surveillance_overdue" not in codes(cert)


@pytest.mark.parametrize(("due", "surveillance", "overdue"), [
    (TODAY - DAY, [], True),
    (TODAY - DAY, [TODAY - 400 * DAY], True),  # an audit before the due date does not satisfy it
    (TODAY - 10 * DAY, [TODAY - 10 * DAY], False),  # on the due date
    (TODAY - 10 * DAY, [TODAY - 5 * DAY], False),  # after it
    (TODAY, [], False),  # due today: not yet passed
    (TODAY + 30 * DAY, [], False),
])
def test_next_audit_due_passed_without_surveillance(due: dt.date, surveillance: list[dt.date],
                                                    overdue: bool) -> None:
    recent = TODAY - relativedelta(months=6)
    cert = certificate(issue_date=recent, initial_certification_date=recent, surveillance_dates=surveillance,
                       next_audit_due=due)
    assert bool(codes(cert) & {"cert.surveillance_overdue"}) is overdue


def test_an_expired_certificate_is_not_also_surveillance_overdue() -> None:
    old = TODAY - relativedelta(years=3)
    cert = certificate(initial_certification_date=old, issue_date=old, surveillance_dates=[],
                       expiry_date=TODAY - DAY, next_audit_due=TODAY - 100 * DAY)
    assert codes(cert) & {"cert.expired", "cert.surveillance_overdue"} == {"cert.expired"}


@pytest.mark.parametrize(("issue", "expiry", "too_long"), [
    (dt.date(2025, 3, 12), dt.date(2028, 3, 11), False),  # the usual 3 years less a day
    (dt.date(2025, 3, 12), dt.date(2028, 3, 12), False),  # exactly 3 years
    (dt.date(2025, 3, 12), dt.date(2028, 3, 13), False),  # 3 years + 1 day
    (dt.date(2025, 3, 12), dt.date(2028, 3, 14), True),   # 3 years + 2 days
    (dt.date(2024, 12, 26), dt.date(2029, 12, 25), True),
    (dt.date(2024, 2, 29), dt.date(2027, 3, 1), False),   # leap day + 3 years clips to 28 Feb, + 1 day
    (dt.date(2024, 2, 29), dt.date(2027, 3, 2), True),
])
def test_validity_longer_than_three_years_and_a_day(issue: dt.date, expiry: dt.date, too_long: bool) -> None:
    cert = certificate(issue_date=issue, initial_certification_date=issue, expiry_date=expiry,
                       surveillance_dates=[TODAY - 30 * DAY])
    assert bool(codes(cert) & {"cert.validity_too_long"}) is too_long


def test_missing_dates_raise_no_date_flag_but_missing_fields() -> None:
    cert = certificate(expiry_date=None, issue_date=None, initial_certification_date=None,
                       surveillance_dates=[])
    assert codes(cert) == {"cert.missing_fields"}
