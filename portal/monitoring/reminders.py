"""Daily reminders: tell suppliers before their evidence goes stale, and procurement in a digest.

Each event (assessment + what + date + threshold) has a key; a SentReminder row per key makes
re-runs send nothing twice. Every reminder sent (or only logged, without SMTP) is audited.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from .. import audit
from ..extensions import db
from ..mail import Mail, Mailer
from ..models import Assessment, Organisation, SentReminder, User
from ..webhooks import operations as webhooks
from .surveillance import due_audits, status_text

log = logging.getLogger(__name__)

THRESHOLDS = (90, 30, 7)  # days before expiry; one reminder as each is crossed
ANSWER_THRESHOLDS = (7, 1)  # days before the buyer's response deadline; then once when it has passed
ANSWERING = ("invited", "in_progress")
EXPIRED_LOOKBACK_DAYS = 30  # an expiry older than this is not news any more
OPEN = Assessment.supplier_org_id.is_not(None), Assessment.status.not_in(("rejected",))
KEY_CHUNK = 500


@dataclass(frozen=True)
class Event:
    """Something a supplier should act on, once."""

    key: str
    assessment_id: int
    buyer_org_id: int
    supplier_org_id: int
    supplier_name: str
    product: str
    text: str  # what happened, for the supplier ("expires on 2027-01-01, in 30 days")
    action: str  # what to do about it
    about: str = "certificate"  # what `text` is about: "the certificate expires…", "the answers are due…"


@dataclass
class ReminderReport:
    """What a reminder run did."""

    events: int = 0
    already_sent: int = 0
    sent: int = 0
    logged_only: int = 0
    failed: int = 0
    no_recipient: int = 0
    digests: int = 0
    keys: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """Return a one-line summary."""
        return (f"reminders: {self.events} due, {self.already_sent} already sent, {self.sent} sent, "
                f"{self.logged_only} logged (no SMTP), {self.failed} failed, {self.no_recipient} without "
                f"recipient; {self.digests} procurement digest{'s' if self.digests != 1 else ''}")


def due_events(today: dt.date) -> list[Event]:
    """Return every reminder event due on `today` (sent or not), in assessment order."""
    events = _expiry_events(today) + _surveillance_events(today) + _deadline_events(today)
    return sorted(events, key=lambda e: (e.assessment_id, e.key))


def _expiry_events(today: dt.date) -> list[Event]:
    horizon = today + dt.timedelta(days=max(THRESHOLDS))
    stmt = (sa.select(Assessment.id, Assessment.buyer_org_id, Assessment.supplier_org_id,
                      Assessment.supplier_name, Assessment.product, Assessment.expiry_date)
            .where(*OPEN, Assessment.expiry_date.between(
                today - dt.timedelta(days=EXPIRED_LOOKBACK_DAYS), horizon)))
    return [_expiry_event(row, today) for row in db.session.execute(stmt)]


def _expiry_event(row: Any, today: dt.date) -> Event:
    ident, buyer, supplier, name, product, expiry = row
    left = (expiry - today).days
    if left < 0:
        return Event(f"a{ident}:expired:{expiry.isoformat()}", ident, buyer, supplier, name, product,
                     f"expired on {expiry.isoformat()}", "Upload the renewed certificate.")
    threshold = min(t for t in THRESHOLDS if left <= t)
    # the expiry date is in the key: a renewed certificate starts its own series of reminders
    return Event(f"a{ident}:expiry:{expiry.isoformat()}:{threshold}d", ident, buyer, supplier, name, product,
                 f"expires on {expiry.isoformat()}, in {left} day{'s' if left != 1 else ''}",
                 "Upload the renewed certificate as soon as you have it, and tell the buyer when the "
                 "recertification audit takes place.")


def _surveillance_events(today: dt.date) -> list[Event]:
    events = []
    for due in due_audits(today, *OPEN):
        if due.supplier_org_id is None:
            continue
        status, state = due.status, "overdue" if due.status.overdue else "due"
        events.append(Event(f"a{due.assessment_id}:surveillance:{status.due.isoformat()}:{state}",
                            due.assessment_id, due.buyer_org_id, due.supplier_org_id,
                            due.supplier_name, due.product, f"surveillance audit {status_text(status)}",
                            "Upload the latest surveillance audit report or the re-issued certificate."))
    return events


def _deadline_events(today: dt.date) -> list[Event]:
    """Return reminders of the buyer's response deadline to suppliers who have not submitted yet."""
    first = today - dt.timedelta(days=EXPIRED_LOOKBACK_DAYS)
    last = today + dt.timedelta(days=max(ANSWER_THRESHOLDS))
    stmt = (sa.select(Assessment.id, Assessment.buyer_org_id, Assessment.supplier_org_id,
                      Assessment.supplier_name, Assessment.product, Assessment.response_due)
            .where(*OPEN, Assessment.status.in_(ANSWERING), Assessment.response_due.between(first, last)))
    return [_deadline_event(row, today) for row in db.session.execute(stmt)]


