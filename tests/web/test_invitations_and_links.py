"""Invitations that reach people (list, copy, resend, withdraw) and e-mailed links: password-less sign-in
for suppliers, password reset for every account."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, Invitation, SignInLink, User, utcnow
from portal.sessions import UserSession

from . import monitoring_fixtures
from .builders import PASSWORD
from .conftest import sign_in

smtp_server = monitoring_fixtures.smtp_server
NEW_PASSWORD = "otter lantern quietly 1987 harbour"


@pytest.fixture
def buyer(build):
    return build.user(build.org("buyer"), "procurement", email="buyer@example.com")


@pytest.fixture
def assessment(build, buyer):
    return build.assessment(buyer, supplier_name="Acme Voice")


@pytest.fixture
def mail_server(app, smtp_server):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port)
    return smtp_server


def actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)))


def mailed_link(mail_server, path: str) -> str:
    """Return the path of the newest mailed link under `path`."""
    *_, (_, _, body) = mail_server.messages
    found = re.search(rf"http://localhost({re.escape(path)}\S+)", body)
    assert found, f"no link under {path} in the mail"
    return found.group(1)


# -- invitations ----------------------------------------------------------------------------------------

def test_the_invitations_page_lists_each_state(app, build, login, buyer, assessment):
    build.invitation(assessment, buyer, email="waiting@acme.example")
    build.invitation(assessment, buyer, email="late@acme.example", now=utcnow() - dt.timedelta(days=20))
    page = login(buyer).get(f"/assessments/{assessment.id}/invitations").get_data(as_text=True)
    waiting = page.split("waiting@acme.example", 1)[1].split("</tr>", 1)[0]
    late = page.split("late@acme.example", 1)[1].split("</tr>", 1)[0]
    assert "Waiting" in waiting and "Withdraw" in waiting and "Resend" in waiting
    assert "Expired" in late and "Send a new link" in late


def test_resend_gives_a_new_link_and_the_old_one_stops_working(app, build, login, client, buyer, assessment,
                                                               mail_server):
    invitation, old = build.invitation(assessment, buyer, email="sam@acme.example",
                                       now=utcnow() - dt.timedelta(days=20))
    buyer_client = login(buyer)
    response = buyer_client.post(f"/assessments/{assessment.id}/invitations/{invitation.id}/resend")
    assert response.status_code == 302
    new_path = mailed_link(mail_server, "/invitations/")
    page = buyer_client.get(f"/assessments/{assessment.id}/invitations").get_data(as_text=True)
    assert f'value="http://localhost{new_path}"' in page  # shown once, to copy
    assert client.get(f"/invitations/{old}").status_code == 404
    assert client.get(new_path).status_code == 200
    resent = build.get(Invitation, invitation.id)
    assert resent.send_count == 2 and resent.expires_at > utcnow() + dt.timedelta(days=13)
    assert "invitation.resent" in actions(app)


def test_a_withdrawn_invitation_says_so_and_cannot_be_accepted(app, build, login, client, buyer, assessment):
    invitation, token = build.invitation(assessment, buyer)
    login(buyer).post(f"/assessments/{assessment.id}/invitations/{invitation.id}/revoke")
    response = client.post(f"/invitations/{token}", data={"name": "Sam"})
    assert response.status_code == 410 and b"withdrawn by the buyer" in response.data
    assert build.get(Invitation, invitation.id).accepted_at is None
    assert "invitation.revoked" in actions(app)


def test_another_buyer_cannot_see_resend_or_withdraw(build, login, buyer, assessment):
    invitation, token = build.invitation(assessment, buyer)
    other = login(build.user(build.org("buyer"), "procurement"))
    base = f"/assessments/{assessment.id}/invitations"
    assert other.get(base).status_code in (403, 404)
    assert other.post(f"{base}/{invitation.id}/revoke").status_code in (403, 404)
    assert other.post(f"{base}/{invitation.id}/resend").status_code in (403, 404)
    assert build.get(Invitation, invitation.id).revoked_at is None
    assert build.get(Invitation, invitation.id).send_count == 1


def test_a_joined_invitation_cannot_be_withdrawn(build, login, client, buyer, assessment):
    invitation, token = build.invitation(assessment, buyer, email="sam@acme.example")
    client.post(f"/invitations/{token}", data={"name": "Sam"})
    page = login(buyer).post(f"/assessments/{assessment.id}/invitations/{invitation.id}/revoke",
                             follow_redirects=True)
    assert b"already joined" in page.data
    assert build.get(Invitation, invitation.id).revoked_at is None


# -- password-less sign-in --------------------------------------------------------------------------------

def test_an_invited_supplier_needs_no_password_and_signs_in_by_link(app, build, client, buyer, assessment,
                                                                    mail_server):
    _, token = build.invitation(assessment, buyer, email="sam@acme.example")
    assert client.post(f"/invitations/{token}", data={"name": "Sam"}).status_code == 302
    client.post("/logout")
    client.post("/login/email", data={"email": "Sam@Acme.example"})
    path = mailed_link(mail_server, "/login/email/")
    opened = client.get(path)
    assert opened.status_code == 200 and b"Sign in as" in opened.data
    assert client.get("/account").status_code == 302  # opening the link alone signs nobody in
    assert client.post(path).status_code == 302
    assert client.get("/account").status_code == 200
    assert app.test_client().get(path).status_code == 410  # single use
    assert "login.succeeded" in actions(app)


def test_a_sign_in_link_expires(build, client, app):
    supplier = build.user(build.org("supplier"), "supplier", email="sam@acme.example")
    from portal.auth import links

    with app.test_request_context(method="POST"):
        _, token = links.request_link(supplier.email, links.SIGN_IN, now=utcnow() - dt.timedelta(minutes=16))
        db.session.commit()
    response = client.post(f"/login/email/{token}")
    assert response.status_code == 410 and b"expired" in response.data
    assert client.get("/account").status_code == 302


def test_buyers_get_no_sign_in_link_and_the_answer_tells_nobody(app, client, buyer, mail_server):
    known = client.post("/login/email", data={"email": buyer.email}, follow_redirects=True)
    unknown = client.post("/login/email", data={"email": "nobody@example.com"}, follow_redirects=True)
    assert mail_server.messages == []
    strip = lambda r: r.get_data(as_text=True).replace(buyer.email, "X").replace("nobody@example.com", "X")  # noqa: E731
    assert strip(known) == strip(unknown)
    assert query_links(app) == 0


def query_links(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count(SignInLink.id))) or 0


def test_asking_again_and_again_sends_only_a_few_links(app, build, client, mail_server):
    build.user(build.org("supplier"), "supplier", email="sam@acme.example")
    for _ in range(6):
        client.post("/login/email", data={"email": "sam@acme.example"})
    assert len(mail_server.messages) == 3 and query_links(app) == 3


def test_without_a_mail_server_the_sign_in_link_is_logged(build, client, caplog):
    build.user(build.org("supplier"), "supplier", email="sam@acme.example")
    with caplog.at_level("INFO", logger="portal.auth.links"):
        client.post("/login/email", data={"email": "sam@acme.example"})
    [line] = [r.getMessage() for r in caplog.records if r.name == "portal.auth.links"]
    assert "no mail server" in line and "http://localhost/login/email/" in line


# -- password reset ---------------------------------------------------------------------------------------

def test_every_account_can_reset_its_password_by_mail(app, build, client, buyer, mail_server):
    elsewhere = build.user_session(buyer)
    client.post("/password/forgot", data={"email": buyer.email})
    path = mailed_link(mail_server, "/password/reset/")
    assert client.get(path).status_code == 200
    weak = client.post(path, data={"password": "password", "confirm": "password"})
    assert weak.status_code == 400 and build.get(SignInLink, 1).used_at is None  # refused, link kept
    done = client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302
    assert sign_in(app.test_client(), buyer.email, PASSWORD).status_code == 401
    assert sign_in(app.test_client(), buyer.email, NEW_PASSWORD).status_code == 302
    assert build.get(UserSession, elsewhere.id).revoked_at is not None
    assert client.post(path, data={"password": "x" * 20, "confirm": "x" * 20}).status_code == 410
    assert "user.password_reset" in actions(app)


def test_a_reset_link_cannot_sign_in_and_a_sign_in_link_cannot_reset(app, build, client, mail_server):
    supplier = build.user(build.org("supplier"), "supplier", email="sam@acme.example")
    client.post("/password/forgot", data={"email": supplier.email})
    reset_token = mailed_link(mail_server, "/password/reset/").rsplit("/", 1)[1]
    assert client.post(f"/login/email/{reset_token}").status_code == 410
    assert client.get("/account").status_code == 302
    client.post("/login/email", data={"email": supplier.email})
    sign_in_token = mailed_link(mail_server, "/login/email/").rsplit("/", 1)[1]
    refused = client.post(f"/password/reset/{sign_in_token}", data={"password": NEW_PASSWORD,
                                                                    "confirm": NEW_PASSWORD})
    assert refused.status_code == 410
    assert build.get(User, supplier.id).password_hash == supplier.password_hash
