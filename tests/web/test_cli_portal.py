"""`certscope db upgrade`, `demo`, `reassess` on a fresh instance folder (embedded SQLite)."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from portal import create_app
from portal.cli import main
from portal.extensions import db
from portal.models import Assessment, Document, Scoring, User
from tests.conftest import CORPUS, require_path

pytestmark = pytest.mark.nopostgres  # these use the instance folder's own SQLite file


@pytest.fixture
def instance(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("CERTSCOPE_INSTANCE", str(tmp_path / "instance"))
    return tmp_path / "instance"


def test_db_upgrade_creates_the_embedded_database(instance, capsys):
    assert main(["db", "upgrade"]) == 0
    assert (instance / "certscope.db").exists()
    assert "database at head" in capsys.readouterr().out
    app = create_app()
    with app.app_context():
        tables = set(sa.inspect(db.engine).get_table_names())
    assert {"users", "assessments", "documents", "alembic_version"} <= tables


def test_demo_creates_users_that_can_sign_in_and_scored_assessments(instance, capsys):
    require_path(CORPUS)
    assert main(["demo", "--limit", "2"]) == 0
    out = capsys.readouterr().out
    logins = re.findall(r"^\s+(\w+)\s+(\S+@\S+)\s+(pw-\S+)", out, re.M)
    assert {role for role, _, _ in logins} == {"procurement", "legal", "admin", "supplier"}
    app = create_app({"WTF_CSRF_ENABLED": False})
    with app.app_context():
        assessments = db.session.scalars(sa.select(Assessment)).all()
        assert len(assessments) == 2
        assert all(a.supplier_org_id is not None for a in assessments)
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Document)) >= 2
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Scoring)) >= 2
        assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == len(logins)
    _, email, password = next(x for x in logins if x[0] == "procurement")
    client = app.test_client()
    assert client.post("/login", data={"email": email, "password": password}).status_code == 302


def test_demo_twice_resets_passwords_instead_of_duplicating(instance, capsys):
    require_path(CORPUS)
    main(["demo", "--limit", "1"])
    first = capsys.readouterr().out
    main(["demo", "--limit", "1"])
    second = capsys.readouterr().out
    assert "already present" in second
    assert len(re.findall(r"pw-\S+", first)) == len(re.findall(r"pw-\S+", second))
    assert set(re.findall(r"pw-\S+", first)).isdisjoint(re.findall(r"pw-\S+", second))


def test_reassess_rescores_everything(instance, capsys):
    require_path(CORPUS)
    main(["demo", "--limit", "2"])
    capsys.readouterr()
    assert main(["reassess", "--today", "2030-01-01"]) == 0
    assert "re-scored 2 assessments for 2030-01-01" in capsys.readouterr().out
