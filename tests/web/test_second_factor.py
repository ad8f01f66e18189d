"""The optional second factor: set up with a QR code, asked for at sign-in, recovery codes, turned off."""

from __future__ import annotations

import re
import time
from typing import Any

import pyotp
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.extensions import db
from portal.models import AuditEvent, RecoveryCode, User

from .builders import PASSWORD
from .conftest import sign_in


def enrol(client: FlaskClient) -> tuple[str, list[str]]:
    """Turn the second factor on through the pages; return the secret and the recovery codes shown."""
    assert client.post("/account/two-factor/start").status_code == 302
    page = client.get("/account/two-factor").get_data(as_text=True)
    assert "<svg" in page
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)  # type: ignore[union-attr]
    done = client.post("/account/two-factor/confirm", data={"code": pyotp.TOTP(secret).now()})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([0-9a-f-]{23})</code></li>", done.get_data(as_text=True))
    return secret, codes


def next_code(secret: str, steps: int = 1) -> str:
    """The code of a coming time step (within the allowed drift), not yet used."""
    return pyotp.TOTP(secret).at(time.time() + 30 * steps)


@pytest.fixture
def enrolled(app: Flask, build: Any, login: Any) -> tuple[User, str, list[str]]:
    user = build.user(build.org())
    secret, codes = enrol(login(user))
    return user, secret, codes


def _user(app: Flask, user_id: int) -> User:
    with app.app_context():
        row = db.session.get(User, user_id)
        assert row is not None
        db.session.expunge(row)
        return row


def test_setting_up_shows_a_local_qr_code_and_the_key_then_recovery_codes_once(
        app: Flask, build: Any, login: Any) -> None:
    user = build.user(build.org())
    client = login(user)
    assert "Off." in client.get("/account/two-factor").get_data(as_text=True)
    secret, codes = enrol(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = _user(app, user.id)
    assert stored.totp_secret == secret and stored.totp_enabled_at is not None
    with app.app_context():
        hashes = db.session.scalars(sa.select(RecoveryCode.code_hash)
                                    .where(RecoveryCode.user_id == user.id)).all()
    assert len(hashes) == 10 and not set(codes) & set(hashes)  # stored hashed, never as shown
    page = client.get("/account/two-factor").get_data(as_text=True)
    assert "On since" in page and codes[0] not in page  # shown once


def test_a_wrong_code_does_not_turn_it_on(app: Flask, build: Any, login: Any) -> None:
    user = build.user(build.org())
    client = login(user)
    client.post("/account/two-factor/start")
    page = client.get("/account/two-factor").get_data(as_text=True)
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)  # type: ignore[union-attr]
    wrong = pyotp.TOTP(secret).at(time.time() + 600)
    response = client.post("/account/two-factor/confirm", data={"code": wrong}, follow_redirects=True)
    assert "does not match" in response.get_data(as_text=True)
    assert _user(app, user.id).totp_secret is None


def test_sign_in_asks_for_the_code_and_only_the_right_one_lets_in(
        app: Flask, enrolled: tuple[User, str, list[str]]) -> None:
    user, secret, _ = enrolled
    client = app.test_client()
    response = sign_in(client, user.email)
    assert response.status_code == 302 and response.headers["Location"].endswith("/login/code")
    assert client.get("/account").status_code == 302  # the password alone did not sign in
    assert client.post("/login/code", data={"code": "000000"}).status_code == 401
    assert client.post("/login/code", data={"code": next_code(secret)}).status_code == 302
    assert client.get("/account").status_code == 200
    with app.app_context():
        actions = db.session.scalars(sa.select(AuditEvent.action).where(AuditEvent.user_id == user.id)).all()
    assert "login.second_factor_failed" in actions and "login.password_accepted" in actions


def test_a_code_cannot_be_used_twice(app: Flask, enrolled: tuple[User, str, list[str]]) -> None:
    user, secret, _ = enrolled
    code = next_code(secret)
    first = app.test_client()
    sign_in(first, user.email)
    assert first.post("/login/code", data={"code": code}).status_code == 302
    second = app.test_client()
    sign_in(second, user.email)
    assert second.post("/login/code", data={"code": code}).status_code == 401
    assert second.get("/account").status_code == 302


def test_the_enrolment_code_cannot_be_replayed_at_sign_in(
        app: Flask, build: Any, login: Any) -> None:
    user = build.user(build.org())
    client = login(user)
    client.post("/account/two-factor/start")
    page = client.get("/account/two-factor").get_data(as_text=True)
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)  # type: ignore[union-attr]
    code = pyotp.TOTP(secret).now()
    client.post("/account/two-factor/confirm", data={"code": code})
    other = app.test_client()
    sign_in(other, user.email)
    assert other.post("/login/code", data={"code": code}).status_code == 401


