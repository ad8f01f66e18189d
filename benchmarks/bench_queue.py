"""Documents through the queue: upload → verdict latency, documents per minute, and hostile files.

Runs the portal in this process (Flask test clients) with real `certscope worker` processes on the
embedded SQLite queue (or Redis / PostgreSQL when REDIS_URL / DATABASE_URL are set), and prints:

- upload → verdict p50/p95 for a digital certificate + SoA (corpus d01), one worker;
- documents per minute with 1 and 2 workers (distinct one-page certificates);
- the hostile PDFs of tests/security/pdfs.py through the portal with a short wall clock: each one's
  end state, time and reading child's peak memory (from the worker's log), the worker's own peak,
  and p50/p95 of dashboard requests meanwhile.

    .venv/bin/python benchmarks/bench_queue.py [--rounds 15] [--docs 40] [--wall 10] [--memory 1024]
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import CORPUS  # noqa: E402
from tests.queue.documents import certificate_pdf  # noqa: E402
from tests.queue.harness import Portal, all_final, make_portal  # noqa: E402
from tests.security import pdfs  # noqa: E402
from tests.web.assessment_fixtures import upload  # noqa: E402
from tests.web.builders import Builder  # noqa: E402
from tests.web.conftest import sign_in  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def _portal(folder: Path, **settings: Any) -> Portal:
    backend = "redis" if os.environ.get("REDIS_URL") else "sqlite"
    return make_portal(folder, backend, os.environ.get("REDIS_URL"), **settings)


def _cast(portal: Portal, assessments: int) -> tuple[Any, Any, list[Any], Any]:
    build = Builder(portal.app)
    buyer, org = build.org("buyer"), build.org("supplier")
    procurement, supplier = build.user(buyer), build.user(org)
    made = [build.assessment(procurement, org) for _ in range(assessments)]
    client = portal.app.test_client()
    sign_in(client, supplier.email)
    return procurement, supplier, made, client


def _ready(portal: Portal, count: int) -> None:  # noqa: ARG001
    """Wait until the workers answer (their start-up is not part of any figure)."""
    time.sleep(0.1)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not all(p.poll() is None for p in portal.workers):
        time.sleep(0.1)
    time.sleep(3.0)


def latency(rounds: int) -> list[float]:
    cert, soa = (CORPUS / "d01_harbourline" / "certificate.pdf").read_bytes(), \
        (CORPUS / "d01_harbourline" / "soa.pdf").read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        portal = _portal(Path(tmp))
        _, _, assessments, client = _cast(portal, rounds)
        portal.start_worker()
        _ready(portal, 1)
        times = []
        for assessment in assessments:
            started = time.perf_counter()
            upload(client, assessment.id, cert, "certificate.pdf", "certificate")
            upload(client, assessment.id, soa, "soa.pdf", "soa")
            scored = functools.partial(_scored, assessment_id=assessment.id)
            docs = portal.wait_until(scored, timeout=120, poll=0.01)
            times.append(time.perf_counter() - started)
            mine = [d for d in docs if d.assessment_id == assessment.id]
            unread = [d.filename for d in mine if d.parse_status != "parsed"]
            assert not unread, f"not read: {unread}"
        portal.stop()
    return times


def _scored(docs: list[Any], assessment_id: int) -> bool:
    mine = [d for d in docs if d.assessment_id == assessment_id]
    return len(mine) == 2 and all_final(mine)


def throughput(workers: int, count: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        portal = _portal(Path(tmp))
        _, _, [assessment], client = _cast(portal, 1)
        for _ in range(workers):
            portal.start_worker()
        _ready(portal, workers)
        started = time.perf_counter()
        for n in range(count):
            upload(client, assessment.id, certificate_pdf(n), f"c{n}.pdf")
        portal.wait_until(lambda docs: len(docs) == count and all_final(docs), timeout=600)
        elapsed = time.perf_counter() - started
        portal.stop()
    return count / elapsed * 60


def hostile(wall: float, memory_mb: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        portal = _portal(Path(tmp), PARSE_WALL_S=wall, PARSE_CPU_S=int(wall), PARSE_MEMORY_MB=memory_mb)
        procurement, _, [assessment], client = _cast(portal, 1)
        buyer_client = portal.app.test_client()
        sign_in(buyer_client, procurement.email)
        worker = portal.start_worker(threads=2)
        _ready(portal, 1)
        for name, make in pdfs.HOSTILE.items():
            upload(client, assessment.id, make(), f"{name}.pdf", "other")
        dashboard: list[float] = []

        def ask_dashboard() -> None:
            started = time.perf_counter()
            assert buyer_client.get("/assessments/").status_code == 200
            dashboard.append(time.perf_counter() - started)

        started = time.perf_counter()
        docs = portal.wait_until(lambda d: len(d) == len(pdfs.HOSTILE) and all_final(d), timeout=600,
                                 during=ask_dashboard, poll=0.05)
        elapsed = time.perf_counter() - started
        reads, peak = portal.reads(), _peak_mb(worker.pid)
        portal.stop()
    for doc in docs:
        [read] = reads[doc.id]
        state = "parsed" + (f" with problems: {doc.parse_problems}" if doc.parse_problems else "") \
            if doc.parse_status == "parsed" else f"could not be read: {doc.parse_error}"
        child = read["peak_mb"] or 0
        print(f"  {doc.filename:24} {read['seconds']:5.1f} s, child peak {child:4.0f} MB  {state}")
    print(f"  all {len(docs)} over in {elapsed:.1f} s with 2 reading threads; the worker process peaked at "
          f"{peak:.0f} MB (each child limited to {memory_mb} MB of address space)")
    p50, p95 = (percentile(dashboard, share) * 1000 for share in (0.5, 0.95))
    print(f"  dashboard meanwhile: {len(dashboard)} requests, p50 {p50:.0f} ms, p95 {p95:.0f} ms")


def _peak_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--wall", type=float, default=10.0)
    parser.add_argument("--memory", type=int, default=1024, help="PARSE_MEMORY_MB for the hostile files")
    args = parser.parse_args()
    backend = "Redis" if os.environ.get("REDIS_URL") else "embedded SQLite"
    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    print(f"queue: {backend}, database: {database}, {os.cpu_count()} CPUs, {_load()} at the start")
    times = latency(args.rounds)
    print(f"upload → verdict (certificate + SoA, 1 worker): p50 {statistics.median(times):.2f} s, "
          f"p95 {percentile(times, .95):.2f} s over {len(times)} assessments")
    for workers in (1, 2):
        print(f"throughput with {workers} worker(s): {throughput(workers, args.docs):.0f} documents/minute")
    print(f"hostile PDFs (wall clock {args.wall:g} s, memory {args.memory} MB):")
    hostile(args.wall, args.memory)
    print(f"{_load()} at the end")


if __name__ == "__main__":
    main()
