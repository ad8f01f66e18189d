"""How transactions begin on the embedded SQLite database, and how lock contention is recognised.

pysqlite's own transaction handling began a transaction only at the first write, so a request's
reads ran outside it, and a writer gave up after SQLite's default 5 s: on a loaded machine, with
workers scoring inside their write transactions, an upload was answered 500 "database is locked".

SQLite lets one connection write at a time. A transaction that begins DEFERRED reads under a
snapshot and, at its first write, must upgrade to the write lock; in WAL mode that upgrade never
waits: it fails at once with SQLITE_BUSY ("database is locked") whenever another connection holds
the lock or committed since the snapshot — a certainty with workers writing progress beside an
upload. So a transaction that may write begins IMMEDIATE (it takes the write lock first, waiting up
to the busy timeout, SQLITE_BUSY_TIMEOUT_S), and only read-only requests (GET, HEAD, OPTIONS) begin
DEFERRED and run beside writers: a GET never writes (unit_of_work.py rolls its transaction back).

This is SQLAlchemy's documented pysqlite recipe (the driver's own BEGIN handling turned off, ours
emitted from the engine's "begin" event), which also makes SAVEPOINTs work on pysqlite.
PostgreSQL is untouched: every listener here returns at once for other databases.

Contention that outlasts the busy timeout (or PostgreSQL's serialization and deadlock errors) is
answered as "busy, try again" by the error handlers (`is_contention`), never as a 500.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

log = logging.getLogger(__name__)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DEFAULT_BUSY_TIMEOUT_S = 30.0
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6
# PostgreSQL: serialization_failure, deadlock_detected, lock_not_available.
_PG_CONTENTION = frozenset({"40001", "40P01", "55P03"})
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
_MODE, _READ = "certscope_begin", "certscope_has_read"

_forced: ContextVar[str | None] = ContextVar("certscope_begin_mode", default=None)


class DeferredWriteError(RuntimeError):
    """A read-only (DEFERRED) SQLite transaction tried to write after reading (tests raise it)."""


@contextmanager
def writing() -> Iterator[None]:
    """Begin every SQLite transaction inside the block IMMEDIATE (jobs, commands): they write."""
    token = _forced.set("IMMEDIATE")
    try:
        yield
    finally:
        _forced.reset(token)


@contextmanager
def reading() -> Iterator[None]:
    """Begin every SQLite transaction inside the block DEFERRED: a read that must never wait for a
    writer, even in a POST (the session store's lookup, on a connection of its own)."""
    token = _forced.set("DEFERRED")
    try:
        yield
    finally:
        _forced.reset(token)


def begin_mode() -> str:
    """IMMEDIATE for anything that may write; DEFERRED for read-only requests."""
    forced = _forced.get()
    if forced:
        return forced
    from flask import has_request_context, request

    return "DEFERRED" if has_request_context() and request.method in SAFE_METHODS else "IMMEDIATE"


def is_contention(err: BaseException) -> bool:
    """Whether a database error means "another transaction holds the lock" (worth a retry)."""
    orig = getattr(err, "orig", err)
    if isinstance(orig, sqlite3.OperationalError):
        code = getattr(orig, "sqlite_errorcode", None)
        if code is not None:
            return code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)
        return "locked" in str(orig) or "busy" in str(orig)
    return getattr(orig, "sqlstate", None) in _PG_CONTENTION


def _is_sqlite(connection: Any) -> bool:
    return isinstance(connection, sqlite3.Connection)


@event.listens_for(Engine, "connect")
def _sqlite_connect(dbapi_connection: Any, connection_record: Any) -> None:
    """Enforce foreign keys like PostgreSQL, let readers run beside a writer, and own BEGIN."""
    if not _is_sqlite(dbapi_connection):
        return
    dbapi_connection.isolation_level = None  # the driver emits no BEGIN of its own: `_sqlite_begin` does
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn: Connection) -> None:
    if conn.dialect.name != "sqlite":
        return
    mode = begin_mode()
    conn.info[_MODE], conn.info[_READ] = mode, False
    conn.exec_driver_sql(f"BEGIN {mode}")


@event.listens_for(Engine, "before_cursor_execute")
def _watch_deferred(conn: Connection, cursor: Any, statement: str, parameters: Any, context: Any,
                    executemany: bool) -> None:
    """Catch a write after a read in a DEFERRED transaction: it fails under any concurrent writer."""
    if conn.info.get(_MODE) != "DEFERRED" or not conn.in_transaction():
        return
    verb = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else ""
    if verb in ("SELECT", "WITH"):
        conn.info[_READ] = True
    elif verb in _WRITES and conn.info[_READ]:
        _deferred_write(statement)


def _deferred_write(statement: str) -> None:
    from flask import current_app, has_app_context, has_request_context, request

    where = f"{request.method} {request.path}" if has_request_context() else "outside a request"
    message = (f"{where} writes after reading in a read-only SQLite transaction; under concurrent "
               f"writers this fails with 'database is locked', and a GET never writes. "
               f"({statement.split(None, 3)[:3]})")
    if has_app_context() and current_app.config.get("TESTING"):
        raise DeferredWriteError(message)
    log.warning(message)


def sqlite_engine_options(url: str, options: dict[str, Any] | None, busy_timeout_s: float) -> dict[str, Any]:
    """Return engine options with the busy timeout set for a SQLite URL (others unchanged)."""
    merged = dict(options or {})
    if url.startswith("sqlite"):
        merged["connect_args"] = {"timeout": busy_timeout_s, **merged.get("connect_args", {})}
    return merged
