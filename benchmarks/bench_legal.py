"""Time the legal risk summary PDF: gathering + scoring for the date + rendering, and the whole request.

    .venv/bin/python benchmarks/bench_legal.py [--cases 6] [--repeats 15]

Builds a throwaway SQLite portal, uploads corpus certificates (and SoAs) to assessments (parsing is
not timed), then prints the median time to produce one summary PDF. Goal: <= 1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import scoring  # noqa: E402
from portal import create_app  # noqa: E402
from portal.assessments import operations as assessment_ops  # noqa: E402
from portal.auth.passwords import hash_password  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.legal.operations import legal_summary  # noqa: E402
from portal.legal.summary_pdf import render_summary_pdf  # noqa: E402
from portal.models import Assessment, Organisation, User  # noqa: E402
from scoring import Flag  # noqa: E402
from scoring.legal import Engagement, LegalSummary, flag_lines  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
DAY = dt.date(2025, 12, 9)
PASSWORD = "benchmark password"


def main() -> None:
    """Build the portal, then time summaries."""
    args = _args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{root / 'bench.db'}", "SECRET_KEY": "bench",
                          "INSTANCE_PATH": str(root / "instance"), "STORAGE_DIR": str(root / "storage"),
                          "TODAY": DAY.isoformat(), "WTF_CSRF_ENABLED": False,
                          "PASSWORD_HASH": {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}})
        with app.app_context():
            db.create_all()
            ids, legal_email = _populate(root / "storage", args.cases)
            db.session.commit()
            gather, render = _time_parts(ids, args.repeats)
        request = _time_requests(app, ids, legal_email, args.repeats)
    worst = _time_worst_case(args.repeats)
    print(f"legal summary PDF over {len(ids)} corpus assessments, {args.repeats} runs each (median):")
    print(f"  gather + score for the date : {statistics.median(gather) * 1000:7.1f} ms")
    print(f"  render PDF                  : {statistics.median(render) * 1000:7.1f} ms")
    print(f"  whole request (server-side) : {statistics.median(request) * 1000:7.1f} ms   goal <= 1000 ms")
    print(f"  render, all 18 flags, long quotes (worst case): {statistics.median(worst) * 1000:7.1f} ms")


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=6, help="corpus cases to upload")
    parser.add_argument("--repeats", type=int, default=15, help="runs per case")
    return parser.parse_args()


def _populate(storage: Path, count: int) -> tuple[list[int], str]:
    buyer = Organisation(name="Buyer", kind="buyer")
    supplier_org = Organisation(name="Supplier", kind="supplier")
    db.session.add_all([buyer, supplier_org])
    db.session.flush()
    secret = hash_password(PASSWORD)
    procurement, legal, supplier = (
        User(organisation_id=org.id, email=f"{role}@bench", name=role, role=role, password_hash=secret)
        for org, role in ((buyer, "procurement"), (buyer, "legal"), (supplier_org, "supplier")))
    db.session.add_all([procurement, legal, supplier])
    db.session.flush()
    ids = []
    for case in sorted(p for p in CORPUS.iterdir() if (p / "certificate.pdf").exists())[:count]:
        ids.append(_assessment(case, procurement, supplier, supplier_org, storage).id)
    return ids, legal.email


def _assessment(case: Path, procurement: User, supplier: User, org: Organisation,
                storage: Path) -> Assessment:
    import json

    context = json.loads((case / "context.json").read_text())
    name = context["supplier_legal_name"]
    assessment = assessment_ops.create_assessment(procurement, {
        "supplier_name": name, "supplier_legal_name": name,
        "product": context["product"], "product_aliases": context.get("product_aliases", []),
        "required_regions": context.get("required_regions", []), "template_key": "iso42001-supplier"})
    assessment.supplier_org_id = org.id
    for filename, role in (("certificate.pdf", "certificate"), ("soa.pdf", "soa")):
        if (case / filename).exists():
            data = (case / filename).read_bytes()
            outcome = assessment_ops.store_upload(assessment, supplier, role, filename, data, storage,
                                                  max_bytes=20 << 20)
            assessment_ops.process_document(outcome.document, supplier, storage, DAY)
    return assessment


def _time_parts(ids: list[int], repeats: int) -> tuple[list[float], list[float]]:
    gather, render = [], []
    for assessment_id in ids:
        for _ in range(repeats):
            db.session.expire_all()
            start = time.perf_counter()
            summary = legal_summary(db.session.get_one(Assessment, assessment_id), DAY)
            middle = time.perf_counter()
            render_summary_pdf(summary)
            gather.append(middle - start)
            render.append(time.perf_counter() - middle)
    return gather, render


def _time_requests(app: Any, ids: list[int], email: str, repeats: int) -> list[float]:
    client = app.test_client()
    client.post("/login", data={"email": email, "password": PASSWORD})
    times = []
    for assessment_id in ids:
        for _ in range(repeats):
            start = time.perf_counter()
            response = client.get(f"/legal/assessments/{assessment_id}/summary.pdf")
            times.append(time.perf_counter() - start)
            if response.status_code != 200:
                raise SystemExit(f"summary request failed: {response.status_code}")
    return times


def _time_worst_case(repeats: int) -> list[float]:
    quote = "excluding third-party speech-to-text and large language model providers " * 6
    flags = [{"code": code, "severity": rule.severity, "message": rule.summary * 3,
              "evidence": [{"document": "certificate", "page": 1, "quote": quote}] * 3}
             for code, rule in scoring.RULES.items()]
    party = Engagement("Buyer", "Supplier", "Supplier Ltd", "Product", (), "submitted")
    lines = flag_lines([Flag.from_json(f) for f in flags])
    summary = LegalSummary(DAY, party, "red", None, None, "unknown", lines)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        render_summary_pdf(summary)
        times.append(time.perf_counter() - start)
    return times


if __name__ == "__main__":
    main()
