"""Who commits: one owner per unit of work — a request, a job, a command — and nobody else.

A request's view runs inside `request_transaction` (see `app.Portal.dispatch_request`, the way
Indico's `RH.process` wraps its handler): when the view returns, what it wrote is committed; when it
raises (an `abort(404)` too), everything is rolled back and the messages it flashed are dropped, since
they announced something that did not happen. A GET, HEAD or OPTIONS request never writes: its
transaction is rolled back whatever the view did. Jobs and commands own theirs with `job_transaction`.

Views and operations therefore never commit or roll back: operations `flush()`, and an operation that
can refuse (raise a user-facing error a view catches and shows) is `@atomic`, so a refusal raised
after it wrote leaves nothing behind while the rest of the request goes on.

Work that must wait for the commit — queue jobs and mail — is asked for with `jobs.enqueue` and
handed over by the session's after-commit hook (portal/jobs/queue.py): a request that fails sends
nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from flask import current_app, request, session
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from .extensions import db
from .transactions import writing

log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")
_FLASHES = "_flashes"  # where flask.flash keeps the messages for the next page
_WROTE = "certscope_wrote"


class ReadOnlyRequestWrote(RuntimeError):
    """A GET (HEAD, OPTIONS) request wrote to the database; its writes were rolled back (tests raise it)."""


@contextmanager
def request_transaction(read_only: bool) -> Iterator[None]:
    """Own one request's transaction: commit when the view returns, roll back when it raises."""
    shown = len(session.get(_FLASHES, ()))
    try:
        yield
        if read_only:
            _end_read_only()
        else:
            db.session.flush()
            _keep_loaded()
            db.session.commit()
    except BaseException:
        _keep_loaded()  # the error page reads the signed-in user without the failed transaction
        db.session.rollback()
        _drop_flashes_after(shown)
        raise


def _keep_loaded() -> None:
    """Detach the request's objects as they are: what runs after the view (an error page, the log line,
    the headers) reads the signed-in user without querying again — after a POST, that query would wait
    for SQLite's write lock."""
    db.session.expunge_all()


def _end_read_only() -> None:
    wrote = db.session.info.pop(_WROTE, False)
    _keep_loaded()
    db.session.rollback()
    if wrote:
        message = f"{request.method} {request.path} wrote to the database; a GET never writes (rolled back)"
        if current_app.config.get("TESTING"):
            raise ReadOnlyRequestWrote(message)
        log.error(message)


@event.listens_for(Session, "after_flush")
def _flushed(session: Session, context: UOWTransaction) -> None:
    if session.new or session.deleted or any(session.is_modified(row) for row in session.dirty):
        session.info[_WROTE] = True


@event.listens_for(Session, "do_orm_execute")
def _executed(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[_WROTE] = True


@event.listens_for(Session, "after_transaction_end")
def _ended(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(_WROTE, None)


def _drop_flashes_after(count: int) -> None:
    flashes = session.get(_FLASHES)
    if flashes and len(flashes) > count:
        session[_FLASHES] = flashes[:count]


@contextmanager
def job_transaction() -> Iterator[None]:
    """Own a job's or a command's transaction (it may write: SQLite begins IMMEDIATE)."""
    with writing():
        try:
            yield
            db.session.commit()
        except BaseException:
            db.session.rollback()
            raise


def atomic(operation: Callable[P, R]) -> Callable[P, R]:
    """Make `operation` all or nothing inside its caller's transaction (a SAVEPOINT)."""

    @wraps(operation)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with db.session.begin_nested():
            return operation(*args, **kwargs)

    return run
