"""Procurement is told when a supplier submits, comments or uploads and when a document cannot be read:
on the dashboard (each procurement user has their own unread ones) and by mail through a real
(local) SMTP server, once, and again later when the server was down at first.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.jobs.sweep import run_sweep
from portal.models import Notification
from tests.queue.documents import certificate_pdf
from tests.security import pdfs

from . import monitoring_fixtures
from .assessment_fixtures import fill_required, query, upload
from .monitoring_fixtures import free_port

smtp_server = monitoring_fixtures.smtp_server
PORTAL_URL = "https://certscope.example"


@pytest.fixture
def app_config(smtp_server: Any) -> dict[str, Any]:
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": smtp_server.port, "MAIL_FROM": "certscope@b.example",
            "PORTAL_URL": PORTAL_URL}


@pytest.fixture
def cast(build: Any, login: Any) -> dict[str, Any]:
    buyer = build.org("buyer", name="Buyer Plc")
    people = {"pat": build.user(buyer, "procurement", email="pat@b.example"),
              "sam": build.user(buyer, "procurement", email="sam@b.example"),
              "lee": build.user(buyer, "legal", email="lee@b.example")}
    build.user(buyer, "procurement", email="gone@b.example", is_active=False)
    supplier_org = build.org("supplier")
    people["olive"] = build.user(supplier_org, email="olive@s.example", name="Olive Ops")
    assessment = build.assessment(people["pat"], supplier_org, supplier_name="Acme", product="VoiceAgent")
    return {"assessment": assessment, **{name: login(user) for name, user in people.items()}}


def _events(cast: dict[str, Any]) -> None:
    """The supplier uploads a good file and a broken one, comments, and submits; procurement comments."""
    a, olive = cast["assessment"].id, cast["olive"]
    assert upload(olive, a, certificate_pdf(1), "certificate.pdf").status_code == 302
    assert upload(olive, a, pdfs.truncated(), "broken.pdf", "other").status_code == 302
    assert olive.post(f"/assessments/{a}/comments", data={"body": "Our SoA follows."}).status_code == 302
    page = olive.get(f"/assessments/{a}/questionnaire").get_data(as_text=True)
    assert olive.post(f"/assessments/{a}/questionnaire",
                      data={"submit_answers": "1", **fill_required(page)}).status_code == 302
    assert cast["pat"].post(f"/assessments/{a}/comments", data={"body": "Thanks"}).status_code == 302


def _panel(client: Any) -> str:
    page = client.get("/assessments/").get_data(as_text=True)
    found = re.search(r'<section class="panel notifications-panel".*?</section>', page, re.S)
    return found.group(0) if found else ""


def _unread(panel: str) -> int:
    found = re.search(r"\((\d+) unread\)", panel)
    assert found, "no unread count on the panel"
    return int(found.group(1))


def test_procurement_sees_each_event_and_reads_them_for_itself(app: Any, cast: dict[str, Any]) -> None:
    _events(cast)
    panel = _panel(cast["pat"])
    assert _unread(panel) == 5 and panel.count('<span class="tag">unread</span>') == 5
    for text in ("Olive Ops uploaded “certificate.pdf”", "Olive Ops uploaded “broken.pdf”",
                 "Olive Ops commented.",
                 "“broken.pdf” could not be read: ", "Olive Ops submitted the answers."):
        assert text in panel.replace("&#34;", '"'), text
    assert "Thanks" not in panel and "Acme: VoiceAgent" in panel  # procurement's own comment tells nobody
    assert _panel(cast["lee"]) == "" and _panel(cast["olive"]) == ""  # legal and suppliers are not told

    unreadable = query(app, sa.select(Notification).where(Notification.kind == "unreadable"))[0]
    followed = cast["pat"].get(f"/notifications/{unreadable.id}")  # the mail's link: writes nothing
    assert followed.headers["Location"].endswith(f"/documents/{unreadable.document_id}")
    assert _unread(_panel(cast["pat"])) == 5
    opened = cast["pat"].post(f"/notifications/{unreadable.id}")  # the panel's button marks it read
    assert opened.status_code == 302
    assert opened.headers["Location"].endswith(f"/documents/{unreadable.document_id}")
    assert _unread(_panel(cast["pat"])) == 4 and _unread(_panel(cast["sam"])) == 5  # read for Pat only

    assert cast["pat"].post("/notifications/read").status_code == 302
    assert _unread(_panel(cast["pat"])) == 0 and "unread</span>" not in _panel(cast["pat"])
    assert _unread(_panel(cast["sam"])) == 5
    listed = cast["sam"].get("/notifications/").get_data(as_text=True)
    assert listed.count('class="unread"') == 5 and "5 unread" in listed


def test_another_organisation_cannot_open_or_read_them(app: Any, cast: dict[str, Any], build: Any,
                                                       login: Any) -> None:
    _events(cast)
    stranger = login(build.user(build.org("buyer"), "procurement"))
    [first] = query(app, sa.select(Notification.id).order_by(Notification.id).limit(1))
    assert stranger.get(f"/notifications/{first}").status_code == 404
    assert stranger.post(f"/notifications/{first}").status_code == 404
    assert stranger.post("/notifications/read").status_code == 302
    assert _unread(_panel(stranger)) == 0 and _unread(_panel(cast["pat"])) == 5
    assert cast["olive"].get(f"/notifications/{first}").status_code == 403


def test_each_event_is_mailed_once_to_active_procurement_users(app: Any, cast: dict[str, Any],
                                                               smtp_server: Any) -> None:
    _events(cast)
    rows = query(app, sa.select(Notification).order_by(Notification.id))
    assert len(smtp_server.messages) == len(rows) == 5 and all(row.mailed for row in rows)
    for row, (to, subject, body) in zip(rows, smtp_server.messages, strict=True):
        assert sorted(to) == ["pat@b.example", "sam@b.example"]  # not legal, not the deactivated user
        assert subject == "certscope: Acme — VoiceAgent"
        assert row.message in body and f"{PORTAL_URL}/notifications/{row.id}" in body

    with app.app_context():  # the periodic sweep sends nothing again
        run_sweep(app)
    assert len(smtp_server.messages) == 5


@pytest.mark.parametrize("app_config", [{"MAIL_SERVER": "127.0.0.1", "SWEEP_PENDING_GRACE_S": 0}])
def test_a_mail_server_that_was_down_gets_the_mail_later(app: Any, cast: dict[str, Any],
                                                         smtp_server: Any) -> None:
    app.config["MAIL_PORT"] = free_port()  # nothing listens there: the server is down
    a, olive = cast["assessment"].id, cast["olive"]
    assert olive.post(f"/assessments/{a}/comments", data={"body": "Hello"}).status_code == 302
    [row] = query(app, sa.select(Notification))
    assert not row.mailed and smtp_server.messages == []
    assert "Olive Ops commented." in _panel(cast["pat"])  # the dashboard tells anyway

    app.config["MAIL_PORT"] = smtp_server.port  # the server is back: the sweep sends what was left
    with app.app_context():
        report = run_sweep(app)
        db.session.commit()
    assert report.mails == [row.id]
    [(to, _, body)] = smtp_server.messages
    assert sorted(to) == ["pat@b.example", "sam@b.example"] and "Olive Ops commented." in body
    assert query(app, sa.select(Notification.mailed)) == [True]
