"""The procurement watch list: expiries, surveillance cycle, waiting on suppliers, rating changes."""

from __future__ import annotations

import datetime as dt

import pytest

from portal.extensions import db
from portal.models import Assessment, User
from portal.monitoring.watchlist import watch_list
from portal.security import assessment_scope

from .monitoring_fixtures import add_scoring, certificate_extraction, rescore
from .test_query_counts import count_queries

TODAY = dt.date(2026, 3, 1)
D = dt.date


@pytest.fixture
def app_config():
    return {"TODAY": TODAY.isoformat()}


@pytest.fixture
def cast(build):
    buyer = build.org("buyer")
    procurement = build.user(buyer, "procurement")
    legal = build.user(buyer, "legal")
    supplier_org = build.org("supplier")
    supplier = build.user(supplier_org)
    return procurement, legal, supplier_org, supplier


def _watch(app, user):
    with app.app_context():
        return watch_list(assessment_scope(db.session.get(User, user.id)), TODAY)


def _rescore(app, *assessments):
    rescore(app, TODAY, *assessments)


def _names(items):
    return [i.supplier_name for i in items]


# --- the lists ---

def test_expiring_within_90_days_soonest_first_without_rejected_or_other_tenants(app, build, cast):
    procurement, _, supplier_org, _ = cast
    for name, days, status in [("Later", 80, "accepted"), ("Soon", 10, "submitted"), ("Far", 120, "accepted"),
                               ("Lapsed", -5, "accepted"), ("Dropped", 20, "rejected")]:
        build.assessment(procurement, supplier_org, supplier_name=name, status=status,
                         expiry_date=TODAY + dt.timedelta(days=days))
    other = build.user(build.org("buyer"), "procurement")
    build.assessment(other, supplier_org, supplier_name="Elsewhere", expiry_date=TODAY + dt.timedelta(days=3))
    watch = _watch(app, procurement)
    assert _names(watch.expiring) == ["Lapsed", "Soon", "Later"]
    details = [i.detail for i in watch.expiring]
    assert details == ["expired 5 days ago", "expires in 10 days", "expires in 80 days"]
    assert [i.urgent for i in watch.expiring] == [True, True, False]
    assert _names(watch.upcoming) == ["Soon", "Later", "Far"]  # the timeline looks a year ahead


def test_surveillance_due_and_overdue_from_the_current_certificate(app, build, cast):
    procurement, _, supplier_org, supplier = cast
    cases = {
        # FLAGS.md's cycle (scoring.cycle): due 15 months after the latest audit, "due" 60 days ahead
        "Overdue": certificate_extraction(initial_certification_date=D(2024, 10, 15),
                                          expiry_date=D(2027, 10, 14)),
        "Due": certificate_extraction(issue_date=D(2025, 1, 10), expiry_date=D(2028, 1, 9)),
        "Audited": certificate_extraction(initial_certification_date=D(2024, 6, 1),
                                          surveillance_dates=["2025-01-20"], expiry_date=D(2027, 5, 31)),
        "Stated": certificate_extraction(initial_certification_date=D(2025, 9, 1),
                                         next_audit_due=D(2026, 2, 1), expiry_date=D(2028, 8, 31)),
        "Fine": certificate_extraction(initial_certification_date=D(2025, 9, 1), expiry_date=D(2028, 8, 31)),
    }
    ids = {}
    for name, extraction in cases.items():
        a = build.assessment(procurement, supplier_org, supplier_name=name)
        ids[name] = a.id
        build.document(a, supplier, extraction=extraction)
        _rescore(app, a)
    watch = _watch(app, procurement)
    assert _names(watch.surveillance) == ["Overdue", "Stated", "Due", "Audited"]  # most overdue first
    overdue, stated, due, audited = watch.surveillance
    assert overdue.urgent and "overdue since 2026-01-15" in overdue.detail
    assert stated.urgent and "overdue since 2026-02-01 (last audit 2025-09-01)" in stated.detail
    assert not due.urgent and "due by 2026-04-10" in due.detail
    assert "due by 2026-04-20" in audited.detail and "last audit 2025-01-20" in audited.detail


def test_a_corrected_surveillance_date_takes_the_assessment_off_the_list(app, build, cast):
    procurement, _, supplier_org, supplier = cast
    a = build.assessment(procurement, supplier_org, supplier_name="Corrected")
    doc = build.document(a, supplier, extraction=certificate_extraction(
        initial_certification_date=D(2024, 12, 1), expiry_date=D(2027, 11, 30)))
    _rescore(app, a)
    assert _names(_watch(app, procurement).surveillance) == ["Corrected"]
    build.correction(doc, supplier, "surveillance_dates", ["2025-11-20"])
    _rescore(app, a)
    assert _watch(app, procurement).surveillance == []


