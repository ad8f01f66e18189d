"""Build the app's Huey, register the tasks on it, and hand jobs over after commit."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from flask import Flask, current_app, has_app_context
from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey, crontab
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from .. import logs
from ..extensions import app_object, db
from ..unit_of_work import job_transaction

log = logging.getLogger(__name__)
PENDING = "certscope_jobs"
QUEUE_NAME = "certscope"


def init_app(app: Flask) -> None:
    """Give `app` its queue (`app.extensions['huey']`) with every task registered."""
    from .tasks import PERIODIC, TASKS

    huey = _make_huey(app)
    wrappers = {name: huey.task(name=name, context=True, retries=2, retry_delay=5)(_in_app(app, name, func))
                for name, func in TASKS.items()}
    for name, (schedule, func) in PERIODIC.items():
        wrappers[name] = huey.periodic_task(crontab(**schedule(app.config)), name=name, context=True)(
            _in_app(app, name, func))
    app.extensions["huey"] = huey
    app.extensions["jobs"] = wrappers


def _make_huey(app: Flask) -> Huey:
    mode, name = queue_mode(app.config), app.config.get("QUEUE_NAME") or QUEUE_NAME
    if mode == "immediate":  # tests: a job runs in the same process as soon as it is handed over
        return MemoryHuey(name, immediate=True)
    if mode == "redis":
        return RedisHuey(name, url=app.config["REDIS_URL"], blocking=True, read_timeout=1)
    path = Path(app.config.get("QUEUE_DB") or Path(app.instance_path) / "queue.db")
    return SqliteHuey(name, filename=str(path), timeout=float(app.config.get("SQLITE_BUSY_TIMEOUT_S") or 30))


def queue_mode(config: Mapping[str, Any]) -> str:
    """'immediate' (tests), 'redis' (REDIS_URL set) or 'sqlite' (the embedded default)."""
    if config.get("QUEUE") == "immediate":
        return "immediate"
    return "redis" if config.get("REDIS_URL") else "sqlite"


def huey_of(app: Flask | None = None) -> Huey:
    """Return the app's queue."""
    return (app or current_app).extensions["huey"]


def _in_app(app: Flask, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """Run a task inside its own app context (its own database session), logged with its job id."""

    def run(*args: Any, task: Any = None) -> Any:
        started = time.perf_counter()
        job_id = getattr(task, "id", None)
        with app.app_context(), logs.job_context(job_id, name):
            try:
                with job_transaction():  # the job's unit of work: committed when it returns
                    return func(*args)
            except Exception:
                log.exception("job failed")
                raise
            finally:
                log.info("job done", extra={"duration_ms": round((time.perf_counter() - started) * 1000, 1)})

    run.__name__ = run.__qualname__ = name
    run.__doc__ = func.__doc__
    return run


def enqueue(name: str, *args: Any, delay: float = 0) -> None:
    """Ask for job `name(*args)`; it reaches the queue when the current transaction commits
    (and runs `delay` seconds after that, when given: retries with back-off).

    A job asked for inside a SAVEPOINT (an `@atomic` operation) is forgotten if that savepoint is
    rolled back, and handed over only with the outermost commit.
    """
    session = db.session()
    asked_in = session.get_nested_transaction() or session.get_transaction()
    session.info.setdefault(PENDING, []).append((asked_in, app_object(), name, args, delay))


def enqueue_now(app: Flask, name: str, *args: Any, delay: float = 0) -> None:
    """Hand a job to the queue at once (outside any transaction: start-up sweeps, the CLI)."""
    try:
        if delay > 0:
            app.extensions["jobs"][name].schedule(args=args, delay=delay)
        else:
            app.extensions["jobs"][name](*args)
    except Exception:  # a queue that is down must not undo what was committed; the sweep re-queues
        log.exception("could not queue job %s", name)


@event.listens_for(Session, "after_commit")
def _hand_over(session: Session) -> None:
    if session.in_nested_transaction():  # a SAVEPOINT released: its jobs wait for the outermost commit
        return
    jobs = session.info.pop(PENDING, None)
    for _, app, name, args, delay in jobs or ():
        enqueue_now(app, name, *args, delay=delay)


@event.listens_for(Session, "after_soft_rollback")
def _forget(session: Session, previous_transaction: SessionTransaction) -> None:
    if not session.in_transaction():
        session.info.pop(PENDING, None)
        return
    pending = session.info.get(PENDING) or []
    session.info[PENDING] = [job for job in pending if not _inside(job[0], previous_transaction)]


def _inside(transaction: SessionTransaction | None, outer: SessionTransaction) -> bool:
    while transaction is not None:
        if transaction is outer:
            return True
        transaction = transaction.parent
    return False


def queue_state(app: Flask) -> dict[str, Any]:
    """Say whether the queue answers, and how many jobs wait: for /healthz."""
    huey = huey_of(app)
    try:
        waiting = huey.pending_count()
    except Exception as err:  # report, never raise: health checks must answer
        return {"ok": False, "backend": queue_mode(app.config), "error": type(err).__name__}
    return {"ok": True, "backend": queue_mode(app.config), "waiting": waiting}


def has_queue() -> bool:
    """Whether the current app has a queue (feature packages may run without one)."""
    return has_app_context() and "huey" in current_app.extensions
