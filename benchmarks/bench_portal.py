"""Time the portal's dashboard and assessment page with 2,000 assessments and 6,000 documents.

    .venv/bin/python benchmarks/bench_portal.py [--assessments 2000] [--requests 30]

SQLite in a temporary folder by default. With DATABASE_URL set (PostgreSQL), the benchmark
DROPS AND RECREATES every portal table in that database: point it at a throwaway database.
Prints the median server-side time per page (through the Flask test client) and the number of
SQL queries each page issues. Goal: <= 150 ms per page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal import create_app  # noqa: E402
from portal.auth.passwords import hash_password  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.models import (  # noqa: E402
    Assessment,
    Comment,
    Correction,
    Document,
    Organisation,
    Response,
    Scoring,
    StoredFile,
    User,
    utcnow,
)
from scoring.cycle import CycleDates, surveillance_due  # noqa: E402

PASSWORD = "benchmark password"
ANNEX_A = [
    "A.2.2",
    "A.2.3",
    "A.2.4",
    "A.3.2",
    "A.3.3",
    "A.4.2",
    "A.4.3",
    "A.4.4",
    "A.4.5",
    "A.4.6",
    "A.5.2",
    "A.5.3",
    "A.5.4",
    "A.5.5",
    "A.6.1.2",
    "A.6.1.3",
    "A.6.2.2",
    "A.6.2.3",
    "A.6.2.4",
    "A.6.2.5",
    "A.6.2.6",
    "A.6.2.7",
    "A.6.2.8",
    "A.7.2",
    "A.7.3",
    "A.7.4",
    "A.7.5",
    "A.7.6",
    "A.8.2",
    "A.8.3",
    "A.8.4",
    "A.8.5",
    "A.9.2",
    "A.9.3",
    "A.9.4",
    "A.10.2",
    "A.10.3",
    "A.10.4",
]
FLAG_POOL = [
    ("cert.expiring_soon", "medium"),
    ("scope.narrow", "high"),
    ("soa.incomplete", "low"),
    ("cert.surveillance_overdue", "medium"),
    ("scope.supply_chain_excluded", "high"),
]


def _ev(page: int, text: str, y: float) -> list[dict[str, Any]]:
    return [{"page": page, "text": text, "bbox": [72.0, y, 400.0, y + 12.0]}]


def _cycle(expiry: dt.date) -> CycleDates:
    """Return the cycle dates certificate_json gives a certificate expiring on `expiry`."""
    issue = expiry - dt.timedelta(days=3 * 365 - 1)
    return CycleDates(initial=issue, issued=issue, surveillance=(issue + dt.timedelta(days=330),),
                      expiry=expiry)


def certificate_json(i: int, expiry: dt.date) -> dict[str, Any]:
    """Return a realistic certificate extraction (with provenance) for supplier `i`."""
    holder, scope = (
        f"Supplier {i} Ltd",
        f"The design, development and operation of the Product {i} voice platform.",
    )
    issue = expiry - dt.timedelta(days=3 * 365 - 1)
    fields = {
        "kind": "certificate",
        "standard": "ISO/IEC 42001:2023",
        "certified": True,
        "holder": holder,
        "certificate_number": f"AIMS {100000 + i}",
        "certification_body": "Example Certification Ltd",
        "accreditation_body": "UKAS",
        "initial_certification_date": issue.isoformat(),
        "issue_date": issue.isoformat(),
        "expiry_date": expiry.isoformat(),
        "surveillance_dates": [(issue + dt.timedelta(days=330)).isoformat()],
        "next_audit_due": None,
        "scope": scope,
        "sites": [f"{i} King Street, London, United Kingdom"],
        "soa_reference": {"version": "2.1", "date": "2025-01-15"},
        "ocr": False,
    }
    fields["evidence"] = {
        "holder": _ev(1, holder, 200),
        "expiry_date": _ev(1, f"Valid until {expiry}", 420),
        "scope": _ev(1, scope, 300),
        "certificate_number": _ev(1, str(fields["certificate_number"]), 180),
    }
    return fields


def soa_json(i: int) -> dict[str, Any]:
    """Return a realistic SoA extraction with all 38 controls."""
    controls = [
        {"id": c, "applicable": not (c == "A.10.4" and i % 7 == 0), "justification": f"Justification {c}"}
        for c in ANNEX_A
    ]
    return {
        "kind": "soa",
        "holder": f"Supplier {i} Ltd",
        "version": "2.1",
        "date": "2025-01-15",
        "controls": controls,
        "ocr": False,
        "evidence": {
            "controls": [_ev(1 + n // 20, c, 100 + (n % 20) * 30)[0] for n, c in enumerate(ANNEX_A)]
        },
    }


def seed(n: int, rng: random.Random) -> tuple[int, int]:
    """Bulk-insert one buyer with `n` assessments, 3 documents each, scorings and answers."""
    buyer = Organisation(name="Bench Buyer", kind="buyer")
    db.session.add(buyer)
    db.session.flush()
    user = User(
        organisation_id=buyer.id,
        email="bench@buyer.example",
        name="Bench",
        role="procurement",
        password_hash=hash_password(PASSWORD),
    )
    db.session.add(user)
    db.session.flush()
    suppliers = [{"name": f"Supplier {i}", "kind": "supplier"} for i in range(n)]
    db.session.execute(sa.insert(Organisation), suppliers)
    supplier_ids = list(
        db.session.scalars(
            sa.select(Organisation.id).where(Organisation.kind == "supplier").order_by(Organisation.id)
        )
    )
    today, now = dt.date.today(), utcnow()
    rows, expiries = [], []
    for i, org_id in enumerate(supplier_ids):
        flags = rng.sample(FLAG_POOL, rng.randint(0, 3))
        expiry = today + dt.timedelta(days=rng.randint(-60, 900))
        expiries.append((expiry, flags))
        rows.append(
            {
                "buyer_org_id": buyer.id,
                "supplier_org_id": org_id,
                "supplier_name": f"Supplier {i}",
                "supplier_legal_name": f"Supplier {i} Ltd",
                "product": f"Product {i}",
                "product_aliases": [f"P{i}"],
                "required_regions": ["UK"],
                "template_key": "iso42001-supplier",
                "template_version": "1",
                "status": (status := rng.choice(["in_progress", "submitted", "accepted"])),
                "decided_by": user.id if status == "accepted" else None,
                "decided_at": now if status == "accepted" else None,
                "decision_reason": "Meets our requirements." if status == "accepted" else None,
                "created_by": user.id,
                "created_at": now,
                "updated_at": now - dt.timedelta(minutes=i),
                "rating": "red"
                if any(s == "high" for _, s in flags)
                else "amber"
                if any(s == "medium" for _, s in flags)
                else "green",
                "flags_high": sum(s == "high" for _, s in flags),
                "flags_medium": sum(s == "medium" for _, s in flags),
                "flags_low": sum(s == "low" for _, s in flags),
                "expiry_date": expiry,
                # what scoring stores from certificate_json's dates (scoring/cycle.py)
                "surveillance_due": due.date if (due := surveillance_due(cycle := _cycle(expiry))) else None,
                "last_audit_date": cycle.last_audit(),
                "last_scored_at": now,
            }
        )
    db.session.execute(sa.insert(Assessment), rows)
    ids = list(db.session.scalars(sa.select(Assessment.id).order_by(Assessment.id)))
    _seed_children(ids, expiries, user.id, now, today)
    db.session.commit()
    return user.id, ids[len(ids) // 2]


def _seed_children(
    ids: list[int], expiries: list[Any], user_id: int, now: dt.datetime, today: dt.date
) -> None:
    files, docs, scorings, responses, comments = [], [], [], [], []
    for i, (a_id, (expiry, flags)) in enumerate(zip(ids, expiries, strict=True)):
        for role, extraction in (
            ("certificate", certificate_json(i, expiry)),
            ("soa", soa_json(i)),
            ("other", {"kind": "unknown", "title": "Policy", "pages": 3}),
        ):
            sha = f"{i:032x}{['certificate', 'soa', 'other'].index(role):032x}"
            files.append(
                {"sha256": sha, "size": 50_000, "content_type": "application/pdf", "created_at": now}
            )
            docs.append(
                {
                    "assessment_id": a_id,
                    "role": role,
                    "sha256": sha,
                    "filename": f"{role}-{i}.pdf",
                    "uploaded_by": user_id,
                    "uploaded_at": now,
                    "parse_status": "parsed",
                    "extraction": extraction,
                    "kind": extraction["kind"],
                    "is_current": True,
                }
            )
        flag_json = [
            {
                "code": c,
                "severity": s,
                "message": f"{c} raised.",
                "evidence": [{"document": "certificate", "page": 1, "quote": "Valid until"}],
            }
            for c, s in flags
        ]
        for k in range(2):
            scorings.append(
                {
                    "assessment_id": a_id,
                    "scored_at": now - dt.timedelta(days=1 - k),
                    "assessment_date": today,
                    "rating": "amber",
                    "flags": flag_json,
                    "trigger": "upload" if k == 0 else "reassess",
                    "change_summary": "seeded",
                }
            )
        responses.append(
            {
                "assessment_id": a_id,
                "template_key": "iso42001-supplier",
                "template_version": "1",
                "answers": {
                    "product_in_scope": "yes",
                    "soa_shared": "yes",
                    "supply_chain": [{"name": "OpenAI", "role": "LLM"}],
                },
                "submitted_at": now,
                "updated_at": now,
            }
        )
        comments.append(
            {
                "assessment_id": a_id,
                "user_id": user_id,
                "body": "Please confirm the SoA version.",
                "created_at": now,
            }
        )
    for table, data in (
        (StoredFile, files),
        (Document, docs),
        (Scoring, scorings),
        (Response, responses),
        (Comment, comments),
    ):
        for start in range(0, len(data), 1000):
            db.session.execute(sa.insert(table), data[start : start + 1000])
    first_doc = db.session.scalar(sa.select(sa.func.min(Document.id)))
    db.session.execute(
        sa.insert(Correction),
        [
            {
                "document_id": first_doc,
                "field": "holder",
                "machine_value": "x",
                "corrected_value": "y",
                "reason": "r",
                "user_id": user_id,
                "created_at": now,
            }
        ],
    )


def measure(app: Any, client: Any, url: str, n: int) -> tuple[float, int, int]:
    """Return (median ms, queries per request, status) for GET `url`."""
    statements: list[str] = []

    def listener(*args: Any) -> None:
        statements.append(args[2])

    with app.app_context():
        engine = db.engine
    client.get(url)
    times = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    sa.event.listen(engine, "before_cursor_execute", listener)
    client.get(url)
    sa.event.remove(engine, "before_cursor_execute", listener)
    return statistics.median(times), len(statements), response.status_code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assessments", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="certscope-bench-"))
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp / 'bench.db'}"
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench",
            "INSTANCE_PATH": str(tmp),
            "WTF_CSRF_ENABLED": False,
            "PASSWORD_HASH": {"time_cost": 1, "memory_cost": 1024, "parallelism": 1},
        }
    )
    with app.app_context():
        db.drop_all()
        db.create_all()
        started = time.perf_counter()
        _, middle = seed(args.assessments, random.Random(42))
        seeded = time.perf_counter() - started
        counts = {
            m.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(m))
            for m in (Assessment, Document, Scoring)
        }
    print(f"database: {url.split(':')[0]}; seeded {counts} in {seeded:.1f} s")
    client = app.test_client()
    client.post("/login", data={"email": "bench@buyer.example", "password": PASSWORD})
    pages = {
        "dashboard (default)": "/assessments/",
        "dashboard (sorted by expiry, page 20)": "/assessments/?sort=expiry&dir=asc&page=20",
        "dashboard (search + filter)": "/assessments/?q=supplier 1&rating=red&expiring=365",
        "assessment page": f"/assessments/{middle}",
    }
    for label, page in pages.items():  # no app context held: each request opens its own session
        ms, queries, status = measure(app, client, page, args.requests)
        print(f"{label:42s} median {ms:7.1f} ms  queries {queries:3d}  (HTTP {status})")
    _time_stale_views(app, client, args.requests)
    _time_reassess(app)
    return 0


def _time_stale_views(app: Any, client: Any, n: int) -> None:
    """Time assessment pages whose rating is older than a day (each view re-scores first)."""
    with app.app_context():
        ids = list(db.session.scalars(sa.select(Assessment.id).order_by(Assessment.id).limit(n)))
        db.session.execute(
            sa.update(Assessment)
            .where(Assessment.id.in_(ids))
            .values(last_scored_at=utcnow() - dt.timedelta(days=2))
        )
        db.session.commit()
    times = []
    for assessment_id in ids:
        start = time.perf_counter()
        status = client.get(f"/assessments/{assessment_id}").status_code
        times.append((time.perf_counter() - start) * 1000)
    print(
        f"{'assessment page, stale (re-scored on view)':42s} median {statistics.median(times):7.1f} ms"
        f"  (HTTP {status})"
    )


def _time_reassess(app: Any) -> None:
    """Time the daily re-scoring of every assessment (scoring + writes, batched reads)."""
    from portal.assessments import rescoring

    with app.app_context():
        started = time.perf_counter()
        count = rescoring.rescore_all(dt.date.today() + dt.timedelta(days=400))
        db.session.commit()
        elapsed = time.perf_counter() - started
    print(
        f"rescore_all ({count} assessments)              total {elapsed:6.2f} s "
        f"({1000 * elapsed / max(count, 1):.2f} ms each)"
    )


if __name__ == "__main__":
    sys.exit(main())