def test_a_recovery_code_works_once(app: Flask, enrolled: tuple[User, str, list[str]]) -> None:
    user, _, codes = enrolled
    client = app.test_client()
    sign_in(client, user.email)
    assert client.post("/login/code", data={"code": codes[3].upper()}).status_code == 302
    again = app.test_client()
    sign_in(again, user.email)
    assert again.post("/login/code", data={"code": codes[3]}).status_code == 401


def test_turning_it_off_needs_the_password_and_a_code(
        app: Flask, enrolled: tuple[User, str, list[str]]) -> None:
    user, secret, codes = enrolled
    client = app.test_client()
    sign_in(client, user.email)
    client.post("/login/code", data={"code": codes[0]})  # leaves the next step's code unused
    wrong_password = {"password": "wrong password!", "code": next_code(secret)}
    client.post("/account/two-factor/disable", data=wrong_password)
    assert _user(app, user.id).has_second_factor
    client.post("/account/two-factor/disable", data={"password": PASSWORD, "code": "123456"})
    assert _user(app, user.id).has_second_factor
    client.post("/account/two-factor/disable", data={"password": PASSWORD, "code": next_code(secret)})
    assert not _user(app, user.id).has_second_factor
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(RecoveryCode.id))) == 0
    fresh = app.test_client()
    assert sign_in(fresh, user.email).headers["Location"].endswith("/")  # the password alone again


def test_guessing_codes_is_throttled_like_passwords(app: Flask,
                                                    enrolled: tuple[User, str, list[str]]) -> None:
    user, secret, _ = enrolled
    client = app.test_client()
    sign_in(client, user.email)
    statuses = [client.post("/login/code", data={"code": f"{n:06d}"}).status_code for n in range(12)]
    assert statuses[0] == 401 and statuses[-1] == 429
    blocked = client.post("/login/code", data={"code": next_code(secret)})
    assert blocked.status_code == 429  # even the right code waits: guessing cannot go on
    assert client.get("/account").status_code == 302


def test_the_code_step_expires(app: Flask, enrolled: tuple[User, str, list[str]],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    user, secret, _ = enrolled
    client = app.test_client()
    sign_in(client, user.email)
    later = time.time() + 301
    monkeypatch.setattr("portal.auth.totp_routes.time.time", lambda: later)
    response = client.post("/login/code", data={"code": next_code(secret)})
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")


def test_an_emailed_sign_in_link_still_asks_for_the_code(app: Flask, build: Any, login: Any) -> None:
    from portal.auth import links

    supplier = build.user(build.org("supplier"))
    secret, _ = enrol(login(supplier))
    with app.app_context():
        made = links.request_link(supplier.email, links.SIGN_IN)
        assert made is not None
        db.session.commit()
    client = app.test_client()
    used = client.post(f"/login/email/{made[1]}")
    assert used.status_code == 302 and used.headers["Location"].endswith("/login/code")
    assert client.get("/account").status_code == 302  # the link alone did not sign in
    assert client.post("/login/code", data={"code": next_code(secret)}).status_code == 302
    assert client.get("/account").status_code == 200


def test_the_operator_turns_it_off_only_with_a_stated_reason(
        app: Flask, build: Any, login: Any, enrolled: tuple[User, str, list[str]]) -> None:
    user, _, _ = enrolled
    operator = login(build.user(build.org(name="Operators"), role="admin"))
    page = operator.get(f"/admin/users/{user.id}").get_data(as_text=True)
    assert "Turn off two-step sign-in" in page
    refused = operator.post(f"/admin/users/{user.id}/two-factor/remove", data={"totp-reason": "x"},
                            follow_redirects=True)
    assert "state the reason" in refused.get_data(as_text=True)
    assert _user(app, user.id).has_second_factor
    operator.post(f"/admin/users/{user.id}/two-factor/remove", data={"totp-reason": "Ticket 812: phone lost"})
    assert not _user(app, user.id).has_second_factor
    with app.app_context():
        event = db.session.scalars(sa.select(AuditEvent)
                                   .where(AuditEvent.action == "operator.break_glass")).one()
    assert event.organisation_id == user.organisation_id and event.details["what"] == "second_factor_removed"
    assert sign_in(app.test_client(), user.email).headers["Location"].endswith("/")


def test_turning_it_on_signs_out_every_other_session(app: Flask, build: Any, login: Any) -> None:
    user = build.user(build.org())
    elsewhere = login(user)  # e.g. someone who had the password
    here = login(user)
    enrol(here)
    assert elsewhere.get("/account").status_code == 302
    assert here.get("/account").status_code == 200
