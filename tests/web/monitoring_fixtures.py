"""Shared helpers of the monitoring tests: certificates with cycle dates, scorings at given times."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask

from portal.assessments import rescoring
from portal.extensions import db
from portal.models import Assessment, Scoring, utcnow


def certificate_extraction(**dates: Any) -> dict[str, Any]:
    """Return a certificate extraction JSON with the given date fields (ISO strings)."""
    data: dict[str, Any] = {"kind": "certificate", "standard": "ISO/IEC 42001:2023", "certified": True,
                            "holder": "Holder Ltd", "surveillance_dates": [], "evidence": {}}
    data.update({k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in dates.items()})
    return data


def rescore(app: Flask, today: dt.date, *assessments: Any) -> None:
    """Re-score as every upload and correction does; monitoring reads the dates scoring stores."""
    with app.app_context():
        for a in assessments:
            rescoring.rescore(db.session.get_one(Assessment, a.id), today, "manual")
        db.session.commit()


def add_scoring(app: Flask, assessment_id: int, rating: str, days_ago: float) -> None:
    """Record a scoring of `rating` made `days_ago` days before now."""
    with app.app_context():
        db.session.add(Scoring(assessment_id=assessment_id, rating=rating, flags=[], trigger="reassess",
                               assessment_date=dt.date.today(),
                               scored_at=utcnow() - dt.timedelta(days=days_ago)))
        db.session.commit()


def free_port() -> int:
    """Return a TCP port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Inbox:
    """Messages a local SMTP server received: (recipients, subject, body)."""

    port: int
    messages: list[tuple[list[str], str, str]] = field(default_factory=list)

    def to(self, address: str) -> list[tuple[list[str], str, str]]:
        """Return the messages addressed to `address`."""
        return [m for m in self.messages if address in m[0]]


@pytest.fixture
def smtp_server() -> Iterator[Inbox]:
    """Run a local SMTP server (aiosmtpd) collecting every message it is sent."""
    aiosmtpd = pytest.importorskip("aiosmtpd.controller")
    from email import message_from_bytes
    from email.policy import default

    inbox = Inbox(free_port())

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
            message = message_from_bytes(envelope.original_content, policy=default)
            body = message.get_body(preferencelist=("plain",))
            inbox.messages.append((list(envelope.rcpt_tos), str(message["Subject"]),
                                   body.get_content() if body else ""))
            return "250 OK"

    controller = aiosmtpd.Controller(Handler(), hostname="127.0.0.1", port=inbox.port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()
