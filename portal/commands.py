"""Portal subcommands of `certscope`: serve, worker, demo, db, reassess.

cli.py adds COMMANDS to the command line it builds (this module never imports cli.py), so it imports
no Flask at module level.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

# The demo's documents: CERTSCOPE_CORPUS, else the shared corpus beside the checkout the command runs in.
CORPUS_ENV = "CERTSCOPE_CORPUS"
DEFAULT_CORPUS = Path("..") / "shared" / "corpus"
COMMANDS: list[Callable[[Any], None]] = []


def register(func: Callable[[Any], None]) -> Callable[[Any], None]:
    """Add a subcommand registrar to the portal's commands."""
    COMMANDS.append(func)
    return func


def demo_corpus(given: Path | None) -> Path:
    """Return the corpus the demo reads: the option, else CERTSCOPE_CORPUS, else ../shared/corpus."""
    return given or Path(os.environ.get(CORPUS_ENV) or DEFAULT_CORPUS)


def _app() -> Any:
    from . import create_app

    return create_app()


def _upgrade(app: Any, revision: str = "head") -> None:
    """Bring the database schema up to `revision` (quietly when nothing changes)."""
    from flask_migrate import upgrade
    from sqlalchemy.exc import SQLAlchemyError

    from .extensions import MIGRATIONS_DIR

    with app.app_context():
        try:
            upgrade(directory=str(MIGRATIONS_DIR), revision=revision)
        except SQLAlchemyError as err:  # a clear line, not a traceback, for an unusable database
            reason = str(getattr(err, "orig", err)).splitlines()[0]
            raise SystemExit(f"certscope: cannot migrate the database {_safe_url(app)}: {reason}") from None


def _seed(app: Any) -> None:
    from .admin.accreditation import seed_accreditation_bodies
    from .extensions import db

    with app.app_context():
        seed_accreditation_bodies()
        db.session.commit()


