"""Portal subcommands of `certscope`: serve, demo, db, reassess.

Imported when the command line is built, so it imports no Flask at module level.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from .cli import register

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


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
    p.set_defaults(handler=_cmd_serve)


def _cmd_serve(args: argparse.Namespace) -> int:
    app = _app()
    _upgrade(app)
    _seed(app)
    if args.demo:
        _run_demo(app, DEFAULT_CORPUS, limit=None)
    print(f"certscope portal on http://{args.host}:{args.port}/  (instance: {app.instance_path})", flush=True)
    # Werkzeug's threaded server: fine for a team; put a WSGI server in front for more.
    app.run(host=args.host, port=args.port, debug=False, use_reloader=False, threaded=True)
    return 0


@register
def _register_demo(sub: Any) -> None:
    p = sub.add_parser("demo", help="create demo organisations, users and assessments from the corpus")
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    p.add_argument("--limit", type=int, default=None, help="at most this many corpus cases")
    p.set_defaults(handler=_cmd_demo)


def _cmd_demo(args: argparse.Namespace) -> int:
    app = _app()
    _upgrade(app)
    _seed(app)
    _run_demo(app, args.corpus, args.limit)
    return 0


def _run_demo(app: Any, corpus: Path, limit: int | None) -> None:
    from .demo import create_demo

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
