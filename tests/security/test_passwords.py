"""Item 4: weak, breached and personal passwords are refused everywhere a password is chosen.

Checked through every form that sets a password (own change, invitation acceptance, operator's
new user), and the strength meter's feedback endpoint.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import User

from .conftest import PASSWORD, STRONG

WEAK = ["password12", "qwertyuiop", "passwordpassword", "Password1!", "short pw 1", "aaaaaaaaaaaaaaaa",
        "123456789012345", "qwertyuiopasdfgh", "Password1!Password1!"]
# In the shipped breached list (top 100,000), long enough and varied enough to pass every other rule:
# only the list refuses them.
BREACHED = ["badiman28200", "6215mila6215", "love777321777", "josephphone7", "Findaupair007",
            "mishaoooyeah"]


def account_exists(build, email: str) -> bool:
    with build.app.app_context():
        return db.session.scalar(sa.select(User.id).where(User.email == email)) is not None


def change(client, new: str):
    return client.post("/account", data={"current": PASSWORD, "password": new, "confirm": new})


def refused(response) -> bool:
    return response.status_code == 400 and b"Password changed" not in response.data  # a refused form


@pytest.mark.parametrize("weak", WEAK + BREACHED)
def test_weak_or_breached_password_is_refused_on_change(login, buyer, weak):
    response = change(login(buyer), weak)
    assert refused(response), weak


@pytest.mark.parametrize("breached", BREACHED)
def test_breached_password_is_refused_whatever_its_case(login, buyer, breached):
    assert refused(change(login(buyer), breached.swapcase()))


def test_the_users_own_email_and_name_are_refused(login, build):
    user = build.user(build.org("buyer"), "procurement", email="margaret.hamilton@apollo.example",
                      name="Margaret Hamilton")
    client = login(user)
    for personal in ("margaret.hamilton@apollo.example", "MargaretHamilton1969",
                     "margaret.hamilton!!", "apollo.example 2024", "hamilton margaret"):
        assert refused(change(client, personal)), personal


def test_a_strong_password_is_accepted_and_works(login, buyer, client):
    assert change(login(buyer), STRONG).status_code == 302
    assert client.post("/login", data={"email": buyer.email, "password": STRONG}).status_code == 302


def test_the_refusal_says_why(login, buyer):
    page = change(login(buyer), "password12").get_data(as_text=True)
    assert "12 characters" in page
    page = change(login(buyer), "badiman28200").get_data(as_text=True)
    assert "breach" in page.lower()


def test_invitation_acceptance_refuses_weak_and_personal_passwords(client, build, buyer):
    assessment = build.assessment(buyer)
    _, token = build.invitation(assessment, buyer, email="sam.supplier@vendor.example")
    for bad in ("passwordpassword", "sam.supplier@vendor.example", "josephphone7"):
        response = client.post(f"/invitations/{token}",
                               data={"name": "Sam Supplier", "password": bad, "confirm": bad})
        assert response.status_code == 400, bad
        assert not account_exists(build, "sam.supplier@vendor.example"), bad
    ok = client.post(f"/invitations/{token}",
                     data={"name": "Sam Supplier", "password": STRONG, "confirm": STRONG})
    assert ok.status_code == 302


def test_an_operator_cannot_give_a_new_user_a_weak_password(build, login):
    operator = build.user(build.org("buyer", name="Operators"), "admin")
    org = build.org("buyer")
    response = login(operator).post("/admin/users", data={
        "organisation_id": org.id, "email": "new@example.com", "name": "New Person", "role": "procurement",
        "password": "passwordpassword"})
    assert response.status_code == 400
    assert b"new@example.com added" not in response.data


def test_strength_meter_gives_feedback(login, buyer, client):
    weak = client.post("/password-strength", data={"password": "passwordpassword"})
    assert weak.status_code == 200
    body = weak.get_json()
    assert body["acceptable"] is False and body["score"] <= 1 and body["problems"]
    strong = client.post("/password-strength", data={"password": STRONG})
    assert strong.get_json()["acceptable"] is True and strong.get_json()["score"] >= 3
    own = login(buyer).post("/password-strength", data={"password": "buyer@example.com"})
    assert own.get_json()["acceptable"] is False


def test_the_password_forms_load_the_meter(login, buyer):
    page = login(buyer).get("/account").get_data(as_text=True)
    assert "password-meter.js" in page
    assert 'data-strength-url="/password-strength"' in page