def _deadline_event(row: Any, today: dt.date) -> Event:
    ident, buyer, supplier, name, product, due = row
    left = (due - today).days
    action = "Answer the questionnaire, upload the certificate and Statement of Applicability, then submit."
    key = f"a{ident}:answers_due:{due.isoformat()}"  # a deadline the buyer moves starts its own reminders
    if left < 0:
        return Event(f"{key}:overdue", ident, buyer, supplier, name, product,
                     f"were due on {due.isoformat()}", action, about="answers")
    threshold = min(t for t in ANSWER_THRESHOLDS if left <= t)
    return Event(f"{key}:{threshold}d", ident, buyer, supplier, name, product,
                 f"are due on {due.isoformat()}, in {left} day{'s' if left != 1 else ''}", action,
                 about="answers")


def send_reminders(today: dt.date, mailer: Mailer, portal_url: str | None = None) -> ReminderReport:
    """Send each due reminder not sent before, then one digest per buyer; flush, never commit."""
    events = due_events(today)
    report = ReminderReport(events=len(events))
    done = already_sent([e.key for e in events])
    fresh = [e for e in events if e.key not in done]
    report.already_sent = len(events) - len(fresh)
    org_names = _organisation_names({e.buyer_org_id for e in fresh})
    suppliers = _recipients("supplier", {e.supplier_org_id for e in fresh})
    delivered: list[Event] = []
    for event in fresh:
        if _remind(event, suppliers.get(event.supplier_org_id, []), org_names, mailer, portal_url, report):
            delivered.append(event)
            _tell_webhooks(event)
    _digests(today, delivered, mailer, org_names, report)
    db.session.flush()
    return report


def _tell_webhooks(event: Event) -> None:
    """Tell the buyer's webhooks of an expiring certificate or an overdue audit, once (as the reminder)."""
    kind = event.key.split(":")[1]
    if kind in ("expiry", "expired"):
        name = "certificate.expiring"
    elif kind == "surveillance" and event.key.endswith(":overdue"):
        name = "surveillance.overdue"
    else:
        return
    data = {"assessment_id": event.assessment_id, "supplier": event.supplier_name, "product": event.product,
            "what": f"The {event.about} {event.text}.", "expired": kind == "expired",
            "reminder_key": event.key}
    webhooks.emit(event.buyer_org_id, name, data)


def already_sent(keys: Sequence[str]) -> set[str]:
    """Return the keys among `keys` that have a SentReminder (in chunks: IN lists stay small)."""
    found: set[str] = set()
    for start in range(0, len(keys), KEY_CHUNK):
        chunk = list(keys[start:start + KEY_CHUNK])
        found.update(db.session.scalars(sa.select(SentReminder.event_key).where(SentReminder.event_key.in_(chunk))))
    return found