@register
def _register_serve(sub: Any) -> None:
    p = sub.add_parser("serve", help="run the web portal (SQLite in the instance folder unless DATABASE_URL)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=5000)
    p.add_argument("--demo", action="store_true", help="create demo data first (when there is none)")
    p.add_argument("--corpus", type=Path, default=None,
                   help=f"with --demo: the corpus folder (default: ${CORPUS_ENV}, else {DEFAULT_CORPUS})")
    p.add_argument("--production", action="store_true", help="serve with gunicorn instead of Werkzeug")
    p.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (--production)")
    p.add_argument("--queue-threads", type=int, default=None,
                   help="documents read at once by the consumer started here (default 1 with the embedded "
                        "queue, 0 with REDIS_URL: run `certscope worker` processes instead)")
    p.set_defaults(handler=_cmd_serve)


def _cmd_serve(args: argparse.Namespace) -> int:
    from .headers import QuietRequestHandler
    from .jobs.queue import queue_mode
    from .jobs.worker import start_embedded, startup_sweep
    from .logs import configure_logging

    configure_logging()
    app = _app()
    _upgrade(app)
    _seed(app)
    if args.demo:
        _run_demo(app, demo_corpus(args.corpus), limit=None)
    threads = args.queue_threads if args.queue_threads is not None else (
        0 if queue_mode(app.config) == "redis" else 1)
    print(f"certscope portal on http://{args.host}:{args.port}/  (instance: {app.instance_path}; "
          f"queue: {queue_mode(app.config)}, {threads} reading thread(s) here)", flush=True)
    if args.production:
        from .production import serve_production

        return serve_production(app, args.host, args.port, args.workers, threads)
    consumer = start_embedded(app, threads) if threads else None
    if consumer is None:
        startup_sweep(app)
    try:
        # Werkzeug's threaded server: the demo's; `--production` runs gunicorn.
        app.run(host=args.host, port=args.port, debug=False, use_reloader=False, threaded=True,
                request_handler=QuietRequestHandler)  # no Werkzeug/Python version in `Server`
    finally:
        if consumer is not None:
            consumer.stop(graceful=True)
    return 0


@register
def _register_worker(sub: Any) -> None:
    p = sub.add_parser("worker", help="read documents and run the portal's other jobs from the queue")
    p.add_argument("--threads", type=int, default=1,
                   help="documents read at once (each in its own limited child process)")
    p.add_argument("--no-periodic", action="store_true",
                   help="do not run the periodic jobs (sweep, daily reassess) in this worker")
    p.set_defaults(handler=_cmd_worker)


def _cmd_worker(args: argparse.Namespace) -> int:
    from .jobs.queue import queue_mode
    from .jobs.worker import run_worker
    from .logs import configure_logging

    configure_logging()
    app = _app()
    _upgrade(app)
    print(f"certscope worker: {args.threads} thread(s) on the {queue_mode(app.config)} queue "
          f"(instance: {app.instance_path})", flush=True)
    run_worker(app, threads=max(1, args.threads), periodic=not args.no_periodic)
    return 0


@register
def _register_demo(sub: Any) -> None:
    p = sub.add_parser("demo", help="create demo organisations, users and assessments from the corpus")
    p.add_argument("--corpus", type=Path, default=None,
                   help=f"the corpus folder (default: ${CORPUS_ENV}, else {DEFAULT_CORPUS})")
    p.add_argument("--limit", type=int, default=None, help="at most this many corpus cases")
    p.set_defaults(handler=_cmd_demo)


def _cmd_demo(args: argparse.Namespace) -> int:
    app = _app()
    _upgrade(app)
    _seed(app)
    _run_demo(app, demo_corpus(args.corpus), args.limit)
    return 0


def _run_demo(app: Any, corpus: Path, limit: int | None) -> None:
    from .demo import create_demo

    if not corpus.is_dir():
        print(f"certscope: no corpus at {corpus} (give --corpus or set {CORPUS_ENV}); "
              "creating the demo users only", file=sys.stderr, flush=True)
    with app.app_context():
        report = create_demo(corpus, limit=limit, log=lambda line: print(line, flush=True))
    print(report.describe(), flush=True)


@register
def _register_db(sub: Any) -> None:
    p = sub.add_parser("db", help="manage the portal database schema (Alembic migrations)")
    db_sub = p.add_subparsers(dest="db_command", required=True)
    up = db_sub.add_parser("upgrade", help="apply migrations (default: to the latest)")
    up.add_argument("revision", nargs="?", default="head")
    up.set_defaults(handler=_cmd_db_upgrade)
    down = db_sub.add_parser("downgrade", help="revert migrations to REVISION (e.g. -1, base)")
    down.add_argument("revision")
    down.set_defaults(handler=_cmd_db_downgrade)


def _cmd_db_upgrade(args: argparse.Namespace) -> int:
    app = _app()
    _upgrade(app, args.revision)
    _seed(app)
    print(f"database at {args.revision}: {_safe_url(app)}")
    return 0


def _cmd_db_downgrade(args: argparse.Namespace) -> int:
    from flask_migrate import downgrade

    from .extensions import MIGRATIONS_DIR

    app = _app()
    with app.app_context():
        downgrade(directory=str(MIGRATIONS_DIR), revision=args.revision)
    print(f"database at {args.revision}: {_safe_url(app)}")
    return 0


def _safe_url(app: Any) -> str:
    from sqlalchemy.engine import make_url

    return make_url(app.config["SQLALCHEMY_DATABASE_URI"]).render_as_string(hide_password=True)


@register
def _register_reassess(sub: Any) -> None:
    p = sub.add_parser("reassess", help="re-score every assessment against today's date (daily cron job)")
    p.add_argument("--today", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (default: today)")
    p.set_defaults(handler=_cmd_reassess)


def _cmd_reassess(args: argparse.Namespace) -> int:
    try:
        from .assessments import rescoring
    except ImportError as err:
        print(f"certscope: reassess is not available ({err})", file=sys.stderr)
        return 1
    from .extensions import db
    from .models import utcnow

    app = _app()
    _upgrade(app)
    today = args.today or utcnow().date()
    with app.app_context():
        count = rescoring.rescore_all(today)
        db.session.commit()
        reminders = _send_reminders(app, today)
    print(f"re-scored {count} assessment{'s' if count != 1 else ''} for {today.isoformat()}")
    if reminders:
        print(reminders)
    return 0


def _send_reminders(app: Any, today: dt.date) -> str:
    """Send the monitoring reminders due today (after re-scoring, so they see today's dates)."""
    try:
        from .monitoring.reminders import run_daily
    except ImportError:
        return ""
    from .extensions import db

    report = run_daily(today, app.config)
    db.session.commit()
    return report.describe()
