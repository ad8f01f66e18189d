"""The Alembic migrations and the models describe the same schema, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from portal import create_app
from portal.extensions import MIGRATIONS_DIR, db

from .conftest import test_config


def _drop_everything() -> None:
    """Remove every table, including alembic_version (PostgreSQL runs share one database)."""
    reflected = sa.MetaData()
    reflected.reflect(bind=db.engine)
    reflected.drop_all(bind=db.engine)


@pytest.fixture
def empty_app(tmp_path):
    app = create_app(test_config(tmp_path))
    with app.app_context():
        _drop_everything()
        yield app
        db.session.remove()
        _drop_everything()
        db.create_all()  # leave the schema the other tests' fixture expects
        db.engine.dispose()


def _differences() -> list:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def test_upgrade_from_empty_matches_the_models(empty_app):
    upgrade(directory=str(MIGRATIONS_DIR))
    assert _differences() == []


def test_downgrade_to_base_removes_every_table(empty_app):
    upgrade(directory=str(MIGRATIONS_DIR))
    downgrade(directory=str(MIGRATIONS_DIR), revision="base")
    left = set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}
    assert left == set()
    upgrade(directory=str(MIGRATIONS_DIR))  # and back up again, cleanly
    assert _differences() == []


def test_migration_files_are_date_prefixed():
    names = [p.name for p in (MIGRATIONS_DIR / "versions").glob("*.py")]
    assert names, "no migrations"
    for name in names:
        assert name[:8].isdigit() and name[8] == "_", name
