"""Sign-in, throttling, sign-out, account, and invitation acceptance."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import Assessment, AuditEvent, Invitation, Organisation, User, utcnow

from . import monitoring_fixtures
from .builders import PASSWORD
from .conftest import sign_in

smtp_server = monitoring_fixtures.smtp_server


@pytest.fixture
def buyer(build):
    return build.user(build.org("buyer"), "procurement", email="buyer@example.com")


def audit_actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)))


def test_password_is_stored_as_argon2id_hash(build, buyer, app):
    stored = build.get(User, buyer.id)
    assert stored.password_hash.startswith("$argon2id$")
    assert PASSWORD not in stored.password_hash


def test_sign_in_with_correct_password_reaches_the_portal(client, buyer):
    response = sign_in(client, "BUYER@example.com ", PASSWORD)
    assert response.status_code == 302
    account = client.get("/account")
    assert account.status_code == 200
    assert b"buyer@example.com" in account.data


def test_wrong_password_and_unknown_email_give_the_same_message(client, buyer):
    wrong = sign_in(client, buyer.email, "not the password")
    unknown = sign_in(client, "nobody@example.com", "not the password")
    assert wrong.status_code == unknown.status_code == 401
    assert b"Email or password is not correct." in wrong.data
    assert b"Email or password is not correct." in unknown.data


def test_repeated_failures_slow_down_that_address_not_the_account(client, buyer, app):
    for _ in range(5):
        assert sign_in(client, buyer.email, "wrong password").status_code == 401
    waited = sign_in(client, buyer.email, PASSWORD)
    assert waited.status_code == 429
    assert b"Too many sign-in attempts" in waited.data
    elsewhere = app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "198.51.100.99"
    assert sign_in(elsewhere, buyer.email, PASSWORD).status_code == 302
    assert "login.failed" in audit_actions(app)


@pytest.mark.parametrize("app_config", [{"LOGIN_LIMIT_ADDRESS": "3 per 15 minutes"}])
def test_one_address_guessing_many_accounts_is_throttled(client, buyer, app_config):
    for n in range(3):
        sign_in(client, f"guess{n}@example.com", "whatever password")
    refused = sign_in(client, buyer.email, PASSWORD)
    assert refused.status_code == 429
    assert b"Too many sign-in attempts" in refused.data


def test_deactivated_user_cannot_sign_in(client, build):
    user = build.user(build.org("buyer"), "legal", is_active=False)
    assert sign_in(client, user.email, PASSWORD).status_code == 401


def test_sign_out_needs_post_and_ends_the_session(login, buyer):
    client = login(buyer)
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 302
    response = client.get("/account")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("target", ["//evil.example.com/x", "https://evil.example.com/", "/\\evil"])
def test_next_parameter_never_leaves_the_site(client, buyer, target):
    response = client.post("/login", query_string={"next": target},
                           data={"email": buyer.email, "password": PASSWORD})
    assert response.status_code == 302
    assert "evil" not in response.headers["Location"]


def test_next_parameter_to_a_local_page_is_followed(client, buyer):
    response = client.post("/login?next=/account", data={"email": buyer.email, "password": PASSWORD})
    assert response.headers["Location"].endswith("/account")


def test_change_password(login, buyer, client):
    signed_in = login(buyer)
    refused = signed_in.post("/account", data={"current": "wrong", "password": "a new long secret",
                                               "confirm": "a new long secret"})
    assert b"current password is not correct" in refused.data
    signed_in.post("/account", data={"current": PASSWORD, "password": "a new long secret",
                                     "confirm": "a new long secret"})
    assert sign_in(client, buyer.email, PASSWORD).status_code == 401
    assert sign_in(client, buyer.email, "a new long secret").status_code == 302


def test_weak_password_is_refused_on_change(login, buyer):
    response = login(buyer).post("/account", data={"current": PASSWORD, "password": "short",
                                                   "confirm": "short"})
    assert b"at least 12 characters" in response.data


# --- invitations -----------------------------------------------------------------------------------

@pytest.fixture
def assessment(build, buyer):
    return build.assessment(buyer, supplier_name="Acme Voice")


def test_invitation_creates_a_supplier_account_and_links_the_assessment(client, build, buyer, assessment,
                                                                        app):
    invitation, token = build.invitation(assessment, buyer, email="Sam@Acme.example")
    page = client.get(f"/invitations/{token}")
    assert page.status_code == 200
    assert b"sam@acme.example" in page.data
    response = client.post(f"/invitations/{token}", data={"name": "Sam", "password": "a long secret pw",
                                                          "confirm": "a long secret pw"})
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == "sam@acme.example"))
        linked = db.session.get(Assessment, assessment.id)
        assert user.role == "supplier"
        assert user.organisation.kind == "supplier"
        assert user.organisation.name == "Acme Voice"
        assert linked.supplier_org_id == user.organisation_id
        assert linked.status == "in_progress"
        assert db.session.get(Invitation, invitation.id).accepted_by == user.id
    assert "invitation.accepted" in audit_actions(app)
    assert client.get("/account").status_code == 200  # signed in straight away


def test_invitation_is_single_use(client, build, buyer, assessment):
    _, token = build.invitation(assessment, buyer)
    client.post(f"/invitations/{token}", data={"name": "Sam", "password": "a long secret pw",
                                               "confirm": "a long secret pw"})
    response = client.application.test_client().get(f"/invitations/{token}")
    assert response.status_code == 410
    assert b"already been used" in response.data


def test_expired_invitation_gives_a_clear_message(client, build, buyer, assessment):
    _, token = build.invitation(assessment, buyer, now=utcnow() - dt.timedelta(days=15))
    response = client.get(f"/invitations/{token}")
    assert response.status_code == 410
    assert b"This invitation expired on" in response.data
    assert b"Ask the buyer who invited you to send a new one" in response.data
    posted = client.post(f"/invitations/{token}", data={"name": "Sam", "password": "a long secret pw",
                                                        "confirm": "a long secret pw"})
    assert posted.status_code == 410


def test_unknown_invitation_token_is_not_found(client):
    response = client.get("/invitations/not-a-real-token")
    assert response.status_code == 404
    assert b"not valid" in response.data


def test_invitation_to_an_existing_supplier_org_adds_the_user_there(client, build, buyer, app):
    supplier_org = build.org("supplier", name="Existing Supplier")
    assessment = build.assessment(buyer, supplier_org=supplier_org)
    _, token = build.invitation(assessment, buyer, email="second@existing.example")
    client.post(f"/invitations/{token}", data={"name": "Second", "password": "a long secret pw",
                                               "confirm": "a long secret pw"})
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == "second@existing.example"))
        assert user.organisation_id == supplier_org.id
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Organisation)) == 2


def test_new_supplier_org_never_joins_an_org_found_by_name(client, build, buyer, app):
    build.org("supplier", name="Acme Voice")  # someone else's organisation with the same name
    assessment = build.assessment(buyer, supplier_name="Acme Voice")
    _, token = build.invitation(assessment, buyer, email="new@acme.example")
    client.post(f"/invitations/{token}", data={"name": "New", "password": "a long secret pw",
                                               "confirm": "a long secret pw"})
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == "new@acme.example"))
        assert user.organisation.name == "Acme Voice (2)"


def test_signed_in_supplier_joins_with_their_organisation(login, build, buyer, assessment, app):
    supplier = build.user(build.org("supplier"), "supplier")
    _, token = build.invitation(assessment, buyer, email=supplier.email)
    client = login(supplier)
    assert b"Accept invitation" in client.get(f"/invitations/{token}").data
    assert client.post(f"/invitations/{token}").status_code == 302
    assert build.get(Assessment, assessment.id).supplier_org_id == supplier.organisation_id


def test_buyer_account_cannot_accept_an_invitation(login, build, buyer, assessment):
    _, token = build.invitation(assessment, buyer)
    response = login(buyer).post(f"/invitations/{token}")
    assert response.status_code == 403
    assert build.get(Assessment, assessment.id).supplier_org_id is None


def test_invitation_for_an_email_with_an_account_asks_to_sign_in(client, build, buyer, assessment):
    existing = build.user(build.org("supplier"), "supplier", email="taken@example.com")
    _, token = build.invitation(assessment, buyer, email=existing.email)
    response = client.post(f"/invitations/{token}", data={"name": "X", "password": "a long secret pw",
                                                          "confirm": "a long secret pw"})
    assert response.status_code == 302
    assert build.get(Assessment, assessment.id).supplier_org_id is None


def test_invitation_token_is_stored_only_as_a_hash(build, buyer, assessment):
    invitation, token = build.invitation(assessment, buyer)
    assert token not in invitation.token_hash
    assert len(invitation.token_hash) == 64


@pytest.fixture
def mail_server(app, smtp_server):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port)
    return smtp_server


def test_an_invitation_is_mailed_once_the_request_commits(login, buyer, assessment, mail_server):
    response = login(buyer).post(f"/assessments/{assessment.id}/invitations",
                                 data={"email": "Mail@Acme.example"})
    assert response.status_code == 302
    [(to, subject, body)] = mail_server.messages
    assert to == ["mail@acme.example"] and assessment.product in subject
    assert "/invitations/" in body and "usable once" in body


def test_without_a_mail_server_the_invitation_link_is_only_shown(app, login, buyer, assessment, caplog):
    client = login(buyer)
    with caplog.at_level("INFO", logger="portal.auth.invitations"):
        client.post(f"/assessments/{assessment.id}/invitations", data={"email": "mail@acme.example"})
    page = client.get(f"/assessments/{assessment.id}/invitations").get_data(as_text=True)
    shown = re.search(r'readonly value="(http://localhost/invitations/[^"]+)"', page).group(1)
    assert any(shown in r.getMessage() and "no mail server" in r.getMessage() for r in caplog.records)
    again = client.get(f"/assessments/{assessment.id}/invitations").get_data(as_text=True)
    assert shown not in again  # shown once; resend to get a new one


def test_signed_in_supplier_cannot_use_an_invitation_sent_to_someone_else(login, build, buyer, assessment):
    stranger = build.user(build.org("supplier"), "supplier", email="stranger@example.com")
    _, token = build.invitation(assessment, buyer, email="intended@acme.example")
    response = login(stranger).post(f"/invitations/{token}")
    assert response.status_code == 403
    assert b"sent to intended@acme.example" in response.data
    assert build.get(Assessment, assessment.id).supplier_org_id is None


def test_a_missing_trailing_slash_still_redirects(client):
    response = client.get("/admin")
    assert response.status_code == 308


def test_password_change_signs_out_the_other_sessions(login, buyer):
    here, elsewhere = login(buyer), login(buyer)
    here.post("/account", data={"current": PASSWORD, "password": "a new long secret",
                                "confirm": "a new long secret"})
    assert here.get("/account").status_code == 200
    assert elsewhere.get("/account").status_code == 302


def test_session_cookie_ends_with_the_browser_and_the_server_ends_idle_sessions(client, buyer, app):
    response = sign_in(client, buyer.email, PASSWORD)
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "Expires=" not in cookie  # the server, not the cookie, decides when the session ends
    assert (app.config["SESSION_IDLE_MINUTES"], app.config["SESSION_ABSOLUTE_HOURS"]) == (30, 12)
