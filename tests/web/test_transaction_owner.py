"""One owner of each request's transaction (portal/unit_of_work.py): views and operations never commit.

A view that returns has its writes committed; one that raises (an abort too) has them rolled back,
its messages dropped and its jobs and mail never sent; a commit that fails is answered "busy" with
nothing saved; a GET never writes; an operation's refusal undoes only what that operation wrote.
"""

from __future__ import annotations

import ast
import logging
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import abort, flash

from portal import unit_of_work
from portal.admin import operations as admin_operations
from portal.extensions import db
from portal.models import AuditEvent, Comment, Invitation, Organisation
from portal.transactions import DeferredWriteError

from . import monitoring_fixtures
from .assessment_fixtures import query

ROOT = Path(__file__).resolve().parents[2]
smtp_server = monitoring_fixtures.smtp_server


@pytest.fixture
def cast(build: Any, login: Any) -> Any:
    buyer = build.org("buyer")
    procurement = build.user(buyer, "procurement")
    assessment = build.assessment(procurement, build.org("supplier"))
    return assessment, login(procurement)


def _names(app: Any) -> list[str]:
    return [o.name for o in query(app, sa.select(Organisation).order_by(Organisation.id))]


def test_a_view_that_returns_has_its_writes_committed(app: Any, cast: Any) -> None:
    assessment, client = cast
    response = client.post(f"/assessments/{assessment.id}/comments", data={"body": "Kept"})
    assert response.status_code == 302
    assert [c.body for c in query(app, sa.select(Comment))] == ["Kept"]
    assert "Message posted." in client.get(f"/assessments/{assessment.id}").get_data(as_text=True)


def test_a_view_that_raises_after_writing_stores_nothing_says_nothing_and_mails_nothing(
        app: Any, cast: Any, smtp_server: Any, monkeypatch: Any) -> None:
    """The invitation is written and its mail asked for, then the view fails: none of it happens."""
    assessment, client = cast
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port)
    from portal.assessments import routes

    def flash_then_fail(message: str, category: str = "message") -> None:
        flash(message, category)
        raise RuntimeError("the view failed after its operation")

    monkeypatch.setattr(routes, "flash", flash_then_fail)
    response = client.post(f"/assessments/{assessment.id}/invitations", data={"email": "x@acme.example"})
    assert response.status_code == 500
    assert query(app, sa.select(Invitation)) == []
    assert smtp_server.messages == []
    monkeypatch.undo()
    page = client.get(f"/assessments/{assessment.id}").get_data(as_text=True)
    assert "x@acme.example invited" not in page  # the message of the failed request was dropped


def test_an_abort_after_a_write_rolls_the_write_back(app: Any, build: Any, login: Any) -> None:
    admin = build.user(build.org("buyer"), "admin")

    def create_then_refuse() -> str:
        admin_operations.create_organisation(None, "Half-made Ltd", "supplier")
        abort(409)

    app.add_url_rule("/test-abort", "abort_after_write", create_then_refuse, methods=["POST"])
    before = _names(app)
    assert login(admin).post("/test-abort").status_code == 409
    assert _names(app) == before


def test_a_commit_that_fails_answers_busy_and_keeps_no_message(app: Any, cast: Any, monkeypatch: Any) -> None:
    assessment, client = cast
    real_commit = db.session.commit

    def contended() -> None:
        import sqlite3

        locked = sqlite3.OperationalError("database is locked")
        locked.sqlite_errorcode = 5
        raise sa.exc.OperationalError("COMMIT", {}, locked)

    monkeypatch.setattr(db.session, "commit", contended, raising=False)
    response = client.post(f"/assessments/{assessment.id}/comments", data={"body": "Lost"})
    monkeypatch.setattr(db.session, "commit", real_commit, raising=False)
    assert response.status_code == 503 and "nothing was saved" in response.get_data(as_text=True)
    assert query(app, sa.select(Comment)) == []
    assert "Message posted." not in client.get(f"/assessments/{assessment.id}").get_data(as_text=True)


def test_a_get_never_writes(app: Any, build: Any, caplog: Any) -> None:
    """A GET's writes are rolled back; tests make it loud, production logs it."""
    org = build.org("buyer", name="Before")

    def write_on_get() -> str:
        db.session.get_one(Organisation, org.id, populate_existing=True).name = "changed on GET"
        db.session.flush()
        return "written"

    app.add_url_rule("/test-get-writes", "get_writes", write_on_get)
    client = app.test_client()
    with caplog.at_level(logging.ERROR):
        assert client.get("/test-get-writes").status_code == 500
    refused = (unit_of_work.ReadOnlyRequestWrote, DeferredWriteError)
    assert any(r.exc_info and isinstance(r.exc_info[1], refused) for r in caplog.records), caplog.text
    app.config["TESTING"] = False
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert client.get("/test-get-writes").get_data(as_text=True) == "written"
    assert "a GET never writes" in caplog.text
    assert _names(app) == ["Before"]


def test_a_refusal_undoes_only_what_its_operation_wrote(app: Any, build: Any, login: Any) -> None:
    """An @atomic operation that refuses after writing leaves nothing; the request's other writes stand."""
    admin = build.user(build.org("buyer", name="Operators"), "admin")

    @unit_of_work.atomic
    def write_then_refuse() -> None:
        admin_operations.create_organisation(None, "Refused Ltd", "supplier")
        raise admin_operations.AdminError("refused after writing")

    def view() -> str:
        admin_operations.create_organisation(None, "Kept Ltd", "supplier")
        try:
            write_then_refuse()
        except admin_operations.AdminError as err:
            return str(err)
        return "not refused"

    app.add_url_rule("/test-refusal", "refusal", view, methods=["POST"])
    assert login(admin).post("/test-refusal").get_data(as_text=True) == "refused after writing"
    assert "Kept Ltd" in _names(app) and "Refused Ltd" not in _names(app)
    created = query(app, sa.select(AuditEvent.details).where(AuditEvent.action == "organisation.created"))
    assert [d["name"] for d in created] == ["Kept Ltd"]


def _commit_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), str(path))
    return [f"{path.relative_to(ROOT)}:{node.lineno} {node.func.attr}()" for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("commit", "rollback")]


def test_no_view_commits_or_rolls_back() -> None:
    views = [p for p in (ROOT / "portal").rglob("*.py") if "routes" in p.stem]
    assert len(views) >= 7  # the walk found the route files
    assert [call for path in views for call in _commit_calls(path)] == []
