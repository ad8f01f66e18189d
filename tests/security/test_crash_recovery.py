"""Issue 10, item 6 and issue 9: after a crash nothing stays pending and no file stays orphaned,
and a worker killed in the middle of a read leaves that read done exactly once.

Written to fail on the code before the fix: there nothing ever picked up a document left
"waiting to be read", files written before a crash stayed on disk with no row, and there was
no worker to restart (reads ran inside the upload request).
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from portal.assessments import storage
from portal.extensions import db
from portal.models import Scoring
from tests.queue.documents import certificate_pdf
from tests.queue.harness import all_final
from tests.security import pdfs
from tests.web.assessment_fixtures import upload
from tests.web.builders import Builder
from tests.web.conftest import sign_in

LEFT_PENDING = 8
ORPHANS = 6


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def _parties(portal: Any) -> tuple[Builder, Any, Any]:
    build = Builder(portal.app)
    buyer, org = build.org("buyer"), build.org("supplier")
    return build, build.assessment(build.user(buyer), org), build.user(org)


def _scorings(portal: Any, assessment_id: int) -> int:
    with portal.app.app_context():
        return int(db.session.scalar(sa.select(sa.func.count()).select_from(Scoring).where(
            Scoring.assessment_id == assessment_id, Scoring.trigger == "upload")) or 0)


def test_after_a_crash_the_start_up_sweep_reads_what_was_left_and_removes_orphans(portal: Any) -> None:
    build, assessment, supplier = _parties(portal)
    for n in range(LEFT_PENDING):  # committed, but their jobs died with the server
        build.document(assessment, supplier, content=certificate_pdf(n), parse_status="pending",
                       extraction=None, kind=None, parse_token=f"{n:032x}")
    build.document(assessment, supplier, content=certificate_pdf(99), parse_status="reading", extraction=None,
                   kind=None, parse_token="f" * 32, parse_worker=f"{socket.gethostname()}:{_dead_pid()}",
                   parse_attempts=1)
    root = Path(portal.app.config["STORAGE_DIR"])
    orphans = [storage.store_bytes(root, certificate_pdf(1000 + n)).sha256 for n in range(ORPHANS)]
    old = time.time() - 7200
    for sha in orphans:
        os.utime(storage.blob_path(root, sha), (old, old))

    portal.start_worker()
    docs = portal.wait_until(all_final, timeout=120)

    assert [d.parse_status for d in docs] == ["parsed"] * (LEFT_PENDING + 1)
    assert not any(storage.blob_path(root, sha).exists() for sha in orphans)
    assert all(storage.blob_path(root, d.sha256).exists() for d in docs)  # the documents' files are kept
    assert _scorings(portal, assessment.id) == LEFT_PENDING + 1


def test_a_worker_killed_mid_read_leaves_the_read_done_exactly_once(portal: Any) -> None:
    _, assessment, supplier = _parties(portal)
    client = portal.app.test_client()
    assert sign_in(client, supplier.email).status_code == 302
    assert upload(client, assessment.id, pdfs.deep_nesting(), filename="slow.pdf").status_code == 302
    worker = portal.start_worker()
    portal.wait_until(lambda docs: docs[0].parse_status == "reading", timeout=60)
    time.sleep(0.5)
    portal.kill(worker)  # SIGKILL: no clean-up of any kind

    assert portal.documents()[0].parse_status == "reading"
    portal.start_worker()
    [doc] = portal.wait_until(all_final, timeout=120)

    assert doc.parse_status == "parsed" and doc.parse_attempts == 2
    assert _scorings(portal, assessment.id) == 1
