"""The certification cycle in the core: surveillance due, notices, cycle position; scoring agrees with it."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

import scoring
from parsers.model import CertificateExtraction
from scoring.cycle import (
    CycleDates,
    cycle_position,
    last_day_within,
    surveillance_due,
    surveillance_notice,
    surveillance_status,
)

D = dt.date


@pytest.mark.parametrize("dates, due", [
    (CycleDates(initial=D(2025, 3, 10)), D(2026, 6, 10)),  # 15 months' grace after certification
    (CycleDates(initial=D(2024, 3, 10), surveillance=(D(2025, 2, 1),)), D(2026, 5, 1)),  # after each audit
    (CycleDates(initial=D(2024, 3, 10), issued=D(2025, 5, 1)), D(2026, 8, 1)),  # a re-issue restarts it
    (CycleDates(initial=D(2025, 3, 10), next_audit_due=D(2025, 11, 30)), D(2025, 11, 30)),  # stated, sooner
    (CycleDates(initial=D(2025, 3, 10), next_audit_due=D(2026, 9, 1)), D(2026, 6, 10)),  # stated, later
    # FLAGS.md: a stated date stands until a surveillance audit on or after it, whatever else happened
    (CycleDates(initial=D(2025, 3, 10), next_audit_due=D(2025, 1, 1)), D(2025, 1, 1)),
    (CycleDates(initial=D(2024, 3, 10), issued=D(2025, 5, 1), next_audit_due=D(2025, 3, 1)), D(2025, 3, 1)),
    (CycleDates(initial=D(2025, 3, 10), surveillance=(D(2025, 12, 1),), next_audit_due=D(2025, 11, 30)),
     D(2027, 3, 1)),  # the stated audit took place
    (CycleDates(next_audit_due=D(2026, 1, 1)), D(2026, 1, 1)),  # no cycle event read, a stated date
    (CycleDates(initial=D(2023, 2, 28)), D(2024, 5, 31)),  # counted back from the day: see last_day_within
    (CycleDates(initial=D(2025, 3, 10), expiry=D(2026, 6, 10)), None),  # renewal, not surveillance
    (CycleDates(initial=D(2025, 3, 10), expiry=D(2026, 6, 11)), D(2026, 6, 10)),
    (CycleDates(), None),
])
def test_surveillance_due_follows_flags_md(dates, due):
    found = surveillance_due(dates)
    assert (found.date if found else None) == due


def test_the_grace_is_a_setting():
    assert surveillance_due(CycleDates(initial=D(2025, 3, 10)), grace_months=12).date == D(2026, 3, 10)


@pytest.mark.parametrize("last, months, expected", [
    (D(2025, 3, 10), 15, D(2026, 6, 10)),
    (D(2023, 2, 28), 15, D(2024, 5, 31)),  # 28 Feb is not more than 15 months before 31 May
    (D(2024, 2, 29), 12, D(2025, 2, 28)),
    (D(2024, 11, 30), 3, D(2025, 2, 28)),
    (D(2024, 10, 31), 4, D(2025, 2, 28)),
])
def test_last_day_within_counts_back_from_the_day(last, months, expected):
    assert last_day_within(last, months) == expected
    assert not last < expected - relativedelta(months=months)
    assert last < expected + dt.timedelta(days=1) - relativedelta(months=months)


def test_the_latest_event_and_its_field():
    dates = CycleDates(initial=D(2024, 1, 1), issued=D(2025, 1, 1), surveillance=(D(2025, 1, 1),))
    assert dates.last_event() == (D(2025, 1, 1), "surveillance_dates")  # a tie: the audit
    assert CycleDates(initial=D(2024, 1, 1)).last_event() == (D(2024, 1, 1), "initial_certification_date")
    assert CycleDates().last_event() is None and CycleDates().last_audit() is None


def test_from_extraction_reads_the_typed_dates():
    cert = CertificateExtraction(initial_certification_date=D(2024, 1, 2), issue_date=D(2025, 1, 2),
                                 surveillance_dates=[D(2025, 6, 1), D(2024, 6, 1)],
                                 next_audit_due=D(2026, 1, 1), expiry_date=D(2027, 1, 1))
    assert CycleDates.from_extraction(cert) == CycleDates(
        D(2024, 1, 2), D(2025, 1, 2), (D(2024, 6, 1), D(2025, 6, 1)), D(2026, 1, 1), D(2027, 1, 1))


def test_notice_boundaries():
    dates = CycleDates(initial=D(2025, 3, 1), expiry=D(2028, 2, 28))  # due 2026-06-01
    assert surveillance_status(dates, D(2026, 4, 1)) is None  # 61 days ahead: not yet
    status = surveillance_status(dates, D(2026, 4, 2))  # 60 days ahead: due
    assert status is not None and not status.overdue and status.due == D(2026, 6, 1)
    assert status.last == D(2025, 3, 1)
    assert not surveillance_status(dates, D(2026, 6, 1)).overdue  # due today is not overdue
    assert surveillance_status(dates, D(2026, 6, 2)).overdue
    assert surveillance_status(dates, D(2028, 3, 1)) is None  # expired: renewal is what matters
    assert surveillance_notice(D(2026, 6, 1), None, None, D(2026, 6, 2)).last is None


@pytest.mark.parametrize("on, state, year", [
    (D(2024, 7, 4), "pending", 0), (D(2024, 7, 5), "current", 1), (D(2025, 7, 5), "current", 2),
    (D(2027, 7, 4), "current", 3), (D(2027, 7, 5), "expired", 0),
])
def test_cycle_position(on, state, year):
    position = cycle_position(CycleDates(issued=D(2024, 7, 5), expiry=D(2027, 7, 4)), on)
    assert position is not None and position.state == state and position.year == year
    assert (position.start, position.expiry) == (D(2024, 7, 5), D(2027, 7, 4))
    if state == "current":
        assert position.years == 3 and position.surveillance.date == D(2025, 10, 5)


def test_cycle_position_needs_a_start_before_the_expiry():
    assert cycle_position(CycleDates(expiry=D(2027, 7, 4)), D(2026, 1, 1)) is None
    assert cycle_position(CycleDates(issued=D(2027, 7, 4), expiry=D(2027, 7, 4)), D(2026, 1, 1)) is None
    initial_only = cycle_position(CycleDates(initial=D(2024, 7, 5), expiry=D(2027, 7, 4)), D(2026, 1, 1))
    assert initial_only is not None and initial_only.start == D(2024, 7, 5)


_days = st.dates(min_value=D(2022, 1, 1), max_value=D(2027, 12, 31))


@settings(max_examples=400, deadline=None)
@given(initial=st.none() | _days, issued=st.none() | _days, surveillance=st.lists(_days, max_size=3),
       next_due=st.none() | _days, expiry=st.none() | _days, today=_days)
def test_scoring_flags_overdue_exactly_when_the_cycle_says_so(initial, issued, surveillance, next_due,
                                                              expiry, today):
    cert = CertificateExtraction(initial_certification_date=initial, issue_date=issued,
                                 surveillance_dates=sorted(surveillance), next_audit_due=next_due,
                                 expiry_date=expiry)
    result = scoring.assess(cert, None, scoring.Context(assessment_date=today))
    due = surveillance_due(CycleDates.from_extraction(cert))
    expired = expiry is not None and expiry < today
    assert ("cert.surveillance_overdue" in result.codes) == (due is not None and due.overdue_on(today)
                                                             and not expired)
