"""Lock contention on the embedded SQLite database: writers wait their turn, readers never wait,
and contention that outlasts the wait is answered "busy, try again" — never an HTTP 500.

Written after an upload in tests/queue was answered 500 with `sqlite3.OperationalError: database is
locked` on a loaded machine: its INSERT waited SQLite's default 5 s for a worker's write lock and
gave up. `test_a_lock_held_longer_than_the_wait_...` fails on that code (500, not 503). Transactions
now hold their reads and writes in one snapshot; the other two SQLite tests pin down what makes that
safe (a transaction that may write begins IMMEDIATE, so a concurrent writer waits instead of making
its upgrade fail at once). Each test makes its moment of contention itself, with a second connection.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from portal import transactions
from portal.assessments import operations
from portal.models import Document, Organisation
from tests.queue.documents import certificate_pdf

from .assessment_fixtures import query, upload

sqlite_only = pytest.mark.nopostgres


def _database_file(app: Flask) -> Path:
    return Path(sa.engine.make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database or "")


@contextmanager
def _other_connection(app: Flask, timeout: float = 20.0) -> Iterator[sqlite3.Connection]:
    """A connection of another process's kind: plain sqlite3, autocommit, its own busy timeout."""
    conn = sqlite3.connect(_database_file(app), timeout=timeout, isolation_level=None,
                           check_same_thread=False)
    try:
        yield conn
    finally:
        conn.close()


@pytest.fixture
def parties(build: Any, login: Any) -> tuple[Any, Any, Any]:
    buyer, supplier_org = build.org("buyer"), build.org("supplier")
    assessment = build.assessment(build.user(buyer), supplier_org)
    supplier = build.user(supplier_org)
    return assessment, login(supplier), supplier_org


@sqlite_only
def test_an_upload_waits_for_a_writer_that_commits_while_it_runs(app: Any, parties: Any,
                                                                  monkeypatch: Any) -> None:
    """A worker writes between the upload's reads and its first write: it waits, and both succeed."""
    assessment, client, supplier_org = parties
    real_find = operations.find_upload
    other: dict[str, Any] = {}

    def worker_writes(conn: sqlite3.Connection) -> None:
        try:
            conn.execute("UPDATE organisations SET name = name || ' (touched)' WHERE id = ?",
                         (supplier_org.id,))
            other["done"] = True
        except sqlite3.Error as err:
            other["error"] = err

    with _other_connection(app) as conn:
        def find_while_a_worker_writes(*args: Any) -> Any:
            found = real_find(*args)  # the request has read: its transaction is open
            thread = threading.Thread(target=worker_writes, args=(conn,))
            thread.start()
            thread.join(2.0)  # before the fix it commits at once; now it waits for this request
            other["waited"], other["thread"] = thread.is_alive(), thread
            return found

        monkeypatch.setattr(operations, "find_upload", find_while_a_worker_writes)
        response = upload(client, assessment.id, certificate_pdf(1))
        other["thread"].join(20)

    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    assert other["waited"], "the worker's write did not wait for the upload's transaction"
    assert other.get("done") and "error" not in other  # and then it went through
    assert len(query(app, sa.select(Document))) == 1
    [org] = query(app, sa.select(Organisation).where(Organisation.id == supplier_org.id))
    assert org.name.endswith("(touched)")


@sqlite_only
# Errors are handled as in production (the test client would otherwise re-raise those met while
# opening the request's session, before the view).
@pytest.mark.parametrize("app_config", [{"SQLITE_BUSY_TIMEOUT_S": 0.3, "PROPAGATE_EXCEPTIONS": False}])
def test_a_lock_held_longer_than_the_wait_answers_busy_and_stores_nothing(app: Any, parties: Any) -> None:
    assessment, client, _ = parties
    assert client.get("/assessments/").status_code == 200  # the session now has its form token: no writes
    with _other_connection(app) as conn:
        conn.execute("BEGIN IMMEDIATE")  # another writer holds the lock for longer than we wait
        conn.execute("UPDATE organisations SET name = name")
        dashboard = client.get("/assessments/")  # readers run beside a writer
        response = upload(client, assessment.id, certificate_pdf(2))
        conn.execute("ROLLBACK")

    assert dashboard.status_code == 200
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert "nothing was saved" in response.get_data(as_text=True)
    assert query(app, sa.select(Document)) == []
    assert upload(client, assessment.id, certificate_pdf(2)).status_code == 302  # the retry succeeds


def test_contention_is_recognised_on_both_databases() -> None:
    psycopg_errors = pytest.importorskip("psycopg.errors")
    locked = sqlite3.OperationalError("database is locked")
    locked.sqlite_errorcode = 5
    wrapped = sa.exc.OperationalError("INSERT", {}, locked)
    assert transactions.is_contention(wrapped)
    for error in (psycopg_errors.SerializationFailure(), psycopg_errors.DeadlockDetected(),
                  psycopg_errors.LockNotAvailable()):
        assert transactions.is_contention(sa.exc.OperationalError("UPDATE", {}, error))
    missing = sqlite3.OperationalError("no such table: x")
    assert not transactions.is_contention(sa.exc.OperationalError("SELECT", {}, missing))
    duplicate = psycopg_errors.UniqueViolation()
    assert not transactions.is_contention(sa.exc.IntegrityError("INSERT", {}, duplicate))
