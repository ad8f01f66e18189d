"""Time a campaign of N suppliers from CSV: the preview (read + check every line) and the creation job.

    .venv/bin/python benchmarks/bench_campaign.py [--suppliers 500] [--bad 25]

Builds a throwaway SQLite portal and a CSV of N suppliers (two contacts each), then times, through the
pages as procurement uses them: the upload that checks the file and stores the preview, and the
confirmation (the queue runs in-process, so it includes opening N assessments and 2N invitations).
A second file with --bad broken lines is previewed too, and the lines it names are counted.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from portal import create_app  # noqa: E402
from portal.auth.passwords import hash_password  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.models import Assessment, Campaign, Invitation, Organisation, User  # noqa: E402

PASSWORD = "benchmark password"
HEADER = "legal_name,product,aliases,contact_emails,required_regions,supply_chain,deadline,reference\n"


def _csv(count: int, bad: int = 0) -> str:
    lines = [HEADER]
    for n in range(count):
        email = f"a{n}@s{n}.example;b{n}@s{n}.example" if n >= bad else "not-an-address"
        lines.append(f"Supplier {n} Ltd,Product {n},P{n};Prod {n},{email},EU;UK,Host {n},2099-01-31,PO-{n}\n")
    return "".join(lines)


def main() -> None:
    """Build the portal, then time preview and creation."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suppliers", type=int, default=500)
    parser.add_argument("--bad", type=int, default=25)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{root / 'bench.db'}", "SECRET_KEY": "bench",
                          "INSTANCE_PATH": str(root / "instance"), "STORAGE_DIR": str(root / "storage"),
                          "WTF_CSRF_ENABLED": False, "QUEUE": "immediate",
                          "PASSWORD_HASH": {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}})
        with app.app_context():
            db.create_all()
            org = Organisation(name="Bench Buyer", kind="buyer")
            db.session.add(org)
            db.session.flush()
            db.session.add(User(organisation_id=org.id, email="p@bench.example", name="P", role="procurement",
                                password_hash=hash_password(PASSWORD)))
            db.session.commit()
        client = app.test_client()
        client.post("/login", data={"email": "p@bench.example", "password": PASSWORD})

        def upload(text: str) -> tuple[float, int, str]:
            data = {"name": "bench", "template_key": "iso42001-supplier",
                    "file": (io.BytesIO(text.encode()), "suppliers.csv")}
            started = time.perf_counter()
            answer = client.post("/campaigns/", data=data, content_type="multipart/form-data")
            return time.perf_counter() - started, answer.status_code, answer.data.decode()

        seconds, status, page = upload(_csv(args.suppliers, args.bad))
        named = page.count("not an e-mail address")
        print(f"preview with {args.bad} bad lines of {args.suppliers}: {seconds * 1000:.0f} ms "
              f"(HTTP {status}), {named} lines named")
        seconds, status, _ = upload(_csv(args.suppliers))
        print(f"preview of {args.suppliers} good lines: {seconds * 1000:.0f} ms (HTTP {status})")
        with app.app_context():
            campaign_id = db.session.scalar(sa.select(Campaign.id))
        started = time.perf_counter()
        client.post(f"/campaigns/{campaign_id}/confirm")
        seconds = time.perf_counter() - started
        with app.app_context():
            made = db.session.scalar(sa.select(sa.func.count()).select_from(Assessment)) or 0
            invited = db.session.scalar(sa.select(sa.func.count()).select_from(Invitation))
        print(f"creation of {made} assessments and {invited} invitations: {seconds:.2f} s "
              f"({seconds / max(made, 1) * 1000:.1f} ms per supplier)")
        started = time.perf_counter()
        client.get(f"/campaigns/{campaign_id}")
        print(f"progress page of {made} suppliers: {(time.perf_counter() - started) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
