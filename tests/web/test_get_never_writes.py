"""A GET never writes: every GET route, as every role and anonymously, leaves the database as it was.

The walk is the one of test_templates_are_handed_their_data (every rule of `app.url_map`, on an
assessment with every panel filled in), on a world whose last scoring is two days old — the page
that re-scored a stale assessment when opened wrote on exactly that. Every table is compared whole
(row counts, and every column: `updated_at`, `last_scored_at`, `last_audit_date` …), except the
session store's own bookkeeping (last seen, a form's CSRF token), kept on a connection of its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from portal.extensions import db
from portal.models import Assessment, Scoring

from . import test_templates_are_handed_their_data as handed

app_config = handed.app_config
SESSION_STORE = {"user_sessions"}
ROLES = ("procurement", "legal", "supplier", "admin", None)


@pytest.fixture
def world(build: Any) -> Any:
    """The fully drawn world, scored two days ago (a page that re-scores stale ratings would now)."""
    users, ids = handed.full_world(build)
    with build.app.app_context():
        for row in db.session.scalars(sa.select(Assessment)):
            assert row.last_scored_at is not None
            row.last_scored_at -= dt.timedelta(days=2)
        for scoring in db.session.scalars(sa.select(Scoring)):
            scoring.scored_at -= dt.timedelta(days=2)
        db.session.commit()
    return users, ids


def snapshot(app: Flask) -> dict[str, list[str]]:
    """Every row of every table but the session store's, as sorted text."""
    with app.app_context():
        return {table.name: sorted(repr(tuple(row)) for row in db.session.execute(sa.select(table)))
                for table in db.metadata.sorted_tables if table.name not in SESSION_STORE}


def changes(before: dict[str, list[str]], after: dict[str, list[str]]) -> list[str]:
    """Say which tables a request changed: their row counts, or the rows whose values differ."""
    found = []
    for name, rows in before.items():
        if len(after[name]) != len(rows):
            found.append(f"{name}: {len(rows)} → {len(after[name])} rows")
        elif after[name] != rows:
            changed = sorted(set(after[name]) - set(rows))
            found.append(f"{name}: {len(changed)} row(s) changed, e.g. {changed[0][:300]}")
    return found


@pytest.mark.parametrize("role", ROLES, ids=[r or "anonymous" for r in ROLES])
def test_every_get_leaves_the_database_unchanged(app: Flask, world: Any, login: Any,
                                                  role: str | None) -> None:
    users, ids = world
    client = login(users[role]) if role else app.test_client()
    answered = 0
    failures = []
    for url in handed._urls(app, ids):
        before = snapshot(app)
        response = client.get(url)
        assert response.status_code < 500, url
        answered += response.status_code == 200
        failures += [f"GET {url}: {change}" for change in changes(before, snapshot(app))]
    assert failures == [], "\n".join(failures)
    assert answered >= (3 if role else 1)  # the walk reached real pages, not only refusals


def test_the_comparison_sees_a_write_and_a_touched_timestamp(app: Flask, world: Any, login: Any) -> None:
    """Control: a POST that adds a row, and a change of only `last_scored_at`, are both seen."""
    users, ids = world
    before = snapshot(app)
    login(users["procurement"]).post(f"/assessments/{ids['assessment_id']}/comments", data={"body": "Hi"})
    assert any(c.startswith("comments: 1 → 2 rows") for c in changes(before, snapshot(app)))
    before = snapshot(app)
    with app.app_context():
        for row in db.session.scalars(sa.select(Assessment)):
            row.last_scored_at = dt.datetime(2030, 1, 1)
        db.session.commit()
    assert [c.split(":")[0] for c in changes(before, snapshot(app))] == ["assessments"]
