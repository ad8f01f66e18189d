"""The buyer's response deadline: suppliers reminded 7 days and 1 day before, and once when it passed."""

from __future__ import annotations

import datetime as dt

import pytest

from portal.extensions import db
from portal.monitoring.reminders import due_events, send_reminders

from . import monitoring_fixtures
from .test_reminders import TODAY, _smtp, cast  # noqa: F401  (cast is a fixture)

smtp_server = monitoring_fixtures.smtp_server


def _due(build, procurement, supplier_org, days, status="in_progress"):
    return build.assessment(procurement, supplier_org, product="VoiceAgent", status=status,
                            response_due=TODAY + dt.timedelta(days=days))


def _keys(app):
    with app.app_context():
        return [e.key for e in due_events(TODAY) if ":answers_due:" in e.key]


@pytest.mark.parametrize("days, suffix", [(8, None), (7, "7d"), (2, "7d"), (1, "1d"), (0, "1d"),
                                          (-1, "overdue"), (-31, None)])
def test_deadline_thresholds(app, build, cast, days, suffix):  # noqa: F811
    procurement, supplier_org, _ = cast
    a = _due(build, procurement, supplier_org, days)
    due = (TODAY + dt.timedelta(days=days)).isoformat()
    assert _keys(app) == ([] if suffix is None else [f"a{a.id}:answers_due:{due}:{suffix}"])


def test_no_reminder_once_the_answers_are_in(app, build, cast):  # noqa: F811
    procurement, supplier_org, _ = cast
    _due(build, procurement, supplier_org, 1, status="submitted")
    assert _keys(app) == []


def test_the_supplier_is_told_once_what_is_due_and_by_when(app, build, cast, smtp_server):  # noqa: F811
    procurement, supplier_org, _ = cast
    _due(build, procurement, supplier_org, 7)
    for _ in range(2):
        with app.app_context():
            send_reminders(TODAY, _smtp(smtp_server))
            db.session.commit()
    [(to, subject, body)] = smtp_server.to("ops@s.example")
    assert "answers are due on 2026-03-08, in 7 days" in subject
    assert "The answers are due on 2026-03-08" in body and "submit" in body
