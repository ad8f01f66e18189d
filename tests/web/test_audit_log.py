"""The audit log: a readable table (when, who, organisation, what, assessment), filters, CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from portal import audit
from portal.extensions import db
from portal.models import AuditEvent, User


@pytest.fixture
def admin(build):
    return build.user(build.org("buyer", name="certscope operators"), "admin", email="admin@example.com")


@pytest.fixture
def admin_client(login, admin):
    return login(admin)


@pytest.fixture
def events(app, build):
    """Events by two people of two organisations on two assessments, on two days."""
    buyer = build.user(build.org("buyer", name="Northwind Insurance"), "procurement",
                       email="pat@northwind.example", name="Pat Procure")
    other = build.user(build.org("buyer", name="Contoso"), "procurement", email="cy@contoso.example")
    first = build.assessment(buyer)
    second = build.assessment(other)
    with app.test_request_context(method="POST"):
        pat = db.session.get(User, buyer.id)
        cy = db.session.get(User, other.id)
        old = audit.record(pat, "invitation.created", ("invitations", 1), assessment_id=first.id,
                           email="sam@acme.example")
        old.at = dt.datetime(2026, 11, 2, 9, 30)
        audit.record(pat, "decision.recorded", ("assessments", first.id), decision="accepted")
        audit.record(cy, "invitation.revoked", ("invitations", 2), assessment_id=second.id,
                     email="x@contoso.example")
        db.session.commit()
    return first, second


def _rows(page: str) -> list[str]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return body.split("<tr>")[1:]


def test_rows_say_when_who_which_organisation_what_and_which_assessment(admin_client, events):
    first, _ = events
    page = admin_client.get("/admin/audit?action=invitation.created").get_data(as_text=True)
    [row] = _rows(page)
    assert "2026-11-02 09:30:00" in row and "pat@northwind.example" in row and "Northwind Insurance" in row
    assert "Invitation created" in row and "email: sam@acme.example" in row
    assert f"#{first.id}" in row
    assert "{&#34;" not in page and '{"' not in row  # no raw JSON


def test_filter_by_person_assessment_and_dates(admin_client, events):
    first, second = events
    by_person = _rows(admin_client.get("/admin/audit?person=Pat").get_data(as_text=True))
    assert len(by_person) == 2 and all("pat@northwind.example" in r for r in by_person)
    by_assessment = _rows(admin_client.get(f"/admin/audit?assessment={first.id}").get_data(as_text=True))
    assert {("Decision recorded" in r, "Invitation created" in r) for r in by_assessment} == {
        (True, False), (False, True)}  # the target is the assessment, or it is named in the details
    only_old = _rows(admin_client.get("/admin/audit?from=2026-11-01&to=2026-11-02").get_data(as_text=True))
    assert len(only_old) == 1 and "2026-11-02" in only_old[0]
    none = admin_client.get(f"/admin/audit?assessment={second.id}&person=pat").get_data(as_text=True)
    assert "No events match the filter" in none


def test_a_filter_value_not_understood_is_named_not_fatal(admin_client, events):
    page = admin_client.get("/admin/audit?from=yesterday&assessment=abc")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "From: “yesterday” is not a date" in text and "“abc” is not an assessment number" in text


def test_csv_export_holds_every_matching_event_with_the_same_columns(app, admin_client, events):
    first, _ = events
    exported = admin_client.get(f"/admin/audit.csv?assessment={first.id}")
    assert exported.mimetype == "text/csv"
    assert "attachment" in exported.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(exported.get_data(as_text=True))))
    assert sorted(r["action"] for r in rows) == ["decision.recorded", "invitation.created"]
    assert {r["organisation"] for r in rows} == {"Northwind Insurance"}
    assert all(r["assessment_id"] == str(first.id) for r in rows)


def test_csv_export_is_not_limited_to_one_page(app, admin_client, build):
    someone = build.user(build.org("buyer"), "procurement")
    with app.test_request_context(method="POST"):
        user = db.session.get(User, someone.id)
        for n in range(120):
            audit.record(user, "test.bulk", None, n=n)
        db.session.commit()
    page = admin_client.get("/admin/audit?action=test.bulk").get_data(as_text=True)
    assert len(_rows(page)) == 50 and "Page 1 of 3" in page
    rows = list(csv.DictReader(io.StringIO(admin_client.get("/admin/audit.csv?action=test.bulk")
                                           .get_data(as_text=True))))
    assert len(rows) == 120


def test_the_audit_log_and_its_export_are_for_admins_only(login, build, events):
    buyer = login(build.user(build.org("buyer"), "procurement"))
    assert buyer.get("/admin/audit").status_code in (403, 404)
    assert buyer.get("/admin/audit.csv").status_code in (403, 404)


def test_events_keep_their_order_newest_first(app, admin_client, events):
    page = admin_client.get("/admin/audit?person=pat").get_data(as_text=True)
    rows = _rows(page)
    assert "Decision recorded" in rows[0] and "Invitation created" in rows[1]
    with app.app_context():
        assert db.session.query(AuditEvent).count() >= 3
