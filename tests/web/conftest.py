"""Web test fixtures: an app per test on a clean database, builders, signed-in clients.

SQLite (a temporary file per test) by default; with DATABASE_URL set, every test runs against
that PostgreSQL database, emptied before each test.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal import create_app
from portal.config import normalise_database_url
from portal.extensions import db

from .builders import PASSWORD, Builder


def _worker_database(url: str | None) -> str | None:
    """Give each pytest-xdist worker its own PostgreSQL database, created on first use."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    base = sa.engine.make_url(normalise_database_url(url))
    name = f"{base.database}_{worker}"
    engine = sa.create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}) is None:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


POSTGRES_URL = _worker_database(os.environ.get("DATABASE_URL"))

# Cheap argon2 parameters: the production cost would dominate the suite's run time.
FAST_HASH = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip `nopostgres` tests when running against PostgreSQL."""
    if not POSTGRES_URL:
        return
    skip = pytest.mark.skip(reason="SQLite-only test (DATABASE_URL points at PostgreSQL)")
    for item in items:
        if "nopostgres" in item.keywords:
            item.add_marker(skip)


def test_config(tmp_path: Path, **overrides: Any) -> dict[str, Any]:
    """Return the config of a test app whose files live under `tmp_path`."""
    url = normalise_database_url(POSTGRES_URL) if POSTGRES_URL else f"sqlite:///{tmp_path / 'test.db'}"
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "WTF_CSRF_ENABLED": False,
        "PASSWORD_HASH": FAST_HASH,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "STORAGE_DIR": str(tmp_path / "storage"),
        "SQLALCHEMY_DATABASE_URI": url,
        "QUEUE": "immediate",  # jobs run as soon as the request commits; tests/queue run real workers
    }
    config.update(overrides)
    return config


test_config.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test


def empty_database() -> None:
    """Create any missing tables, then delete every row (fast on both backends)."""
    db.create_all()
    tables = db.metadata.sorted_tables
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        db.session.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in reversed(tables):
            db.session.execute(table.delete())
    db.session.commit()


@pytest.fixture
def app_config() -> dict[str, Any]:
    """Override in a test module to change the app's config."""
    return {}


@pytest.fixture
def app(tmp_path: Path, app_config: dict[str, Any]) -> Iterator[Flask]:
    """An app on a clean database. No context stays pushed: each request gets its own."""
    application = create_app(test_config(tmp_path, **app_config))
    with application.app_context():
        empty_database()
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def build(app: Flask) -> Builder:
    """Builders for organisations, users, assessments, documents, invitations."""
    return Builder(app)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """An anonymous test client."""
    return app.test_client()


def sign_in(client: FlaskClient, email: str, password: str = PASSWORD) -> Any:
    """Sign `client` in through the login form; return the response."""
    return client.post("/login", data={"email": email, "password": password})


@pytest.fixture
def login(app: Flask) -> Callable[..., FlaskClient]:
    """Return a function giving a new client signed in as the given user."""

    def signed_in(user: Any, password: str = PASSWORD) -> FlaskClient:
        client = app.test_client()
        response = sign_in(client, user.email, password)
        assert response.status_code == 302, f"sign-in of {user.email} failed: {response.status_code}"
        return client

    return signed_in
