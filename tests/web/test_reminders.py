"""Daily reminders: once per event through a real (local) SMTP server, audited, digest to procurement."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.mail import LogMailer, MailSettings, MemoryMailer, SmtpMailer
from portal.models import AuditEvent, SentReminder
from portal.monitoring.reminders import due_events, run_daily, send_reminders

from . import monitoring_fixtures
from .assessment_fixtures import query
from .monitoring_fixtures import certificate_extraction, free_port

smtp_server = monitoring_fixtures.smtp_server

TODAY = dt.date(2026, 3, 1)


@pytest.fixture
def cast(build):
    buyer = build.org("buyer", name="Buyer Plc")
    procurement = build.user(buyer, "procurement", email="buyer@b.example")
    build.user(buyer, "legal", email="legal@b.example")  # legal gets no digest: procurement acts on it
    supplier_org = build.org("supplier")
    supplier = build.user(supplier_org, email="ops@s.example")
    build.user(supplier_org, email="cto@s.example")
    build.user(supplier_org, email="gone@s.example", is_active=False)
    return procurement, supplier_org, supplier


def _expiring(build, procurement, supplier_org, days, **fields):
    return build.assessment(procurement, supplier_org, product=fields.pop("product", "VoiceAgent"),
                            expiry_date=TODAY + dt.timedelta(days=days), **fields)


def _send(app, today, mailer):
    with app.app_context():
        report = send_reminders(today, mailer)
        db.session.commit()
    return report


def _smtp(inbox):
    return SmtpMailer(MailSettings("127.0.0.1", inbox.port, sender="certscope@b.example"))


@pytest.mark.parametrize("days, threshold",
                         [(91, None), (90, 90), (31, 90), (30, 30), (8, 30), (7, 7), (0, 7)])
def test_thresholds(app, build, cast, days, threshold):
    procurement, supplier_org, _ = cast
    a = _expiring(build, procurement, supplier_org, days)
    with app.app_context():
        keys = [e.key for e in due_events(TODAY)]
    expiry = (TODAY + dt.timedelta(days=days)).isoformat()
    assert keys == ([] if threshold is None else [f"a{a.id}:expiry:{expiry}:{threshold}d"])


def test_suppliers_users_get_one_reminder_and_procurement_a_digest(app, build, cast, smtp_server):
    procurement, supplier_org, _ = cast
    a = _expiring(build, procurement, supplier_org, 25, product="Acme VoiceAgent")
    report = _send(app, TODAY, _smtp(smtp_server))
    assert (report.sent, report.digests, report.failed) == (1, 1, 0)
    [(to, subject, body)] = smtp_server.to("ops@s.example")
    assert sorted(to) == ["cto@s.example", "ops@s.example"]  # active supplier users only
    assert "Acme VoiceAgent" in subject and "Buyer Plc" in body
    assert "expires on 2026-03-26, in 25 days" in body
    [(to, subject, body)] = smtp_server.to("buyer@b.example")
    assert to == ["buyer@b.example"] and "1 supplier reminder" in subject and "Acme VoiceAgent" in body
    assert smtp_server.to("legal@b.example") == []

    again = _send(app, TODAY, _smtp(smtp_server))  # the same day again: nothing new
    assert (again.events, again.already_sent, again.sent, again.digests) == (1, 1, 0, 0)
    later = _send(app, TODAY + dt.timedelta(days=1), _smtp(smtp_server))  # same threshold next day
    assert later.sent == 0 and len(smtp_server.messages) == 2

    rows = query(app, sa.select(SentReminder).order_by(SentReminder.id))
    assert [r.event_key for r in rows][0] == f"a{a.id}:expiry:2026-03-26:30d"
    assert rows[1].event_key.startswith(f"digest:o{procurement.organisation_id}:2026-03-01:")
    assert all(r.delivered for r in rows) and rows[0].recipient == "cto@s.example, ops@s.example"
    events = query(app, sa.select(AuditEvent).where(AuditEvent.action.like("reminder.%"))
                   .order_by(AuditEvent.id))
    assert [e.action for e in events] == ["reminder.sent", "reminder.digest"]
    assert events[0].target_id == str(a.id) and events[0].organisation_id == procurement.organisation_id
    assert events[0].details["event_key"] == rows[0].event_key and events[0].details["delivered"] is True


def test_each_threshold_crossed_sends_one_more_reminder(app, build, cast):
    procurement, supplier_org, _ = cast
    _expiring(build, procurement, supplier_org, 95)
    mailer = MemoryMailer()
    sent = [_send(app, TODAY + dt.timedelta(days=d), mailer).sent for d in range(0, 100)]
    assert sum(sent) == 4  # 90, 30 and 7 days before, then on expiry (expired)
    subjects = [m.subject for m in mailer.outbox if "digest" not in m.subject]
    assert [s.split("certificate ")[1].split(",")[0] for s in subjects] == [
        "expires on 2026-06-04"] * 3 + ["expired on 2026-06-04"]


def test_a_renewed_certificate_starts_a_new_series(app, build, cast):
    procurement, supplier_org, _ = cast
    a = _expiring(build, procurement, supplier_org, 20)
    mailer = MemoryMailer()
    assert _send(app, TODAY, mailer).sent == 1
    with app.app_context():
        from portal.models import Assessment

        db.session.get(Assessment, a.id).expiry_date = TODAY + dt.timedelta(days=29)  # renewed... not by much
        db.session.commit()
    assert _send(app, TODAY, mailer).sent == 1


def test_surveillance_due_is_a_reminder_too(app, build, cast):
    procurement, supplier_org, supplier = cast
    a = build.assessment(procurement, supplier_org, product="ClaimLens")
    build.document(a, supplier, extraction=certificate_extraction(
        initial_certification_date=dt.date(2024, 11, 20), expiry_date=dt.date(2027, 11, 19)))
    monitoring_fixtures.rescore(app, TODAY, a)
    mailer = MemoryMailer()
    report = _send(app, TODAY, mailer)
    assert report.sent == 1
    body = mailer.outbox[0].body
    assert "surveillance audit overdue since 2026-02-20" in body and "surveillance audit report" in body
    assert _send(app, TODAY + dt.timedelta(days=3), mailer).sent == 0


def test_rejected_assessments_and_suppliers_without_users_get_nothing(app, build, cast):
    procurement, supplier_org, _ = cast
    _expiring(build, procurement, supplier_org, 10, status="rejected")
    lonely = build.org("supplier")
    _expiring(build, procurement, lonely, 10)
    report = _send(app, TODAY, MemoryMailer())
    assert (report.events, report.sent, report.no_recipient, report.digests) == (1, 0, 1, 0)
    assert query(app, sa.select(SentReminder)) == []  # tried again once someone joins


def test_without_smtp_reminders_are_logged_and_recorded(app, build, cast, caplog):
    procurement, supplier_org, _ = cast
    _expiring(build, procurement, supplier_org, 5)
    with caplog.at_level("INFO"):
        report = _send(app, TODAY, LogMailer())
    assert (report.sent, report.logged_only) == (0, 1)
    assert "no MAIL_SERVER" in caplog.text
    rows = query(app, sa.select(SentReminder))
    assert len(rows) == 2 and not any(r.delivered for r in rows)
    assert _send(app, TODAY, LogMailer()).logged_only == 0


def test_an_unreachable_server_records_nothing_so_the_next_run_retries(app, build, cast, smtp_server):
    procurement, supplier_org, _ = cast
    _expiring(build, procurement, supplier_org, 5)
    dead = SmtpMailer(MailSettings("127.0.0.1", free_port()), timeout=2)
    report = _send(app, TODAY, dead)
    assert report.failed == 1 and report.sent == 0 and query(app, sa.select(SentReminder)) == []
    assert _send(app, TODAY, _smtp(smtp_server)).sent == 1


def test_run_daily_uses_the_configured_server(app, build, cast, smtp_server):
    procurement, supplier_org, _ = cast
    _expiring(build, procurement, supplier_org, 60)
    a = build.assessment(procurement, supplier_org, expiry_date=TODAY + dt.timedelta(days=3))
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port, MAIL_FROM="watch@b.example",
                      PORTAL_URL="https://certscope.example/")
    with app.app_context():
        report = run_daily(TODAY, app.config)
        db.session.commit()
    assert report.sent == 2 and len(smtp_server.messages) == 3
    assert any(f"https://certscope.example/assessments/{a.id}" in body for _, _, body in smtp_server.messages)


@pytest.mark.nopostgres  # the command uses the instance folder's own SQLite file
def test_certscope_reassess_sends_reminders_after_rescoring(tmp_path, monkeypatch, capsys):
    from portal.cli import main
    from tests.conftest import CORPUS, require_path

    require_path(CORPUS)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("MAIL_SERVER", raising=False)
    monkeypatch.setenv("CERTSCOPE_INSTANCE", str(tmp_path / "instance"))
    assert main(["demo", "--limit", "2"]) == 0
    capsys.readouterr()
    assert main(["reassess", "--today", "2027-11-20"]) == 0  # d01's certificate expires 2027-12-15
    out = capsys.readouterr().out
    assert "re-scored 2 assessments" in out and "0 sent, 2 logged (no SMTP), 0 failed" in out
    assert main(["reassess", "--today", "2027-11-20"]) == 0
    assert "2 already sent, 0 sent, 0 logged" in capsys.readouterr().out  # nothing twice


def test_new_reminders_later_the_same_day_get_their_own_digest(app, build, cast):
    procurement, supplier_org, _ = cast
    _expiring(build, procurement, supplier_org, 20, product="First")
    mailer = MemoryMailer()
    assert _send(app, TODAY, mailer).digests == 1
    _expiring(build, procurement, supplier_org, 10, product="Second")
    report = _send(app, TODAY, mailer)
    assert (report.sent, report.digests) == (1, 1)
    digest = [m for m in mailer.outbox if "digest" in m.subject][-1]
    assert "Second" in digest.body and "First" not in digest.body
    assert _send(app, TODAY, mailer).digests == 0
