"""Single sign-on with OpenID Connect, against a real provider on localhost (tests/oidc_provider.py).

Each test goes through the whole authorization code flow with PKCE: the portal's redirect to the
provider, the provider's consent and redirect back with a code, the portal's callback page and its
POST, which exchanges the code, checks the ID token and signs in (or refuses, with a message).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from html import unescape
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.auth import links
from portal.extensions import db
from portal.models import AuditEvent, Organisation, SsoConfig, User
from tests.oidc_provider import Provider, running_provider

from .builders import PASSWORD
from .conftest import sign_in

CALLBACK = "http://localhost/login/sso/callback"


@pytest.fixture
def provider(monkeypatch: pytest.MonkeyPatch) -> Iterator[Provider]:
    # Authlib refuses plain HTTP unless told: the test provider serves http://127.0.0.1.
    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")
    with running_provider() as running:
        yield running


@pytest.fixture
def acme(app: Flask, build: Any, provider: Provider) -> tuple[Organisation, SsoConfig]:
    org = build.org(name="Acme Buying")
    client = provider.add_client(CALLBACK)
    config = build._save(SsoConfig(organisation_id=org.id, issuer=provider.issuer, client_id=client.client_id,
                                   client_secret=client.client_secret, email_domain="acme.test",
                                   default_role="legal", label="Acme ID"))
    provider.person = {"sub": "u-1", "email": "ann@acme.test", "email_verified": True, "name": "Ann Example"}
    return org, config


def provider_url(start: Any) -> str:
    """The provider's authorization URL the portal's page sends the browser to."""
    assert start.status_code == 200, start.get_data(as_text=True)
    found = re.search(r'<a id="sso-go" href="([^"]+)"', start.get_data(as_text=True))
    assert found, start.get_data(as_text=True)
    return unescape(found.group(1))


def through_provider(client: FlaskClient, start: Any) -> Any:
    """Follow the portal's redirect to the provider and back; post the callback page's form."""
    at_provider = requests.get(provider_url(start), allow_redirects=False, timeout=10)
    assert at_provider.status_code == 302, at_provider.text
    back = urlsplit(at_provider.headers["Location"])
    page = client.get(f"{back.path}?{back.query}")
    assert page.status_code == 200
    hidden = r'<input type="hidden" name="(\w+)" value="([^"]*)">'
    fields = dict(re.findall(hidden, page.get_data(as_text=True)))
    return client.post("/login/sso/callback", data={k: unescape(v) for k, v in fields.items()})


def sso_sign_in(client: FlaskClient, email: str = "ann@acme.test") -> Any:
    return through_provider(client, client.post("/login/sso", data={"email": email}))


def audit_actions(app: Flask) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)))


def test_a_new_person_is_created_with_the_default_role_through_the_code_flow_with_pkce(
        app: Flask, acme: tuple[Organisation, SsoConfig], provider: Provider) -> None:
    client = app.test_client()
    response = sso_sign_in(client)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert client.get("/account").status_code == 200
    challenge, method = provider.seen_challenges[-1]
    assert method == "S256" and challenge and len(challenge) == 43
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == "ann@acme.test"))
        assert user is not None and user.organisation_id == acme[0].id and user.role == "legal"
        assert user.name == "Ann Example"
        assert sign_in(app.test_client(), user.email, user.password_hash).status_code == 401  # no password
    assert {"user.created_by_sso", "login.succeeded"} <= set(audit_actions(app))


def test_an_existing_person_is_matched_by_verified_email(
        app: Flask, build: Any, acme: tuple[Organisation, SsoConfig]) -> None:
    existing = build.user(acme[0], role="procurement", email="ann@acme.test")
    client = app.test_client()
    assert sso_sign_in(client).status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(User.id))) == 1
        event = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "login.succeeded")).one()
        assert event.user_id == existing.id and event.details["method"] == "sso"
    assert "procurement" in client.get("/account").get_data(as_text=True)


@pytest.mark.parametrize(("tamper", "reason"), [
    ({"aud": "some-other-app"}, "made for another application"),
    ({"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}, "expired"),
    ({"nonce": "not-the-nonce-we-sent"}, "belongs to another sign-in"),
    ({"iss": "https://impostor.example"}, "another issuer"),
], ids=["wrong-audience", "expired", "wrong-nonce", "wrong-issuer"])
def test_an_id_token_that_fails_a_check_is_refused_with_a_message(
        app: Flask, acme: tuple[Organisation, SsoConfig], provider: Provider,
        tamper: dict[str, Any], reason: str) -> None:
    provider.tamper = tamper
    client = app.test_client()
    response = sso_sign_in(client)
    page = response.get_data(as_text=True)
    assert response.status_code == 403 and reason in page and "Traceback" not in page
    assert client.get("/account").status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0
    assert audit_actions(app) == ["login.sso_failed"]


def test_an_unverified_email_is_refused(app: Flask, acme: tuple[Organisation, SsoConfig],
                                        provider: Provider) -> None:
    provider.person["email_verified"] = False
    response = sso_sign_in(app.test_client())
    assert response.status_code == 403 and "verified" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_an_email_outside_the_organisations_domain_is_refused(
        app: Flask, acme: tuple[Organisation, SsoConfig], provider: Provider) -> None:
    provider.person["email"] = "ann@elsewhere.test"
    response = sso_sign_in(app.test_client())
    assert response.status_code == 403
    assert "is not an address of Acme Buying (@acme.test)" in response.get_data(as_text=True)


def test_a_person_of_another_organisation_is_not_taken_over(
        app: Flask, build: Any, acme: tuple[Organisation, SsoConfig]) -> None:
    build.user(build.org(name="Other Buyer"), email="ann@acme.test")
    response = sso_sign_in(app.test_client())
    assert response.status_code == 403 and "another organisation" in response.get_data(as_text=True)


def test_password_sign_in_off_refuses_passwords_and_resets_but_not_sso(
        app: Flask, build: Any, acme: tuple[Organisation, SsoConfig], provider: Provider) -> None:
    user = build.user(acme[0], email="bob@acme.test")
    with app.app_context():
        config = db.session.get(SsoConfig, acme[1].id)
        assert config is not None
        config.password_sign_in = False
        db.session.commit()
    refused = sign_in(app.test_client(), user.email, PASSWORD)
    assert refused.status_code == 403 and "single sign-on" in refused.get_data(as_text=True)
    unknown = sign_in(app.test_client(), "nobody@acme.test", PASSWORD)
    assert unknown.status_code == 403  # the same answer whether or not the account exists
    with app.app_context():
        assert links.request_link(user.email, links.RESET) is None
    provider.person["email"] = "bob@acme.test"
    client = app.test_client()
    assert sso_sign_in(client, "bob@acme.test").status_code == 302
    assert "bob@acme.test" in client.get("/account").get_data(as_text=True)


def test_a_reset_link_sent_before_password_sign_in_was_switched_off_no_longer_works(
        app: Flask, build: Any, acme: tuple[Organisation, SsoConfig]) -> None:
    user = build.user(acme[0], email="bob@acme.test")
    with app.app_context():
        made = links.request_link(user.email, links.RESET)
        assert made is not None
        config = db.session.get(SsoConfig, acme[1].id)
        assert config is not None
        config.password_sign_in = False
        db.session.commit()
    response = app.test_client().get(f"/password/reset/{made[1]}")
    assert response.status_code == 410


def test_the_callback_cannot_be_posted_twice_nor_with_another_state(
        app: Flask, acme: tuple[Organisation, SsoConfig]) -> None:
    client = app.test_client()
    start = client.post("/login/sso", data={"email": "ann@acme.test"})
    at_provider = requests.get(provider_url(start), allow_redirects=False, timeout=10)
    query = urlsplit(at_provider.headers["Location"]).query
    code = re.search(r"code=([^&]+)", query).group(1)  # type: ignore[union-attr]
    forged = client.post("/login/sso/callback", data={"code": code, "state": "forged"})
    assert forged.status_code == 403 and "does not belong" in forged.get_data(as_text=True)
    again = client.post("/login/sso/callback", data={"code": code, "state": "forged"})
    assert again.status_code == 302 and again.headers["Location"].endswith("/login")


def test_an_unknown_domain_and_an_unreachable_provider_are_told(
        app: Flask, build: Any, acme: tuple[Organisation, SsoConfig]) -> None:
    client = app.test_client()
    unknown = client.post("/login/sso", data={"email": "someone@nowhere.test"})
    assert unknown.status_code == 400 and "No single sign-on is set up for @nowhere.test" in unknown.get_data(
        as_text=True)
    with app.app_context():
        config = db.session.get(SsoConfig, acme[1].id)
        assert config is not None
        config.issuer = "http://127.0.0.1:9"  # nothing listens there
        db.session.commit()
    down = client.post("/login/sso", data={"email": "ann@acme.test"}, follow_redirects=True)
    assert "Acme ID did not answer as expected" in down.get_data(as_text=True)


def test_the_organisations_own_link_signs_in(app: Flask, acme: tuple[Organisation, SsoConfig]) -> None:
    client = app.test_client()
    page = client.get(f"/login/sso/{acme[0].id}")
    assert page.status_code == 200 and "Sign in with Acme ID" in page.get_data(as_text=True)
    assert "Acme Buying" not in page.get_data(as_text=True)  # anyone may open it: no buyer named
    assert through_provider(client, client.post(f"/login/sso/{acme[0].id}")).status_code == 302
    assert client.get("/account").status_code == 200


def test_an_admin_sets_it_up_and_the_secret_is_never_shown_back(
        app: Flask, build: Any, login: Any, provider: Provider) -> None:
    org = build.org(name="Globex")
    admin = login(build.user(build.org(name="Operator"), role="admin"))
    data = {"label": "Globex SSO", "issuer": provider.issuer, "client_id": "globex-app",
            "client_secret": "s3cret-value-nobody-sees", "email_domain": "@Globex.test",
            "default_role": "procurement", "enabled": "y", "password_sign_in": "y"}
    refused = admin.post(f"/admin/organisations/{org.id}/sso", data=data, follow_redirects=True)
    assert "state the reason" in refused.get_data(as_text=True)  # break-glass: a way into the tenant
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(SsoConfig.id))) == 0
    data["reason"] = "Ticket OPS-4411: Globex moves to Okta"
    assert admin.post(f"/admin/organisations/{org.id}/sso", data=data).status_code == 302
    page = admin.get(f"/admin/organisations/{org.id}/sso").get_data(as_text=True)
    assert "s3cret-value-nobody-sees" not in page and "…sees" in page
    del data["client_secret"]
    data["password_sign_in"] = ""
    admin.post(f"/admin/organisations/{org.id}/sso", data=data)
    with app.app_context():
        config = db.session.scalars(sa.select(SsoConfig)).one()
        assert config.client_secret == "s3cret-value-nobody-sees"  # blank kept the stored secret
        assert config.email_domain == "globex.test" and config.password_sign_in is False
    assert "sso.configured" in audit_actions(app)
    with app.app_context():
        notices = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "operator.break_glass",
                                                                 AuditEvent.organisation_id == org.id)).all()
    assert len(notices) == 2 and notices[0].details["reason"] == "Ticket OPS-4411: Globex moves to Okta"
    procurement = login(build.user(build.org()))
    assert procurement.get(f"/admin/organisations/{org.id}/sso").status_code == 403


@pytest.mark.parametrize("app_config", [{"SSO_START_LIMIT": "3 per minute"}])
def test_starting_single_sign_on_is_rate_limited_per_address(
        app: Flask, acme: tuple[Organisation, SsoConfig], provider: Provider) -> None:
    client = app.test_client()
    starts = [client.post("/login/sso", data={"email": "ann@acme.test"}) for _ in range(4)]
    assert [s.status_code for s in starts] == [200, 200, 200, 302]
    assert "Too many sign-in attempts" in client.get("/login").get_data(as_text=True)
