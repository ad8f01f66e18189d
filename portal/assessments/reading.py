"""Reading a stored document as a job: queue it, claim it, report progress, store the result once.

A read is identified by the document's `parse_token`. Each step is a conditional UPDATE on that
token (and on the worker that claimed it), so a job delivered twice, a job for a read that was
superseded by "parse again", and a job re-queued after its worker died all end with exactly one
stored result and one scoring — on SQLite and PostgreSQL alike. The result, its scoring and the
notification are written in one transaction.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import sqlalchemy as sa

from .. import audit, jobs, transactions
from ..extensions import db
from ..models import Assessment, Document, User, utcnow
from ..notifications import operations as notifications
from ..reading.limits import Limits, ReadOutcome, read_isolated
from ..webhooks import operations as webhooks
from . import document_ops, rescoring, storage

log = logging.getLogger(__name__)
PROGRESS_EVERY_S = 0.5  # at most this often a progress row is written (each is a small commit)
HEARTBEAT_EVERY_S = 5.0
STALE_AFTER_S = 30.0  # a read whose heartbeat is older than this has lost its worker
MAX_ATTEMPTS = 3  # a file that kills its worker this often is failed, not retried for ever
STORE_TRIES = 3  # storing a read that met a concurrent writer (deadlock, busy) is tried this often


# Every `ReadingState.state` reading_state answers (the API documents them as its `state` values).
READING_STATES = ("queued", "reading", "failed", "withdrawn", "problems", "mismatch", "scored", "read")


@dataclass(frozen=True)
class ReadingState:
    """What the document page says about a document: a short state and whether it will change."""

    state: str
    label: str
    final: bool


def worker_name() -> str:
    """Name this process as the claimant of a read: host and pid, so a sweep can test it is alive."""
    return f"{socket.gethostname()}:{os.getpid()}"


def queue_read(doc: Document, user: User | None = None, trigger: str = "upload") -> str:
    """Mark `doc` queued under a new token and ask for its read job (sent when the request commits)."""
    doc.parse_token = uuid.uuid4().hex
    doc.parse_status, doc.parse_stage, doc.parse_page, doc.parse_pages = "pending", None, None, None
    doc.parse_worker, doc.parse_heartbeat, doc.parse_attempts = None, None, 0
    doc.queued_at = utcnow()
    db.session.flush()
    if user is not None and trigger != "upload":
        audit.record(user, "document.reparse", doc)
    jobs.enqueue("read_document", doc.id, doc.parse_token, trigger)
    return doc.parse_token


def read_document(document_id: int, token: str, trigger: str, root: Path, limits: Limits,
                  today: dt.date) -> str:
    """The job: claim the read, parse in a limited child, store the result once. Return what happened."""
    me = worker_name()
    if not claim(document_id, token, me):
        db.session.rollback()
        return "skipped"
    db.session.commit()
    sha256 = db.session.scalar(sa.select(Document.sha256).where(Document.id == document_id))
    db.session.rollback()  # hold no transaction (nor SQLite lock) while the child reads
    reporter = _Reporter(document_id, token, me)
    try:
        if sha256 is None:
            raise FileNotFoundError(f"document {document_id} is gone")
        data = storage.read_blob(root, sha256)
    except OSError:
        outcome = ReadOutcome(error="the stored file is missing from the storage folder")
    else:
        outcome = read_isolated(data, limits, progress=reporter.progress, heartbeat=reporter.heartbeat)
    _log_read(document_id, outcome)
    return "stored" if finish(document_id, token, me, outcome, trigger, today) else "superseded"


def _log_read(document_id: int, outcome: ReadOutcome) -> None:
    """Log how long the child took and its peak resident memory (operators size the limits by it),
    and a bug of ours as an error with its traceback, apart from files that cannot be read."""
    peak = round(outcome.peak_mb, 1) if outcome.peak_mb else None
    log.info("document read", extra={"document_id": document_id, "ok": outcome.ok, "error": outcome.error,
                                     "seconds": round(outcome.seconds, 2),
                                     "start_s": round(outcome.start_seconds, 2), "peak_mb": peak})
    if outcome.bug:
        log.error("certscope failed on document %s (a bug, not the file):\n%s", document_id, outcome.bug,
                  extra={"document_id": document_id, "bug": True})


def read_now(doc: Document, root: Path, limits: Limits, today: dt.date, trigger: str = "upload") -> None:
    """Read `doc` in this process's own child, under a fresh token (a queued job for it then does nothing)."""
    token, me = uuid.uuid4().hex, worker_name()
    doc.parse_token, doc.parse_status, doc.parse_worker = token, "reading", me
    doc.parse_heartbeat, doc.parse_attempts = utcnow(), doc.parse_attempts + 1
    db.session.flush()
    try:
        data = storage.read_blob(root, doc.sha256)
    except OSError:
        outcome = ReadOutcome(error="the stored file is missing from the storage folder")
    else:
        outcome = read_isolated(data, limits)
    _log_read(doc.id, outcome)
    _finish_in_session(doc.id, token, me, outcome, trigger, today)
    db.session.refresh(doc)


