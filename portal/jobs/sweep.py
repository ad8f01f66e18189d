"""Recover after a crash: re-queue documents stuck unread, retry mails a server refused, remove orphans.

Run at start-up (web server and workers) and periodically by the queue. Safe beside running
workers: a read is re-queued only when its worker is gone (a dead pid on this host) or silent
(no heartbeat for `reading.STALE_AFTER_S`); a queued read is queued again only after a grace
period, and a duplicate job is harmless (the claim is conditional). A campaign whose creation job
was lost is queued again, and failed once its job was lost `campaigns.operations.MAX_ATTEMPTS` times.
Files are removed only when older than a grace period, so an upload in flight on another machine is
never touched.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import sqlalchemy as sa
from flask import Flask

from ..extensions import db
from ..models import Document, StoredFile, utcnow
from ..notifications.mail import unmailed

log = logging.getLogger(__name__)
_BLOB_DIR = re.compile(r"^[0-9a-f]{2}$")
_BLOB = re.compile(r"^[0-9a-f]{64}$")
DEFAULT_PENDING_GRACE_S = 300
DEFAULT_ORPHAN_GRACE_S = 3600


@dataclass
class SweepReport:
    """What a sweep did."""

    requeued: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    mails: list[int] = field(default_factory=list)
    webhooks: list[int] = field(default_factory=list)
    campaigns: list[int] = field(default_factory=list)
    campaigns_failed: list[int] = field(default_factory=list)
    removed_files: list[str] = field(default_factory=list)
    kept_files: int = 0

    def describe(self) -> str:
        return (f"sweep: {len(self.requeued)} document(s) re-queued, {len(self.failed)} given up, "
                f"{len(self.mails)} unsent mail(s) retried, "
                f"{len(self.webhooks)} webhook delivery(ies) resent, "
                f"{len(self.campaigns)} campaign(s) queued again, {len(self.campaigns_failed)} given up, "
                f"{len(self.removed_files)} orphaned file(s) removed, {self.kept_files} kept")


def run_sweep(app: Flask, *, startup: bool = False) -> SweepReport:
    """Sweep documents and files; at start-up, queued reads are re-queued without waiting for the grace."""
    from .queue import enqueue_now

    report = SweepReport()
    pending_grace = 0 if startup else float(app.config.get("SWEEP_PENDING_GRACE_S", DEFAULT_PENDING_GRACE_S))
    for doc_id, token in _stuck_documents(pending_grace, report, startup):
        enqueue_now(app, "read_document", doc_id, token, "upload")
    # Mails wait out the configured grace even at start-up: a job queued a moment ago is still to run.
    report.mails = unmailed(dt.timedelta(seconds=float(app.config.get("SWEEP_PENDING_GRACE_S",
                                                                      DEFAULT_PENDING_GRACE_S))))
    report.webhooks = _stalled_webhooks(app)
    report.campaigns = _stalled_campaigns(app, report)
    db.session.rollback()  # hand the jobs over holding no transaction (an immediate queue runs them here)
    for notification_id in report.mails:
        enqueue_now(app, "mail_notification", notification_id)
    for delivery_id in report.webhooks:
        enqueue_now(app, "deliver_webhook", delivery_id)
    for campaign_id in report.campaigns:
        enqueue_now(app, "create_campaign", campaign_id)
    _sweep_files(Path(app.config["STORAGE_DIR"]), float(app.config.get("SWEEP_ORPHAN_GRACE_S",
                                                                       DEFAULT_ORPHAN_GRACE_S)), report)
    if report.requeued or report.failed or report.removed_files or report.mails or report.webhooks \
            or report.campaigns or report.campaigns_failed:
        log.info(report.describe(), extra={"requeued": report.requeued, "removed": len(report.removed_files)})
    return report


def _stalled_webhooks(app: Flask) -> list[int]:
    """Webhook deliveries whose job was lost (a queue emptied, a worker killed): due, and not sent."""
    from ..webhooks.operations import stalled

    grace = float(app.config.get("SWEEP_PENDING_GRACE_S", DEFAULT_PENDING_GRACE_S))
    return stalled(dt.timedelta(seconds=grace))


def _stalled_campaigns(app: Flask, report: SweepReport) -> list[int]:
    """Confirmed campaigns whose creation job was lost (a queue emptied, a worker killed): return those
    to queue again; fail those whose job was lost too often (a worker killed each time)."""
    from ..campaigns import operations as campaigns

    grace = float(app.config.get("SWEEP_PENDING_GRACE_S", DEFAULT_PENDING_GRACE_S))
    again: list[int] = []
    for campaign in campaigns.stalled(dt.timedelta(seconds=grace)):
        if campaign.attempts >= campaigns.MAX_ATTEMPTS:
            campaigns.give_up(campaign)
            report.campaigns_failed.append(campaign.id)
        else:
            again.append(campaign.id)
    db.session.commit()  # the give-ups; and the rows' locks go before their jobs are queued
    return again


def _stuck_documents(pending_grace_s: float, report: SweepReport, startup: bool) -> list[tuple[int, str]]:
    """Put lost reads back in the queue (or fail them after too many tries); return what to queue."""
    from ..assessments import reading

    now = utcnow()
    stale = now - dt.timedelta(seconds=reading.STALE_AFTER_S)
    waited = now - dt.timedelta(seconds=pending_grace_s)
    rows = db.session.scalars(sa.select(Document).where(sa.or_(
        sa.and_(Document.parse_status == "pending", sa.or_(Document.queued_at.is_(None),
                                                            Document.queued_at <= waited)),
        Document.parse_status == "reading")).order_by(Document.id)).all()
    again: list[tuple[int, str]] = []
    for doc in rows:
        if doc.parse_status == "reading" and not _lost(doc, stale, startup):
            continue
        if doc.parse_attempts >= reading.MAX_ATTEMPTS:
            reading.give_up(doc)
            report.failed.append(doc.id)
            continue
        # queued before reads were jobs (or by hand): give it a token
        token = doc.parse_token if doc.parse_token is not None else reading.queue_read(doc)
        if _requeue(doc, token, now):
            again.append((doc.id, token))
            report.requeued.append(doc.id)
    db.session.info.pop("certscope_jobs", None)  # queued below, explicitly, not again at commit
    db.session.commit()
    return again


def _requeue(doc: Document, token: str, now: dt.datetime) -> bool:
    """Mark `doc` queued again, unless a worker claimed or finished it since the sweep looked.

    Conditional on what the sweep saw (every claim adds an attempt): on PostgreSQL the sweep's
    reads do not block a worker's claim, and an unconditional write would undo it.
    """
    seen = sa.and_(Document.id == doc.id, Document.parse_token == token,
                   Document.parse_status == doc.parse_status, Document.parse_attempts == doc.parse_attempts)
    again = sa.update(Document).where(seen).values(parse_status="pending", parse_worker=None, queued_at=now)
    done = db.session.execute(again, execution_options={"synchronize_session": False})
    return cast(sa.CursorResult[Any], done).rowcount == 1


def _lost(doc: Document, stale: dt.datetime, startup: bool) -> bool:
    """A read whose worker is known dead (same host, no such pid) or has gone silent."""
    host, _, pid = (doc.parse_worker or "").rpartition(":")
    if host == socket.gethostname() and pid.isdigit() and not _alive(int(pid), startup):
        return True
    return doc.parse_heartbeat is None or doc.parse_heartbeat < stale


def _alive(pid: int, startup: bool) -> bool:
    if pid == os.getpid():
        # Starting up, any read this pid claimed belongs to a previous life (pids are reused in
        # containers); later, it is one of this worker's own reads in progress.
        return not startup
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _sweep_files(root: Path, grace_s: float, report: SweepReport) -> None:
    """Remove blobs with no stored-file row, and abandoned temporary files, older than the grace."""
    if not root.is_dir():
        return
    cutoff = time.time() - grace_s
    candidates = [p for d in root.iterdir() if d.is_dir() and _BLOB_DIR.match(d.name) for p in d.iterdir()]
    blobs = [p for p in candidates if _BLOB.match(p.name)]
    known = _known(p.name for p in blobs)
    for path in candidates:
        if path.name in known:
            report.kept_files += 1
        elif (_BLOB.match(path.name) or path.name.startswith(".upload-")) and _older(path, cutoff):
            path.unlink(missing_ok=True)
            report.removed_files.append(path.name)


def _known(names: Any) -> set[str]:
    names = list(names)
    found: set[str] = set()
    for start in range(0, len(names), 500):
        found |= set(db.session.scalars(sa.select(StoredFile.sha256).where(
            StoredFile.sha256.in_(names[start:start + 500]))))
    return found


def _older(path: Path, cutoff: float) -> bool:
    try:
        return path.stat().st_mtime <= cutoff
    except OSError:
        return False
