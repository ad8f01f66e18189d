"""Security defaults: CSRF, cookies, error pages, secret key, role checks and tenant scoping."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from flask import Flask

from portal import create_app
from portal.audit import record
from portal.extensions import db
from portal.models import AuditEvent, User
from portal.security import roles_required, visible_assessments

from .builders import PASSWORD
from .conftest import sign_in, test_config


@pytest.fixture
def strict_app(tmp_path) -> Iterator[Flask]:
    """An app configured like production: CSRF on, exceptions not propagated."""
    app = create_app(test_config(tmp_path, WTF_CSRF_ENABLED=True, TESTING=False,
                                 MAX_CONTENT_LENGTH=1024))

    @app.route("/boom")
    def boom() -> str:
        raise RuntimeError("secret internals")

    with app.app_context():
        from .conftest import empty_database

        empty_database()
    yield app
    with app.app_context():
        db.engine.dispose()


def _csrf_token(html: bytes) -> str:
    match = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert match, "form has no CSRF token"
    return match.group(1).decode()


def test_form_post_without_csrf_token_is_refused(strict_app):
    response = strict_app.test_client().post("/login", data={"email": "a@b.c", "password": "x"})
    assert response.status_code == 400
    assert b"The form expired or was not sent from this site" in response.data


def test_form_post_with_csrf_token_is_accepted(strict_app):
    client = strict_app.test_client()
    token = _csrf_token(client.get("/login").data)
    response = client.post("/login", data={"email": "a@b.c", "password": "x", "csrf_token": token})
    assert response.status_code == 401  # reached the credential check


def test_unexpected_error_shows_a_friendly_page_without_internals(strict_app):
    response = strict_app.test_client().get("/boom")
    assert response.status_code == 500
    assert b"Something went wrong" in response.data
    assert b"secret internals" not in response.data
    assert b"Traceback" not in response.data


def test_not_found_page_is_friendly(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert b"<h1>Not found</h1>" in response.data


def test_oversized_request_is_refused_with_a_clear_page(strict_app):
    response = strict_app.test_client().post("/login", data={"email": "x" * 5000, "password": "y"})
    assert response.status_code == 413
    assert b"larger than" in response.data


def test_debug_mode_is_off(app):
    assert app.debug is False


def test_session_cookie_is_httponly_and_samesite_lax(client, build):
    user = build.user(build.org("buyer"))
    response = sign_in(client, user.email, PASSWORD)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_session_cookie_is_secure_over_https(tmp_path):
    app = create_app(test_config(tmp_path, PREFERRED_URL_SCHEME="https"))
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True


@pytest.mark.nopostgres
def test_secret_key_is_generated_once_and_kept_in_the_instance(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("CERTSCOPE_SECRET_KEY", raising=False)
    config = test_config(tmp_path)
    del config["SECRET_KEY"]
    first = create_app(dict(config)).config["SECRET_KEY"]
    second = create_app(dict(config)).config["SECRET_KEY"]
    assert first == second and len(first) >= 32
    key_file = tmp_path / "instance" / "secret_key"
    assert key_file.read_text() == first
    assert key_file.stat().st_mode & 0o077 == 0


def test_secret_key_from_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("CERTSCOPE_SECRET_KEY", "from-env")
    config = test_config(tmp_path)
    del config["SECRET_KEY"]
    assert create_app(config).config["SECRET_KEY"] == "from-env"


def test_roles_required_redirects_anonymous_and_refuses_other_roles(app, build, login):
    @roles_required("legal")
    def only_legal() -> str:
        return "legal page"

    app.add_url_rule("/only-legal", "only_legal", only_legal)
    org = build.org("buyer")
    anonymous = app.test_client().get("/only-legal")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    assert login(build.user(org, "procurement")).get("/only-legal").status_code == 403
    assert login(build.user(org, "legal")).get("/only-legal").data == b"legal page"


def test_visible_assessments_are_scoped_by_organisation_and_role(app, build):
    buyer_org, other_buyer_org = build.org("buyer"), build.org("buyer")
    supplier_org = build.org("supplier")
    procurement = build.user(buyer_org, "procurement")
    mine = build.assessment(procurement, supplier_org=supplier_org)
    build.assessment(build.user(other_buyer_org, "procurement"))
    users = {
        "procurement": procurement, "legal": build.user(buyer_org, "legal"),
        "supplier": build.user(supplier_org, "supplier"), "other": build.user(other_buyer_org, "legal"),
        "admin": build.user(buyer_org, "admin"),
    }
    with app.app_context():
        seen = {name: [a.id for a in db.session.scalars(visible_assessments(db.session.get(User, u.id)))]
                for name, u in users.items()}
    assert seen["procurement"] == seen["legal"] == seen["supplier"] == [mine.id]
    assert mine.id not in seen["other"] and len(seen["other"]) == 1
    assert seen["admin"] == []


def test_audit_record_names_actor_target_and_details(app, build):
    user = build.user(build.org("buyer"))
    with app.app_context():
        actor = db.session.get(User, user.id)
        event = record(actor, "user.role_changed", actor, old="legal", new="procurement")
        db.session.commit()
        stored = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.id == event.id))
        assert (stored.user_id, stored.organisation_id) == (user.id, user.organisation_id)
        assert (stored.action, stored.target_type, stored.target_id) == ("user.role_changed", "users",
                                                                          str(user.id))
        assert stored.details == {"old": "legal", "new": "procurement"}
        assert stored.at is not None


def test_pages_carry_security_headers(client, build, login):
    anonymous = client.get("/login")
    assert "frame-ancestors 'none'" in anonymous.headers["Content-Security-Policy"]
    assert anonymous.headers["X-Content-Type-Options"] == "nosniff"
    assert anonymous.headers["X-Frame-Options"] == "DENY"
    signed_in = login(build.user(build.org("buyer"))).get("/account")
    assert signed_in.headers["Cache-Control"] == "no-store"


def test_client_address_comes_from_the_proxy_only_when_configured(tmp_path):
    from flask import request

    for hops, expected in ((0, "127.0.0.1"), (1, "203.0.113.9")):
        app = create_app(test_config(tmp_path / str(hops), PROXY_FIX_HOPS=hops))
        app.add_url_rule("/ip", "ip", lambda: request.remote_addr or "")
        response = app.test_client().get("/ip", headers={"X-Forwarded-For": "203.0.113.9"})
        assert response.get_data(as_text=True) == expected


def test_audit_record_without_an_actor_names_the_organisation_given(app):
    with app.app_context():
        event = record(None, "accreditation.seeded", ("registry", "default"), organisation_id=None, count=3)
        assert (event.user_id, event.target_type, event.target_id) == (None, "registry", "default")
        assert event.details == {"count": 3}


def test_document_or_404_refuses_another_tenants_document(app, build):
    from werkzeug.exceptions import NotFound

    from portal.security import document_or_404

    buyer_org, supplier_org = build.org("buyer"), build.org("supplier")
    procurement, supplier = build.user(buyer_org, "procurement"), build.user(supplier_org, "supplier")
    document = build.document(build.assessment(procurement, supplier_org), supplier)
    stranger = build.user(build.org("buyer"), "procurement")
    with app.test_request_context():
        assert document_or_404(document.id, db.session.get(User, procurement.id)).id == document.id
        assert document_or_404(document.id, db.session.get(User, supplier.id)).id == document.id
        with pytest.raises(NotFound):
            document_or_404(document.id, db.session.get(User, stranger.id))


def test_trusted_hosts_from_the_environment_refuse_other_hosts(tmp_path, monkeypatch):
    monkeypatch.setenv("TRUSTED_HOSTS", "portal.example.com, localhost")
    app = create_app(test_config(tmp_path, TESTING=False))
    client = app.test_client()
    assert client.get("/login", headers={"Host": "portal.example.com"}).status_code == 200
    assert client.get("/login", headers={"Host": "evil.example"}).status_code == 400