def claim(document_id: int, token: str, me: str) -> bool:
    """Take the read if it is still queued under `token`, or its claimant went silent."""
    stale = utcnow() - dt.timedelta(seconds=STALE_AFTER_S)
    claimable = sa.or_(Document.parse_status == "pending",
                       sa.and_(Document.parse_status == "reading", Document.parse_heartbeat < stale))
    result = _changed(sa.update(Document).where(
        Document.id == document_id, Document.parse_token == token, claimable).values(
        parse_status="reading", parse_worker=me, parse_heartbeat=utcnow(), parse_stage=None,
        parse_attempts=Document.parse_attempts + 1))
    return result == 1


def _changed(statement: sa.Update, **options: Any) -> int:
    """Run an UPDATE and return how many rows it changed."""
    return cast(sa.CursorResult[Any], db.session.execute(statement, **options)).rowcount


def _mine(document_id: int, token: str, me: str) -> Any:
    return sa.and_(Document.id == document_id, Document.parse_token == token,
                   Document.parse_status == "reading", Document.parse_worker == me)


class _Reporter:
    """Write progress (page i of n) and a heartbeat, throttled, each in its own short commit."""

    def __init__(self, document_id: int, token: str, me: str) -> None:
        self.where = _mine(document_id, token, me)
        self.last_write = 0.0

    def progress(self, stage: str, page: int, pages: int) -> None:
        if time.monotonic() - self.last_write >= PROGRESS_EVERY_S or page == pages:
            self._write(parse_stage=stage, parse_page=page, parse_pages=pages)

    def heartbeat(self) -> None:
        if time.monotonic() - self.last_write >= HEARTBEAT_EVERY_S:
            self._write()

    def _write(self, **values: Any) -> None:
        self.last_write = time.monotonic()
        try:
            stmt = sa.update(Document).where(self.where).values(parse_heartbeat=utcnow(), **values)
            db.session.execute(stmt)
            db.session.commit()
        except sa.exc.OperationalError:  # a busy database delays progress, never the read
            db.session.rollback()


def finish(document_id: int, token: str, me: str, outcome: ReadOutcome, trigger: str,
           today: dt.date) -> bool:
    """Store the outcome, make the document current, score and notify, in one transaction.

    The read itself is done and in memory, so a transaction that loses to a concurrent writer is
    tried again here: a retry of the whole job would find the read claimed (by this job) and skip it.
    """
    for attempt in range(1, STORE_TRIES + 1):
        try:
            stored = _finish_in_session(document_id, token, me, outcome, trigger, today)
            if stored:
                db.session.commit()
            else:
                db.session.rollback()
            return stored
        except sa.exc.DBAPIError as err:
            db.session.rollback()
            if attempt == STORE_TRIES or not transactions.is_contention(err):
                raise
            log.warning("storing the read met a concurrent writer; trying again",
                        extra={"document_id": document_id, "attempt": attempt})
            time.sleep(0.2 * attempt)
    return False


def _finish_in_session(document_id: int, token: str, me: str, outcome: ReadOutcome, trigger: str,
                       today: dt.date) -> bool:
    values: dict[str, Any] = {"parse_stage": None, "parse_page": None, "parse_pages": None,
                              "parse_heartbeat": utcnow(), "parsed_at": utcnow()}
    if outcome.ok:
        values.update(parse_status="parsed", parse_error=None, extraction=outcome.extraction,
                      kind=outcome.kind, parse_problems=list(outcome.problems))
    else:
        values.update(parse_status="failed", parse_error=outcome.error, parse_problems=[], is_current=False)
    _lock_assessment(document_id)
    stored = _changed(sa.update(Document).where(_mine(document_id, token, me)).values(**values),
                      execution_options={"synchronize_session": False})
    doc = db.session.get(Document, document_id, populate_existing=True) if stored == 1 else None
    if doc is None:  # superseded by a newer read, or reclaimed after we went silent
        return False
    _after_read(doc, trigger, today)
    return True


