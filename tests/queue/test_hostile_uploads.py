"""Hostile PDFs uploaded through the portal and read by a real `certscope worker`.

Each file of tests/security/pdfs.HOSTILE (reference cycle and ring, flate bomb, 3,000 pages, deep
nesting, garbage operators, huge media box, truncated) must end within the wall clock with a clear
state, keep its file, keep the reading child under its memory limit (its peak resident memory is
measured and logged by the worker), leave the worker reading the next upload, and be re-run by
procurement. The dashboard answers throughout (its latency is the benchmark's business:
benchmarks/bench_queue.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from portal.assessments import storage
from portal.reading.limits import KILL_GRACE_S
from tests.queue.documents import certificate_pdf
from tests.queue.harness import FINAL, Portal, all_final, make_portal
from tests.security import pdfs
from tests.web.assessment_fixtures import upload
from tests.web.builders import Builder
from tests.web.conftest import sign_in

WALL_S = 8
MEMORY_MB = 512
UNCLEAR = "stopped unexpectedly"  # the reader died and nobody knows why: not a reason a user can act on


@pytest.fixture
def hostile_portal(tmp_path: Path) -> Any:
    running = make_portal(tmp_path, "sqlite", PARSE_WALL_S=WALL_S, PARSE_CPU_S=WALL_S,
                          PARSE_MEMORY_MB=MEMORY_MB)
    try:
        yield running
    finally:
        running.stop()


def _signed_in(running: Portal, user: Any) -> Any:
    client = running.app.test_client()
    assert sign_in(client, user.email).status_code == 302
    return client


def _read_again(docs: list[Any], before: Any) -> bool:
    doc = next(d for d in docs if d.id == before.id)
    return doc.parse_status in FINAL and doc.parsed_at > before.parsed_at


def _worker_peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def test_hostile_uploads_end_clearly_in_time_and_the_worker_goes_on(hostile_portal: Any) -> None:
    running = hostile_portal
    build = Builder(running.app)
    buyer, org = build.org("buyer"), build.org("supplier")
    procurement = build.user(buyer)
    assessment = build.assessment(procurement, org)
    supplier, buyer_client = _signed_in(running, build.user(org)), _signed_in(running, procurement)
    for name, make in pdfs.HOSTILE.items():
        assert upload(supplier, assessment.id, make(), f"{name}.pdf", "other").status_code == 302
    worker = running.start_worker(threads=2)
    dashboard: list[int] = []
    docs = running.wait_until(all_final, timeout=len(pdfs.HOSTILE) * (WALL_S + 10) + 60,
                              during=lambda: dashboard.append(buyer_client.get("/assessments/").status_code))

    reads = running.reads()
    root = Path(running.app.config["STORAGE_DIR"])
    for doc in docs:
        [read] = reads[doc.id]
        # The limits count from the child's start (a fork from the worker's forkserver, which can
        # take seconds on a loaded machine): the read itself must end within wall clock and grace.
        assert read["seconds"] - read["start_s"] <= WALL_S + KILL_GRACE_S + 2, (doc.filename, read)
        assert read["peak_mb"] is None or read["peak_mb"] <= MEMORY_MB, (doc.filename, read)
        assert storage.blob_path(root, doc.sha256).exists(), doc.filename  # the file is kept
        if doc.parse_status == "failed":
            assert UNCLEAR not in doc.parse_error and "\n" not in doc.parse_error, doc.filename
    states = {d.filename: d.parse_error or "parsed" for d in docs}
    assert states["reference-ring.pdf"] == f"took too long (stopped after {WALL_S} s)", states
    assert "needed too much memory" in states["flate-bomb.pdf"] or "took too long" in states["flate-bomb.pdf"]
    assert dashboard and set(dashboard) == {200}
    assert worker.poll() is None
    assert _worker_peak_mb(worker.pid) < MEMORY_MB  # the worker itself never reads a PDF

    # The worker goes on with the next job.
    assert upload(supplier, assessment.id, certificate_pdf(1), "next.pdf").status_code == 302
    docs = running.wait_until(lambda d: len(d) == len(pdfs.HOSTILE) + 1 and all_final(d), timeout=120)
    assert docs[-1].parse_status == "parsed" and docs[-1].parse_worker.endswith(f":{worker.pid}")

    # Procurement re-runs the file that hung the PDF library; it ends the same way, once more.
    ring = next(d for d in docs if d.filename == "reference-ring.pdf")
    url = f"/assessments/{assessment.id}/documents/{ring.id}"
    assert buyer_client.post(f"{url}/parse").status_code == 302
    assert buyer_client.get(f"{url}/state").get_json()["state"] in ("queued", "reading")
    docs = running.wait_until(lambda d: _read_again(d, ring), timeout=120)
    assert next(d for d in docs if d.id == ring.id).parse_error == f"took too long (stopped after {WALL_S} s)"
    assert len(running.reads()[ring.id]) == 2
    assert "could not be read: took too long" in buyer_client.get(f"{url}/state").get_json()["label"]
