"""API tokens in the portal: created by their user, shown once, stored hashed, revoked for good."""

from __future__ import annotations

import re

import sqlalchemy as sa

from portal.api import tokens
from portal.extensions import db
from portal.models import ApiToken, AuditEvent

TOKEN = re.compile(r'value="(cs_[A-Za-z0-9_-]{40,})"')


def _create(client, name="sync", scope="read"):
    response = client.post("/account/api-tokens", data={"name": name, "scope": scope})
    assert response.status_code == 200, response.status_code
    found = TOKEN.search(response.get_data(as_text=True))
    assert found, "the new token is not shown"
    return found.group(1)


def test_a_token_is_shown_once_and_stored_only_as_a_digest(app, build, login):
    user = build.user(build.org("buyer"), "procurement")
    client = login(user)
    secret = _create(client, "contract system", "write")
    with app.app_context():
        row = db.session.scalar(sa.select(ApiToken))
        assert row.token_hash == tokens.digest(secret) and secret not in (row.token_hash, row.prefix)
        assert row.scopes == ["read", "write"] and row.user_id == user.id
        assert row.organisation_id == user.organisation_id
        assert db.session.scalar(sa.select(AuditEvent.action).where(AuditEvent.action == "api_token.create"))
    listing = client.get("/account/api-tokens").get_data(as_text=True)
    assert "contract system" in listing and secret not in listing and secret[:10] in listing


def test_a_read_token_carries_read_only(app, build, login):
    client = login(build.user(build.org("buyer"), "legal"))
    secret = _create(client, "reports", "read")
    with app.app_context():
        token = tokens.authenticate(secret)
        assert token is not None and token.allows("read") and not token.allows("write")


def test_a_nameless_token_is_refused_with_a_message(app, build, login):
    client = login(build.user(build.org("buyer"), "procurement"))
    response = client.post("/account/api-tokens", data={"name": " ", "scope": "read"})
    assert response.status_code == 400 and "Give the token a name" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0


def test_a_revoked_token_opens_nothing_and_only_its_owner_or_an_operator_revokes_it(app, build, login):
    org = build.org("buyer")
    owner, colleague = build.user(org, "procurement"), build.user(org, "legal")
    secret = _create(login(owner))
    with app.app_context():
        token_id = tokens.authenticate(secret).id
    assert login(colleague).post(f"/account/api-tokens/{token_id}/revoke").status_code == 404
    with app.app_context():
        assert tokens.authenticate(secret) is not None
    admin = build.user(build.org("buyer", name="Operators"), "admin")
    operator = login(admin)
    assert secret[:10] in operator.get("/admin/api-tokens").get_data(as_text=True)
    assert operator.post(f"/account/api-tokens/{token_id}/revoke").status_code == 302
    with app.app_context():
        assert tokens.authenticate(secret) is None
        row = db.session.get(ApiToken, token_id)
        assert row.revoked_by == admin.id


def test_a_deactivated_users_token_opens_nothing(app, build, login):
    user = build.user(build.org("buyer"), "procurement")
    secret = _create(login(user))
    with app.app_context():
        db.session.execute(sa.update(type(user)).values(is_active=False))
        db.session.commit()
        assert tokens.authenticate(secret) is None
