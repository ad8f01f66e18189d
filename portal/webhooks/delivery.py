"""Send one delivery: one signed POST per job, retried by a later job with exponential back-off."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .. import jobs
from ..extensions import db
from ..models import WebhookAttempt, WebhookDelivery, utcnow
from . import signing, targets, transport

EXCERPT = 1000  # characters of the receiver's answer kept
DEFAULTS = {"WEBHOOK_MAX_ATTEMPTS": 6, "WEBHOOK_BACKOFF_S": 30.0, "WEBHOOK_TIMEOUT_S": 10.0}
USER_AGENT = "certscope-webhooks/1"


@dataclass(frozen=True)
class Outcome:
    """What the receiver answered, or why there was no answer."""

    status_code: int | None = None
    body: str | None = None
    error: str | None = None
    duration_ms: float | None = None
    final: bool = False  # no point in trying again (the URL is refused)

    @property
    def ok(self) -> bool:
        """A 2xx answer."""
        return self.status_code is not None and 200 <= self.status_code < 300


def setting(config: Mapping[str, Any], name: str) -> float:
    """Return a webhook setting (config, else the default)."""
    value = config.get(name)
    return float(DEFAULTS[name] if value is None else value)


def backoff(attempt: int, base: float) -> float:
    """Seconds to wait after failed attempt `attempt` (1-based): base, 2×, 4×… capped at a day."""
    return min(base * 2 ** (attempt - 1), 86400.0)


def body_of(row: WebhookDelivery) -> bytes:
    """The JSON body sent for a delivery (the same bytes are signed)."""
    envelope = {"id": row.id, "event": row.event, "created_at": row.created_at.isoformat() + "Z",
                "replay_of": row.replay_of, "data": row.payload}
    return json.dumps(envelope, sort_keys=True, separators=(",", ":")).encode()


def deliver(delivery_id: int, config: Mapping[str, Any]) -> str:
    """Make the delivery's next attempt and record it; queue the one after when it failed."""
    row = db.session.get(WebhookDelivery, delivery_id)
    if row is None or row.state in ("delivered", "failed"):
        return "nothing to do"
    hook = row.webhook
    url, secret, active, body = hook.url, hook.secret, hook.active, body_of(row)
    # Free the database (SQLite's write lock) while the receiver takes its time; nothing was written.
    db.session.rollback()
    if not active:
        outcome = Outcome(error="The webhook was disabled before this was sent.", final=True)
    else:
        outcome = _post(url, secret, delivery_id, body, config)
    return _record(delivery_id, outcome, config)


def _post(url: str, secret: str, delivery_id: int, body: bytes, config: Mapping[str, Any]) -> Outcome:
    try:  # checked again now (DNS may have changed), and sent to the very addresses checked
        target = targets.resolve(url, bool(config.get("WEBHOOK_ALLOW_PRIVATE")))
    except targets.TargetError as err:
        return Outcome(error=str(err), final=err.final)
    row_event = json.loads(body)["event"]
    headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT, "Certscope-Event": row_event,
               "Certscope-Delivery": str(delivery_id),
               signing.HEADER: signing.header_value(secret, int(time.time()), body)}
    started = time.perf_counter()
    try:
        answer = transport.post(target, body, headers, setting(config, "WEBHOOK_TIMEOUT_S"), EXCERPT)
    except transport.TransportError as err:
        return Outcome(error=f"{type(err).__name__}: {err}"[:EXCERPT], duration_ms=_since(started))
    return Outcome(answer.status, answer.text, None, _since(started))


def _since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def _record(delivery_id: int, outcome: Outcome, config: Mapping[str, Any]) -> str:
    row = db.session.get(WebhookDelivery, delivery_id)
    if row is None:
        return "deleted meanwhile"
    row.attempts += 1
    db.session.add(WebhookAttempt(delivery_id=row.id, number=row.attempts, status_code=outcome.status_code,
                                  body_excerpt=outcome.body, duration_ms=outcome.duration_ms,
                                  error=outcome.error))
    if outcome.ok:
        row.state, row.finished_at, row.next_attempt_at = "delivered", utcnow(), None
    elif outcome.final or row.attempts >= int(setting(config, "WEBHOOK_MAX_ATTEMPTS")):
        row.state, row.finished_at, row.next_attempt_at = "failed", utcnow(), None
    else:
        wait = backoff(row.attempts, setting(config, "WEBHOOK_BACKOFF_S"))
        row.state, row.next_attempt_at = "retrying", utcnow() + dt.timedelta(seconds=wait)
        jobs.enqueue("deliver_webhook", row.id, delay=wait)
    db.session.flush()
    return f"attempt {row.attempts}: {row.state}"
