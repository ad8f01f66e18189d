"""The jobs: read a document (and score it), re-score an assessment, the daily pass, the sweep, mail.

Each takes plain ids, runs in its own app context (see queue.py) and may run twice without
storing anything twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import current_app

from ..extensions import app_object, db
from ..models import Assessment, Scoring, utcnow
from ..reading.limits import Limits

log = logging.getLogger(__name__)


def _today() -> dt.date:
    from ..assessments.helpers import today

    return today()


def read_document(document_id: int, token: str, trigger: str = "upload") -> str:
    """Read a stored document in a limited child process, then store and score the result once."""
    from ..assessments import reading

    root = Path(current_app.config["STORAGE_DIR"])
    limits = Limits.from_config(current_app.config)
    result = reading.read_document(document_id, token, trigger, root, limits, _today())
    log.info("read document", extra={"document_id": document_id, "outcome": result})
    return result


def rescore_assessment(assessment_id: int, trigger: str, requested_at: str) -> bool:
    """Re-score after answers or corrections, unless a scoring since `requested_at` already did."""
    from ..assessments import rescoring

    asked = dt.datetime.fromisoformat(requested_at)
    stmt = sa.select(Assessment).where(Assessment.id == assessment_id).with_for_update()
    assessment = db.session.scalar(stmt)
    if assessment is None:
        return False
    done = db.session.scalar(sa.select(Scoring.id).where(
        Scoring.assessment_id == assessment_id, Scoring.scored_at >= asked).limit(1))
    if done is not None and assessment.last_scored_at is not None and assessment.last_scored_at >= asked:
        return False
    rescoring.rescore(assessment, _today(), trigger)
    return True


def rescore_for_settings() -> str:
    """Re-score every assessment after a setting scoring reads changed (the accreditation-body list)."""
    from ..assessments import rescoring

    count = rescoring.rescore_all(_today(), trigger="settings")
    return f"re-scored {count} assessment{'s' if count != 1 else ''} after a change of settings"


def reassess_all(today_iso: str | None = None) -> str:
    """The daily pass: re-score everything against today, then send the reminders due."""
    from ..assessments import rescoring
    from ..monitoring.reminders import run_daily

    today = dt.date.fromisoformat(today_iso) if today_iso else _today()
    count = rescoring.rescore_all(today)
    db.session.flush()
    report = run_daily(today, current_app.config)
    plural = "s" if count != 1 else ""
    return f"re-scored {count} assessment{plural} for {today.isoformat()}; {report.describe()}"


def sweep() -> str:
    """Re-queue documents stuck unread and remove stored files no row refers to."""
    from .sweep import run_sweep

    return run_sweep(app_object()).describe()


def mail_notification(notification_id: int) -> bool:
    """Mail one notification to procurement (once)."""
    from ..notifications.mail import mail

    return mail(notification_id, current_app.config)


def mail_invitation(invitation_id: int, link: str) -> bool:
    """Mail an invitation's link to the invited address (the link is shown to procurement as well)."""
    from ..auth.invitations import deliver_invitation
    from ..models import Invitation

    return _mail_row(Invitation, invitation_id, lambda row, mailer: deliver_invitation(row, link, mailer))


def mail_sign_in_link(link_id: int, url: str) -> bool:
    """Mail a sign-in or password-reset link (or log it when no mail server is set up)."""
    from ..auth.links import deliver
    from ..models import SignInLink

    return _mail_row(SignInLink, link_id, lambda row, mailer: deliver(row, url, mailer))


def _mail_row(model: type[Any], ident: int, send: Callable[[Any, Any], bool]) -> bool:
    """Send what `send` makes of the row through one mailer; False when the row is gone."""
    from ..mail import mailer_from_config

    row = db.session.get(model, ident)
    if row is None:
        return False
    mailer = mailer_from_config(current_app.config)
    try:
        return send(row, mailer)
    finally:
        mailer.close()


def deliver_webhook(delivery_id: int) -> str:
    """Make a webhook delivery's next attempt (a failed one queues the next, later)."""
    from ..webhooks.delivery import deliver

    return deliver(delivery_id, current_app.config)


def create_campaign(campaign_id: int) -> str:
    """Open a confirmed campaign's assessments and invite their contacts (all or nothing)."""
    from ..campaigns.operations import create_all

    return create_all(campaign_id)


TASKS: dict[str, Callable[..., Any]] = {
    "read_document": read_document,
    "mail_sign_in_link": mail_sign_in_link,
    "rescore_assessment": rescore_assessment,
    "rescore_for_settings": rescore_for_settings,
    "reassess_all": reassess_all,
    "sweep": sweep,
    "mail_notification": mail_notification,
    "mail_invitation": mail_invitation,
    "deliver_webhook": deliver_webhook,
    "create_campaign": create_campaign,
}


def _sweep_schedule(config: Mapping[str, Any]) -> dict[str, str]:
    return {"minute": f"*/{int(config.get('SWEEP_EVERY_MINUTES') or 5)}"}


def _daily_schedule(config: Mapping[str, Any]) -> dict[str, str]:
    return {"minute": "0", "hour": str(int(config.get("REASSESS_HOUR_UTC") or 3))}


PERIODIC: dict[str, tuple[Callable[[Any], dict[str, str]], Callable[..., Any]]] = {
    "periodic_sweep": (_sweep_schedule, sweep),
    "daily_reassess": (_daily_schedule, reassess_all),
}


def requested_now() -> str:
    """The stamp a re-score job compares its assessment's last scoring against."""
    return utcnow().isoformat()
