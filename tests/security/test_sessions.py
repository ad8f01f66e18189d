"""Item 2: sessions live on the server; a copied cookie is worthless once the session ends.

The session cookie carries an opaque id only; the session row is revoked on sign-out, on a
password change (every other session, and the current one gets a new id), by an operator, and
ends by itself after the idle and the absolute timeout.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import sqlalchemy as sa

from portal.extensions import db
from portal.models import utcnow

from .conftest import PASSWORD, STRONG, client_from, replay, session_cookie


def is_signed_in(client) -> bool:
    return client.get("/account").status_code == 200


def stored_sessions(app, user_id: int) -> list[dict]:
    with app.app_context():
        rows = db.session.execute(sa.text("SELECT * FROM user_sessions WHERE user_id = :u ORDER BY id"),
                                  {"u": user_id}).mappings().all()
        return [dict(r) for r in rows]


def age_sessions(app, user_id: int, **columns: dt.timedelta) -> None:
    """Move the user's session times into the past (what waiting would do)."""
    with app.app_context():
        for column, delta in columns.items():
            db.session.execute(sa.text(f"UPDATE user_sessions SET {column} = :t WHERE user_id = :u"),
                               {"t": utcnow() - delta, "u": user_id})
        db.session.commit()


def test_the_cookie_holds_an_opaque_id_kept_only_as_a_hash(app, login, buyer):
    client = login(buyer)
    cookie = session_cookie(client, app)
    assert cookie and "." not in cookie and len(cookie) >= 40  # not a signed client-side session
    rows = stored_sessions(app, buyer.id)
    assert [r["token_hash"] for r in rows] == [hashlib.sha256(cookie.encode()).hexdigest()]
    assert all(cookie not in str(value) for value in rows[0].values())


def test_replaying_the_cookie_after_sign_out_is_refused(app, login, buyer):
    client = login(buyer)
    stolen = session_cookie(client, app)
    assert client.post("/logout").status_code == 302
    thief = replay(app, stolen)
    assert thief.get("/account").status_code == 302
    assert thief.get("/account").headers["Location"].startswith("/login")


def test_replaying_a_cookie_copied_before_a_password_change_is_refused(app, login, buyer):
    client = login(buyer)
    other_device = login(buyer)
    stolen = session_cookie(client, app)
    changed = client.post("/account", data={"current": PASSWORD, "password": STRONG, "confirm": STRONG})
    assert changed.status_code == 302
    assert is_signed_in(client), "the session that changed the password stays signed in"
    assert session_cookie(client, app) != stolen, "the session id is renewed on a password change"
    assert not is_signed_in(replay(app, stolen))
    assert not is_signed_in(other_device)


def test_signing_in_issues_a_new_id_so_a_planted_one_is_useless(app, client, buyer):
    client.get("/login")
    planted = session_cookie(client, app)
    client.post("/login", data={"email": buyer.email, "password": PASSWORD})
    assert session_cookie(client, app) != planted
    if planted:
        assert not is_signed_in(replay(app, planted))


def test_idle_session_ends(app, login, buyer):
    client = login(buyer)
    idle = app.config["SESSION_IDLE_MINUTES"]
    age_sessions(app, buyer.id, last_seen_at=dt.timedelta(minutes=idle + 1))
    assert not is_signed_in(client)


def test_active_session_ends_at_the_absolute_timeout(app, login, buyer):
    client = login(buyer)
    hours = app.config["SESSION_ABSOLUTE_HOURS"]
    age_sessions(app, buyer.id, created_at=dt.timedelta(hours=hours, minutes=1))
    assert not is_signed_in(client)


def test_activity_keeps_a_session_alive(app, login, buyer):
    client = login(buyer)
    idle = app.config["SESSION_IDLE_MINUTES"]
    age_sessions(app, buyer.id, last_seen_at=dt.timedelta(minutes=idle - 2))
    assert is_signed_in(client)
    assert is_signed_in(client)


def test_the_sessions_page_lists_where_the_user_is_signed_in(app, build, buyer):
    laptop = client_from(app, "198.51.100.7")
    laptop.post("/login", data={"email": buyer.email, "password": PASSWORD},
                headers={"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"})
    phone = client_from(app, "203.0.113.9")
    phone.post("/login", data={"email": buyer.email, "password": PASSWORD},
               headers={"User-Agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Mobile Safari"})
    page = laptop.get("/account/sessions").get_data(as_text=True)
    assert "198.51.100.7" in page and "203.0.113.9" in page
    assert "Firefox" in page and "iPhone" in page
    assert "this browser" in page.lower()


def test_sign_out_one_other_session(app, buyer):
    laptop, phone = client_from(app, "198.51.100.7"), client_from(app, "203.0.113.9")
    for c in (laptop, phone):
        c.post("/login", data={"email": buyer.email, "password": PASSWORD})
    phone_id = [r["id"] for r in stored_sessions(app, buyer.id) if r["ip"] == "203.0.113.9"][0]
    response = laptop.post(f"/account/sessions/{phone_id}/revoke")
    assert response.status_code == 302
    assert not is_signed_in(phone)
    assert is_signed_in(laptop)


def test_sign_out_everywhere_else(app, login, buyer):
    here, there, elsewhere = login(buyer), login(buyer), login(buyer)
    assert here.post("/account/sessions/revoke-others").status_code == 302
    assert is_signed_in(here)
    assert not is_signed_in(there) and not is_signed_in(elsewhere)


def test_a_user_cannot_end_someone_elses_session(app, build, login, buyer):
    other = build.user(build.org("buyer"), "procurement")
    victim = login(other)
    victim_session = stored_sessions(app, other.id)[0]["id"]
    response = login(buyer).post(f"/account/sessions/{victim_session}/revoke")
    assert response.status_code == 404
    assert is_signed_in(victim)


def test_an_operator_can_sign_a_user_out_everywhere(app, build, login, buyer):
    operator = build.user(build.org("buyer", name="Operators"), "admin")
    victim = login(buyer)
    response = login(operator).post(f"/admin/users/{buyer.id}/sessions/revoke")
    assert response.status_code == 302
    assert not is_signed_in(victim)
    with app.app_context():
        actions = db.session.scalars(sa.text("SELECT action FROM audit_events")).all()
    assert "user.sessions_revoked" in actions


def test_deactivating_a_user_revokes_their_sessions(app, build, login, buyer):
    operator = build.user(build.org("buyer", name="Operators"), "admin")
    victim = login(buyer)
    stolen = session_cookie(victim, app)
    login(operator).post(f"/admin/users/{buyer.id}/active", data={"active-active": ""})
    assert all(r["revoked_at"] is not None for r in stored_sessions(app, buyer.id))
    assert not is_signed_in(replay(app, stolen))


def test_the_session_cookie_is_httponly_and_samesite(app, client, buyer):
    response = client.post("/login", data={"email": buyer.email, "password": PASSWORD})
    header = next(h for h in response.headers.getlist("Set-Cookie")
                  if h.startswith(app.config["SESSION_COOKIE_NAME"] + "="))
    assert "HttpOnly" in header
    assert re.search(r"SameSite=(Lax|Strict)", header)
