"""Races between the pieces that store reads: two reads of one assessment finishing together, and
the sweep beside running workers. On SQLite and, with DATABASE_URL, on PostgreSQL.

Written after the 50-upload test failed on PostgreSQL: two certificates of one assessment were
stored at the same moment, each transaction held its own document and waited for the other's
(`_make_current`), PostgreSQL killed one as a deadlock, the job's retry found the read claimed and
skipped it, and the document was read a second time only because the periodic sweep, running in the
same worker, took that worker's own read for a dead one's — and reset it with an unconditional write.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from portal import transactions
from portal.assessments import reading
from portal.extensions import db
from portal.jobs import sweep
from portal.models import Document, Scoring, utcnow
from portal.reading.limits import read_isolated
from tests.queue.documents import certificate_pdf
from tests.web.builders import Builder

TODAY = dt.date(2026, 3, 16)
BARRIER_WAIT_S = 3.0


def _reading(build: Builder, assessment: Any, uploader: Any, n: int, **fields: Any) -> Document:
    """A certificate claimed by this process (a worker's thread) and being read."""
    values: dict[str, Any] = {
        "parse_status": "reading", "extraction": None, "kind": None, "parse_token": uuid.uuid4().hex,
        "parse_worker": reading.worker_name(), "parse_heartbeat": utcnow(), "parse_attempts": 1}
    values.update(fields)
    return build.document(assessment, uploader, content=certificate_pdf(n), **values)


@pytest.fixture
def parties(build: Builder) -> tuple[Any, Any]:
    buyer, org = build.org("buyer"), build.org("supplier")
    return build.assessment(build.user(buyer), org), build.user(org)


def _rows(app: Flask, *columns: Any) -> list[Any]:
    with app.app_context():
        return list(db.session.execute(sa.select(*columns).order_by(Document.id)).all())


def test_two_reads_of_one_assessment_stored_at_once_are_both_stored_and_scored(
        app: Flask, build: Builder, parties: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    assessment, supplier = parties
    docs = [_reading(build, assessment, supplier, n) for n in (1, 2)]
    outcome = read_isolated(certificate_pdf(1))
    assert outcome.ok, outcome.error
    # Each transaction pauses once it has written its own document, until the other got as far
    # (or, when they are made to go one after the other, until the wait runs out).
    meet = threading.Barrier(2, timeout=BARRIER_WAIT_S)
    after_read = reading._after_read

    def pause_then_after_read(*args: Any) -> None:
        with contextlib.suppress(threading.BrokenBarrierError):
            meet.wait()
        after_read(*args)

    monkeypatch.setattr(reading, "_after_read", pause_then_after_read)
    results: dict[int, Any] = {}

    def store(doc: Document) -> None:
        with app.app_context(), transactions.writing():
            try:
                token, me = doc.parse_token or "", reading.worker_name()
                results[doc.id] = reading.finish(doc.id, token, me, outcome, "upload", TODAY)
            except Exception as err:  # the test reports it below
                results[doc.id] = err
            finally:
                db.session.remove()

    threads = [threading.Thread(target=store, args=(doc,)) for doc in docs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert results == {docs[0].id: True, docs[1].id: True}
    rows = _rows(app, Document.parse_status, Document.is_current, Document.parse_attempts)
    assert [(status, attempts) for status, _, attempts in rows] == [("parsed", 1), ("parsed", 1)]
    assert sum(current for _, current, _ in rows) == 1  # one current certificate
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Scoring).where(
            Scoring.assessment_id == assessment.id, Scoring.trigger == "upload")) == 2


def test_the_periodic_sweep_leaves_this_workers_own_reads_alone_and_the_start_up_one_does_not(
        app: Flask, build: Builder, parties: Any) -> None:
    assessment, supplier = parties
    doc = _reading(build, assessment, supplier, 3)

    with app.app_context():
        assert sweep.run_sweep(app).requeued == []  # a thread of this worker is reading it
    assert _rows(app, Document.parse_status, Document.parse_attempts) == [("reading", 1)]

    with app.app_context():  # this pid starting up: the claim belongs to its previous life
        assert sweep.run_sweep(app, startup=True).requeued == [doc.id]
    # The immediate test queue read it at once, under the same token: read once more, stored once.
    assert _rows(app, Document.parse_status, Document.parse_attempts) == [("parsed", 2)]


def test_the_sweep_does_not_undo_a_claim_made_after_it_looked(app: Flask, build: Builder,
                                                              parties: Any) -> None:
    assessment, supplier = parties
    doc = _reading(build, assessment, supplier, 4, parse_status="pending", parse_worker=None,
                   parse_heartbeat=None, parse_attempts=0)
    with app.app_context():
        seen = db.session.get_one(Document, doc.id)  # what the sweep saw: queued, never claimed
        db.session.expunge(seen)
        db.session.rollback()
        assert reading.claim(doc.id, doc.parse_token or "", "elsewhere:1")  # a worker claims it
        db.session.commit()
        assert not sweep._requeue(seen, doc.parse_token or "", utcnow())
        db.session.commit()
    assert _rows(app, Document.parse_status, Document.parse_worker) == [("reading", "elsewhere:1")]
