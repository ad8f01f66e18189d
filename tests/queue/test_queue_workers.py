"""Uploads answered at once and read by real worker processes: every one read and scored exactly once.

Runs on the embedded SQLite queue and on Redis (and on PostgreSQL when DATABASE_URL is set, as in
CI's second pass), with two `certscope worker` processes. On SQLite the web's writes (60 uploads
from 10 threads) and the workers' (reads, scorings, notifications) meet on one file: none of them
may fail with "database is locked" (transactions that write begin IMMEDIATE; portal/transactions.py).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import sqlalchemy as sa

from portal.extensions import db
from portal.models import Scoring
from tests.queue.documents import certificate_pdf
from tests.queue.harness import all_final
from tests.web.assessment_fixtures import upload
from tests.web.builders import Builder
from tests.web.conftest import sign_in

SUPPLIERS = 5
PER_SUPPLIER = 10  # 5 suppliers x 10 distinct files = 50, over 2 assessments each
SAME_FILE = 10


def _cast(build: Builder) -> tuple[Any, list[tuple[Any, list[Any]]]]:
    buyer = build.org("buyer")
    procurement = build.user(buyer)
    suppliers = []
    for _ in range(SUPPLIERS):
        org = build.org("supplier")
        suppliers.append((build.user(org), [build.assessment(procurement, org) for _ in range(2)]))
    return procurement, suppliers


def _client(portal: Any, user: Any) -> Any:
    client = portal.app.test_client()
    assert sign_in(client, user.email).status_code == 302
    return client


def test_fifty_uploads_and_ten_identical_ones_are_each_read_and_scored_once(portal: Any) -> None:
    procurement, suppliers = _cast(Builder(portal.app))
    portal.start_worker()
    portal.start_worker()
    jobs = [(user, assessments[i % 2], certificate_pdf(s * 100 + i), f"cert-{s}-{i}.pdf")
            for s, (user, assessments) in enumerate(suppliers) for i in range(PER_SUPPLIER)]
    same_user, same_assessments = suppliers[0]
    same = certificate_pdf(9999)
    jobs += [(same_user, same_assessments[0], same, "same.pdf")] * SAME_FILE
    local = threading.local()

    def send(job: tuple[Any, Any, bytes, str]) -> tuple[int, str]:
        user, assessment, data, name = job
        clients = getattr(local, "clients", None) or {}
        local.clients = clients
        client = clients.get(user.id) or clients.setdefault(user.id, _client(portal, user))
        response = upload(client, assessment.id, data, filename=name)
        return response.status_code, client.get(response.headers["Location"]).get_data(as_text=True)

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(send, jobs))
    assert all(status == 302 for status, _ in answers), [s for s, _ in answers]
    already = sum("already uploaded" in page for _, page in answers[-SAME_FILE:])
    assert already == SAME_FILE - 1

    docs = portal.wait_until(all_final, timeout=240)
    assert len(docs) == SUPPLIERS * PER_SUPPLIER + 1  # 0 lost, 0 duplicated
    assert [d.parse_status for d in docs] == ["parsed"] * len(docs), [(d.id, d.parse_error) for d in docs]
    odd = [(d.id, d.parse_attempts, d.kind, d.parse_worker) for d in docs
           if d.parse_attempts != 1 or d.kind != "certificate"]
    assert not odd  # each read once, by one worker
    with portal.app.app_context():
        scorings = db.session.execute(sa.select(Scoring.assessment_id, sa.func.count()).where(
            Scoring.trigger == "upload").group_by(Scoring.assessment_id)).all()
    per_assessment: dict[int, int] = {}
    for doc in docs:
        per_assessment[doc.assessment_id] = per_assessment.get(doc.assessment_id, 0) + 1
    assert dict(scorings) == per_assessment  # every read scored, exactly once
    # Web and worker writes met on one database: none gave up on a lock, none was retried for it.
    logs = "".join(log.read_text(errors="replace") for log in portal.logs)
    assert "database is locked" not in logs and "Traceback" not in logs, portal.tail()