def _lock_assessment(document_id: int) -> None:
    """Take the document's assessment row first (PostgreSQL; SQLite's writers queue anyway).

    Storing a read updates the document, then its siblings (`_make_current`), then the assessment:
    two reads of one assessment stored at once would each hold one document and wait for the other's
    (a deadlock). Taking the assessment's row first makes them go one after the other.
    """
    db.session.execute(sa.select(Assessment.id).join(Document, Document.assessment_id == Assessment.id)
                       .where(Document.id == document_id).with_for_update(of=Assessment))


def _after_read(doc: Document, trigger: str, today: dt.date) -> None:
    document_ops.role_after_read(doc)
    if doc.parse_status == "parsed":
        _make_current(doc)
    else:
        notifications.document_unreadable(doc)
    db.session.flush()
    if doc.role in ("certificate", "soa"):
        rescoring.rescore(doc.assessment, today, trigger)
        db.session.flush()
    webhooks.emit(doc.assessment.buyer_org_id, "document.read", {
        **webhooks.about(doc.assessment), "document_id": doc.id, "role": doc.role, "kind": doc.kind,
        "filename": doc.filename, "read": doc.parse_status == "parsed", "problem": doc.failure})


def _make_current(doc: Document) -> None:
    if doc.withdrawn_at is not None:  # read again after its withdrawal: still not scored
        doc.is_current = False
        return
    if doc.role in ("certificate", "soa"):
        db.session.execute(sa.update(Document).where(
            Document.assessment_id == doc.assessment_id, Document.role == doc.role,
            Document.id != doc.id).values(is_current=False))
    doc.is_current = True


def give_up(doc: Document) -> None:
    """Fail a read that keeps killing its worker, so procurement sees why and can retry it."""
    doc.parse_status, doc.is_current, doc.parse_stage = "failed", False, None
    document_ops.role_after_read(doc)
    doc.parse_error = (f"reading stopped {doc.parse_attempts} times without finishing "
                       "(the worker was lost each time); parse again to retry")
    notifications.document_unreadable(doc)


def reading_state(doc: Document) -> ReadingState:
    """Say where a document's read is: queued, reading page i of n, scored, could not be read …"""
    status = doc.parse_status
    if status == "pending":
        return ReadingState("queued", "queued to be read", False)
    if status == "reading":
        return ReadingState("reading", _progress_label(doc), False)
    if status == "failed":
        return ReadingState("failed", doc.failure or "", True)
    if doc.withdrawn_at is not None:
        return ReadingState("withdrawn", "read; withdrawn, so not scored", True)
    # damage explains text that reads as nothing: such a file is said to be damaged, not mistyped
    read_as_nothing = bool(doc.parse_problems) and doc.kind not in ("certificate", "soa")
    if doc.kind and doc.role in ("certificate", "soa") and doc.kind != doc.role and not read_as_nothing:
        # never "read" in green beside "read as a certificate" in red: the type is the problem
        return ReadingState("mismatch", f"read, but it reads as {_KINDS.get(doc.kind, doc.kind)}, "
                            f"not as {_KINDS[doc.role]}", True)
    if doc.parse_problems:
        return ReadingState("problems", "read with problems: " + "; ".join(doc.parse_problems), True)
    scored = doc.role in ("certificate", "soa") and doc.assessment.last_scored_at is not None
    return ReadingState("scored", "read and scored", True) if scored else ReadingState("read", "read", True)


_KINDS = {"certificate": "a certificate", "soa": "a Statement of Applicability",
          "unknown": "neither a certificate nor an SoA"}


def _progress_label(doc: Document) -> str:
    if doc.parse_page and doc.parse_pages:
        stage = "OCR" if doc.parse_stage == "ocr" else "reading"
        return f"{stage} page {doc.parse_page} of {doc.parse_pages}"
    return "reading"
