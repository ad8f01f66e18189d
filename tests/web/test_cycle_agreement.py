"""Scoring, the watch list, reminders and the legal summary agree on surveillance due dates.

For a table of certificate cycles, each assessment is scored as an upload would, then the four
readers are asked on the same day; each must name the date scoring.cycle.surveillance_due gives for
the certificate (corrections applied), and call it overdue exactly when scoring raises the flag.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest
import sqlalchemy as sa

import scoring.cycle
from portal.assessments import rescoring
from portal.extensions import db
from portal.legal.operations import legal_summary
from portal.models import Assessment, Scoring, User
from portal.monitoring.reminders import due_events
from portal.monitoring.watchlist import watch_list
from portal.security import assessment_scope
from scoring.cycle import CycleDates, surveillance_due

from .monitoring_fixtures import certificate_extraction, rescore

TODAY = dt.date(2026, 3, 1)
D = dt.date


@dataclass(frozen=True)
class Cycle:
    """One certificate's dates, and corrections the supplier made to them."""

    name: str
    dates: dict[str, Any]
    corrected: dict[str, Any] = field(default_factory=dict)


CYCLES = [
    Cycle("overdue", {"initial_certification_date": D(2024, 11, 20), "expiry_date": D(2027, 11, 19)}),
    Cycle("due soon", {"issue_date": D(2025, 1, 10), "expiry_date": D(2028, 1, 9)}),
    Cycle("due later", {"issue_date": D(2025, 3, 1), "expiry_date": D(2028, 2, 29)}),
    Cycle("stated date passed", {"initial_certification_date": D(2025, 6, 1),
                                 "next_audit_due": D(2026, 2, 15), "expiry_date": D(2028, 5, 31)}),
    Cycle("stated date met", {"initial_certification_date": D(2025, 3, 1), "next_audit_due": D(2026, 2, 15),
                              "surveillance_dates": ["2026-02-15"], "expiry_date": D(2028, 2, 28)}),
    Cycle("audit added by correction", {"initial_certification_date": D(2024, 10, 1),
                                        "expiry_date": D(2027, 9, 30)},
          corrected={"surveillance_dates": ["2025-10-01"]}),
    Cycle("month end", {"issue_date": D(2024, 11, 30), "expiry_date": D(2027, 11, 29)}),
    Cycle("re-issued", {"initial_certification_date": D(2023, 12, 1), "issue_date": D(2025, 1, 20),
                        "expiry_date": D(2026, 11, 30)}),
    Cycle("renewal first", {"issue_date": D(2025, 2, 1), "expiry_date": D(2026, 4, 1)}),
    Cycle("expired", {"issue_date": D(2023, 1, 1), "expiry_date": D(2026, 1, 1)}),
]


@pytest.fixture
def app_config():
    return {"TODAY": TODAY.isoformat()}


def _score_the_table(app, build) -> tuple[Any, dict[str, int]]:
    """Make and score one assessment per cycle; return the buyer's procurement user and name -> id."""
    procurement = build.user(build.org("buyer"), "procurement")
    supplier_org = build.org("supplier")
    supplier = build.user(supplier_org)
    ids = {}
    for cycle in CYCLES:
        a = build.assessment(procurement, supplier_org, supplier_name=cycle.name)
        doc = build.document(a, supplier, extraction=certificate_extraction(**cycle.dates))
        for name, value in cycle.corrected.items():
            build.correction(doc, supplier, name, value)
        rescore(app, TODAY, a)
        ids[cycle.name] = a.id
    return procurement, ids


def _readings(app, procurement, ids) -> dict[str, dict[str, Any]]:
    """Ask scoring's result, the watch list, the reminders and the legal summary about each cycle."""
    with app.app_context():
        user = db.session.get_one(User, procurement.id)
        watched = {i.supplier_name: i.detail for i in watch_list(assessment_scope(user), TODAY).surveillance}
        reminded = {e.assessment_id: e.key for e in due_events(TODAY) if ":surveillance:" in e.key}
        out = {}
        for name, ident in ids.items():
            a = db.session.get_one(Assessment, ident)
            cert = rescoring.certificate_of(rescoring.gather_inputs([a])[ident])
            assert cert is not None, name
            flags = db.session.scalar(sa.select(Scoring.flags).where(Scoring.assessment_id == ident)
                                      .order_by(Scoring.id.desc()).limit(1)) or []
            out[name] = {"due": surveillance_due(CycleDates.from_extraction(cert)),
                         "expiry": cert.expiry_date,
                         "flagged": "cert.surveillance_overdue" in {f["code"] for f in flags},
                         "watch": watched.get(name), "reminder": reminded.get(ident),
                         "legal": legal_summary(a, TODAY).cycle}
        return out


def _disagreements(name: str, r: dict[str, Any]) -> list[str]:
    due, expired = r["due"], r["expiry"] < TODAY
    day = due.date.isoformat() if due else None
    overdue = bool(due and due.overdue_on(TODAY) and not expired)
    notice = dt.timedelta(days=scoring.cycle.DEFAULT_NOTICE_DAYS)
    noticed = bool(due and not expired and due.date <= TODAY + notice)
    state = "overdue" if overdue else "due"
    problems = []
    if r["flagged"] != overdue:
        problems.append(f"scoring flags overdue: {r['flagged']}, the cycle says {overdue} ({day})")
    if noticed != (r["watch"] is not None) or (noticed and f"{'overdue since' if overdue else 'due by'} {day}"
                                               not in r["watch"]):
        problems.append(f"watch list says {r['watch']!r}, the cycle says {state} {day}")
    if noticed != (r["reminder"] is not None) or (noticed and not r["reminder"].endswith(f":{day}:{state}")):
        problems.append(f"reminder key {r['reminder']!r}, the cycle says {state} {day}")
    if not expired and due and f"{'overdue since' if overdue else 'due by'} {day}." not in r["legal"]:
        problems.append(f"legal summary says {r['legal']!r}, the cycle says {state} {day}")
    if not expired and due is None and "recertification due" not in r["legal"]:
        problems.append(f"legal summary says {r['legal']!r}, the cycle says renewal comes first")
    return [f"{name}: {p}" for p in problems]


def test_all_four_name_the_cycles_due_date(app, build):
    procurement, ids = _score_the_table(app, build)
    readings = _readings(app, procurement, ids)
    problems = [p for name, r in readings.items() for p in _disagreements(name, r)]
    assert problems == [], "\n".join(problems)
    # the table covers every state: overdue, due soon, due later, renewal first, expired
    assert {n for n, r in readings.items() if r["flagged"]} == {"overdue", "stated date passed", "month end"}
    assert {n for n, r in readings.items() if r["watch"] and not r["flagged"]} == {"due soon", "re-issued"}
    assert readings["renewal first"]["due"] is None and readings["expired"]["expiry"] < TODAY
    assert readings["due later"]["watch"] is None and "due by 2026-06-01" in readings["due later"]["legal"]


def test_they_agree_because_they_read_the_same_function(app, build, monkeypatch):
    """Change the cycle's one rule (a shorter grace): every reader follows it, none keeps its own."""
    shorter = scoring.cycle.last_day_within
    monkeypatch.setattr(scoring.cycle, "last_day_within", lambda last, months: shorter(last, months - 3))
    procurement, ids = _score_the_table(app, build)
    readings = _readings(app, procurement, ids)
    problems = [p for name, r in readings.items() for p in _disagreements(name, r)]
    assert problems == [], "\n".join(problems)
    assert readings["due soon"]["flagged"]  # 12 months after 2025-01-10: overdue under the changed rule