def test_only_the_newest_current_certificate_counts(app, build, cast):
    procurement, _, supplier_org, supplier = cast
    a = build.assessment(procurement, supplier_org, supplier_name="Renewed")
    build.document(a, supplier, extraction=certificate_extraction(initial_certification_date=D(2024, 1, 1)),
                   is_current=False)
    build.document(a, supplier, extraction=certificate_extraction(issue_date=D(2025, 12, 1)))
    _rescore(app, a)
    assert _watch(app, procurement).surveillance == []


def test_waiting_on_the_supplier(app, build, cast):
    procurement, _, supplier_org, _ = cast
    build.assessment(procurement, None, supplier_name="Invited", status="invited")
    build.assessment(procurement, supplier_org, supplier_name="Answering", status="in_progress")
    build.assessment(procurement, supplier_org, supplier_name="Done", status="submitted")
    assert sorted(_names(_watch(app, procurement).waiting)) == ["Answering", "Invited"]


def test_ratings_changed_since_last_week(app, build, cast):
    procurement, _, supplier_org, _ = cast
    worse = build.assessment(procurement, supplier_org, supplier_name="Worse")
    same = build.assessment(procurement, supplier_org, supplier_name="Same")
    new = build.assessment(procurement, supplier_org, supplier_name="New")
    old_change = build.assessment(procurement, supplier_org, supplier_name="OldChange")
    add_scoring(app, worse.id, "amber", 20)
    add_scoring(app, worse.id, "red", 2)
    add_scoring(app, same.id, "green", 10)
    add_scoring(app, same.id, "amber", 3)
    add_scoring(app, same.id, "green", 1)  # changed and back within the week: no change since last week
    add_scoring(app, new.id, "red", 1)  # first rating: nothing to compare with
    add_scoring(app, old_change.id, "green", 30)
    add_scoring(app, old_change.id, "red", 9)
    changed = _watch(app, procurement).changed
    assert _names(changed) == ["Worse"] and changed[0].detail == "rating amber → red" and changed[0].urgent


def test_lists_are_capped_and_say_how_many_more(app, build, cast):
    procurement, _, supplier_org, _ = cast
    for i in range(13):
        build.assessment(procurement, supplier_org, supplier_name=f"S{i:02}",
                         expiry_date=TODAY + dt.timedelta(days=i + 1))
    watch = _watch(app, procurement)
    assert len(watch.expiring) == 10 and watch.more["expiring"] == 3


# --- the dashboard ---

def test_buyers_see_the_watch_list_and_charts_suppliers_do_not(app, build, cast, login):
    procurement, legal, supplier_org, supplier = cast
    build.assessment(procurement, supplier_org, supplier_name="Soonco", rating="amber",
                     expiry_date=TODAY + dt.timedelta(days=12))
    for user in (procurement, legal):
        page = login(user).get("/assessments/").data.decode()
        assert "Watch list" in page and "Certificates expiring within 90 days" in page
        assert "Soonco" in page and "expires in 12 days" in page
        assert 'role="img"' in page and "Assessments by rating" in page and "amber 1" in page
    page = login(supplier).get("/assessments/").data.decode()
    assert "Watch list" not in page and "<svg" not in page


def _seed(build, n):
    buyer = build.org("buyer")
    procurement = build.user(buyer, "procurement")
    supplier_org = build.org("supplier")
    supplier = build.user(supplier_org)
    for i in range(n):
        a = build.assessment(procurement, supplier_org, rating="amber", status="in_progress",
                             expiry_date=TODAY + dt.timedelta(days=i))
        doc = build.document(a, supplier, extraction=certificate_extraction(
            initial_certification_date=D(2025, 1, 1) + dt.timedelta(days=i)))
        build.correction(doc, supplier, "surveillance_dates", [])
        build.scoring(a, "green")
    return procurement


def test_dashboard_queries_do_not_grow_with_the_watch_list(app, build, login):
    counts = []
    for n in (2, 25):
        client = login(_seed(build, n))
        client.get("/assessments/")
        with count_queries(app) as statements:
            assert client.get("/assessments/").status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1], counts


def test_assessment_rows_are_not_loaded_as_models(app, build, cast):
    # the watch list selects columns only, so a large portfolio never builds thousands of objects
    procurement, _, supplier_org, _ = cast
    build.assessment(procurement, supplier_org, expiry_date=TODAY)
    with app.app_context():
        watch_list(assessment_scope(db.session.get(User, procurement.id)), TODAY)
        loaded = [o for o in db.session.identity_map.values() if isinstance(o, Assessment)]
    assert loaded == []