def _remind(event: Event, to: list[str], org_names: dict[int, str], mailer: Mailer,
            portal_url: str | None, report: ReminderReport) -> bool:
    """Send one reminder and record it; return whether it counts as done."""
    if not to:
        report.no_recipient += 1
        log.info("reminder %s: the supplier has no active user to tell", event.key)
        return False
    buyer = org_names.get(event.buyer_org_id, "your customer")
    body = (f"Your ISO/IEC 42001 evidence for {event.product}, assessed by {buyer}, needs attention:\n\n"
            f"  The {event.about} {event.text}.\n\n{event.action}\n")
    if portal_url:
        body += f"\nSign in: {portal_url.rstrip('/')}/assessments/{event.assessment_id}\n"
    ok = mailer.send(Mail(tuple(to), f"certscope: {event.product} {event.about} {event.text}", body))
    if mailer.configured and not ok:
        report.failed += 1  # not recorded: the next run tries again
        return False
    _record(event.key, event.assessment_id, event.buyer_org_id, to, ok, "reminder.sent", text=event.text)
    if ok:
        report.sent += 1
    else:
        report.logged_only += 1
    report.keys.append(event.key)
    return True


def _digests(today: dt.date, events: Iterable[Event], mailer: Mailer, org_names: dict[int, str],
             report: ReminderReport) -> None:
    """Send each buyer's procurement users one digest of the reminders sent today."""
    by_buyer: dict[int, list[Event]] = defaultdict(list)
    for event in events:
        by_buyer[event.buyer_org_id].append(event)
    if not by_buyer:
        return
    procurement = _recipients("procurement", set(by_buyer))
    keys = {org: digest_key(org, today, items) for org, items in by_buyer.items()}
    done = already_sent(list(keys.values()))
    for org, items in sorted(by_buyer.items()):
        key = keys[org]
        to = procurement.get(org, [])
        if key in done or not to:
            continue
        lines = [f"- {e.supplier_name}: {e.product}: {e.about} {e.text}" for e in items]
        count = f"{len(items)} supplier reminder{'s' if len(items) != 1 else ''}"
        body = f"{count} sent on {today.isoformat()}:\n\n" + "\n".join(lines) + "\n"
        subject = f"certscope digest for {org_names.get(org, 'your portfolio')}: {count}"
        ok = mailer.send(Mail(tuple(to), subject, body))
        if mailer.configured and not ok:
            report.failed += 1
            continue
        _record(key, None, org, to, ok, "reminder.digest", reminders=len(items))
        report.digests += 1


def digest_key(org: int, today: dt.date, events: Iterable[Event]) -> str:
    """Return the key of a digest: the buyer, the day and which reminders it reports."""
    # a later run the same day with new reminders sends a digest of those; a re-run sends none
    digest = hashlib.sha256("\n".join(sorted(e.key for e in events)).encode()).hexdigest()[:16]
    return f"digest:o{org}:{today.isoformat()}:{digest}"


def _record(key: str, assessment_id: int | None, buyer_org_id: int, to: list[str], delivered: bool,
            action: str, **details: Any) -> None:
    db.session.add(SentReminder(assessment_id=assessment_id, event_key=key, recipient=", ".join(to),
                                delivered=delivered))
    target = ("assessments", assessment_id) if assessment_id is not None else ("organisations", buyer_org_id)
    audit.record(None, action, target, organisation_id=buyer_org_id, event_key=key, recipients=to,
                 delivered=delivered, **details)


def _recipients(role: str, org_ids: set[int]) -> dict[int, list[str]]:
    """Return organisation id -> e-mail addresses of its active users with `role`."""
    result: dict[int, list[str]] = defaultdict(list)
    if not org_ids:
        return result
    stmt = (sa.select(User.organisation_id, User.email)
            .where(User.organisation_id.in_(sorted(org_ids)), User.role == role, User.is_active.is_(True))
            .order_by(User.email))
    for org, email in db.session.execute(stmt):
        result[org].append(email)
    return result


def _organisation_names(org_ids: set[int]) -> dict[int, str]:
    if not org_ids:
        return {}
    stmt = sa.select(Organisation.id, Organisation.name).where(Organisation.id.in_(sorted(org_ids)))
    return {i: n for i, n in db.session.execute(stmt)}


def run_daily(today: dt.date, config: Mapping[str, Any]) -> ReminderReport:
    """Send today's reminders with the configured mailer (SMTP, or the log when none is set).

    PORTAL_URL (config or environment), when set, adds a link to the assessment to each reminder.
    """
    from ..mail import mailer_from_config

    mailer = mailer_from_config(config)
    try:
        return send_reminders(today, mailer, config.get("PORTAL_URL") or os.environ.get("PORTAL_URL"))
    finally:
        mailer.close()
