"""Issue 10, item 5: identical uploads at the same moment give one document and a clear
"already uploaded" to the others — never an HTTP 500 — on SQLite and PostgreSQL.

Written to fail on the code before the fix: there the duplicate's INSERT raised UniqueViolation
(IntegrityError) inside `operations.store_upload`, outside the handler around `commit()`.
On PostgreSQL all ten requests pass the "already there?" check before any inserts (a barrier holds
them), so the race happens every run rather than sometimes. SQLite runs one writer at a time (each
upload's transaction begins IMMEDIATE, portal/transactions.py), so there the ten are simply sent at
once: none may see a 500, a lock error or a second document.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import sqlalchemy as sa

from portal.assessments import operations
from portal.models import Document
from tests.queue.documents import certificate_pdf
from tests.web.assessment_fixtures import query, upload
from tests.web.conftest import POSTGRES_URL

REQUESTS = 10


def test_ten_simultaneous_identical_uploads_store_one_document(app: Any, build: Any, login: Any,
                                                                monkeypatch: Any) -> None:
    buyer = build.org("buyer")
    supplier_org = build.org("supplier")
    assessment = build.assessment(build.user(buyer), supplier_org)
    supplier = build.user(supplier_org)
    clients = [login(supplier) for _ in range(REQUESTS)]
    barrier = threading.Barrier(REQUESTS, timeout=30)
    checked = threading.local()
    real_find = operations.find_upload

    def find_after_everyone_looked(*args: Any) -> Any:
        found = real_find(*args)
        if not getattr(checked, "done", False):
            checked.done = True
            barrier.wait()  # every request has now seen "not there yet"
        return found

    if POSTGRES_URL:  # on SQLite the first request would wait at the barrier holding the write lock
        monkeypatch.setattr(operations, "find_upload", find_after_everyone_looked)
    data = certificate_pdf(1)

    def send(client: Any) -> tuple[int, str]:
        response = upload(client, assessment.id, data, filename="certificate.pdf")
        if response.status_code != 302:
            return response.status_code, ""
        return 302, client.get(response.headers["Location"]).get_data(as_text=True)

    with ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        answers = list(pool.map(send, clients))

    assert [status for status, _ in answers] == [302] * REQUESTS
    assert sum("already uploaded" in page for _, page in answers) == REQUESTS - 1
    docs = query(app, sa.select(Document).where(Document.assessment_id == assessment.id))
    assert len(docs) == 1 and docs[0].parse_status == "parsed"
