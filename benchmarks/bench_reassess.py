"""Time `certscope reassess` (re-score everything + monitoring reminders) over 10,000 assessments.

    .venv/bin/python benchmarks/bench_reassess.py [--assessments 10000] [--mailer smtp|memory]

Seeds an embedded SQLite instance (through the migrations) with one buyer, N supplier assessments
with a certificate, an SoA and another document each (the portal benchmark's data), then:
  1. in process, on a copy of the database: times the re-scoring and the reminder pass apart;
  2. runs the real command, `certscope reassess`, in a subprocess against the instance, with SMTP
     pointed at a local aiosmtpd server (or no SMTP with --mailer memory: reminders only logged),
     and times it end to end; then runs it again (nothing is sent twice) and times that.
Goal: <= 60 s for 10,000 assessments on this machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_portal import seed  # noqa: E402

from portal import create_app  # noqa: E402
from portal.extensions import MIGRATIONS_DIR, db  # noqa: E402


class _Counter:
    """An aiosmtpd handler that only counts messages."""

    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.count += 1
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _add_supplier_users() -> None:
    """Give every supplier organisation one user, so each reminder has a recipient."""
    import sqlalchemy as sa

    from portal.models import Organisation, User

    orgs = list(db.session.scalars(sa.select(Organisation.id).where(Organisation.kind == "supplier")))
    rows = [{"organisation_id": org, "email": f"ops{org}@supplier.example", "name": f"Ops {org}",
             "role": "supplier", "password_hash": "x", "is_active": True} for org in orgs]
    for start in range(0, len(rows), 1000):
        db.session.execute(sa.insert(User), rows[start:start + 1000])
    db.session.commit()


def _seed_instance(instance: Path, n: int) -> None:
    from flask_migrate import stamp

    app = create_app({"INSTANCE_PATH": str(instance), "SECRET_KEY": "bench",
                      "PASSWORD_HASH": {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}})
    with app.app_context():
        db.create_all()  # the models' schema, stamped as the latest migration (as `db upgrade` leaves it)
        stamp(directory=str(MIGRATIONS_DIR))
        started = time.perf_counter()
        seed(n, random.Random(42))
        _add_supplier_users()
        took = time.perf_counter() - started
        print(f"seeded {n} assessments ({3 * n} documents) in {took:.1f} s", flush=True)
        db.session.remove()
        db.engine.dispose()


def _in_process(instance: Path, today: dt.date) -> None:
    """Time re-scoring and reminders apart, on a copy of the database (the real run follows)."""
    from portal.assessments import rescoring
    from portal.mail import MemoryMailer
    from portal.monitoring.reminders import send_reminders

    copy = instance.parent / "copy"
    shutil.copytree(instance, copy)
    app = create_app({"INSTANCE_PATH": str(copy), "SECRET_KEY": "bench"})
    with app.app_context():
        started = time.perf_counter()
        count = rescoring.rescore_all(today)
        db.session.commit()
        rescored = time.perf_counter() - started
        started = time.perf_counter()
        mailer = MemoryMailer()
        report = send_reminders(today, mailer)
        db.session.commit()
        reminded = time.perf_counter() - started
        db.session.remove()
        db.engine.dispose()
    each = 1000 * rescored / max(count, 1)
    print(f"in process: re-scored {count} in {rescored:.1f} s ({each:.2f} ms each); "
          f"reminder pass {reminded:.1f} s ({len(mailer.outbox)} messages to an in-memory mailer)")
    print(f"            {report.describe()}")


def _run_command(instance: Path, today: dt.date, env: dict[str, str], label: str) -> float:
    started = time.perf_counter()
    # the `certscope` console script's entry point, run from this checkout
    command = [sys.executable, "-c", "import sys; from portal.cli import main; sys.exit(main(sys.argv[1:]))",
               "reassess", "--today", today.isoformat()]
    env = dict(env, PYTHONPATH=str(ROOT))
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False, cwd=ROOT)
    elapsed = time.perf_counter() - started
    out = " | ".join(line for line in result.stdout.splitlines() if line.strip())
    print(f"{label}: {elapsed:.1f} s  (exit {result.returncode}) {out}", flush=True)
    if result.returncode:
        print(result.stderr[-2000:])
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assessments", type=int, default=10_000)
    parser.add_argument("--mailer", choices=("smtp", "memory"), default="smtp")
    args = parser.parse_args()
    os.environ.pop("DATABASE_URL", None)
    tmp = Path(tempfile.mkdtemp(prefix="certscope-bench-reassess-"))
    instance = tmp / "instance"
    today = dt.date.today()
    try:
        _seed_instance(instance, args.assessments)
        _in_process(instance, today)
        env = {k: v for k, v in os.environ.items() if not k.startswith("MAIL_")}
        env["CERTSCOPE_INSTANCE"] = str(instance)
        controller = counter = None
        if args.mailer == "smtp":
            from aiosmtpd.controller import Controller

            counter, port = _Counter(), _free_port()
            controller = Controller(counter, hostname="127.0.0.1", port=port)
            controller.start()
            env.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=str(port))
        first = _run_command(instance, today, env, "certscope reassess (first run of the day)")
        if counter is not None:
            print(f"            the local SMTP server received {counter.count} messages")
        _run_command(instance, today, env, "certscope reassess (re-run: nothing sent twice)")
        if controller is not None:
            controller.stop()
        verdict = "within" if first <= 60 else "OVER"
        print(f"{args.assessments} assessments: {first:.1f} s end to end, {verdict} the 60 s goal")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
