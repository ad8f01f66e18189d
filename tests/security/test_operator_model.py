"""Item 9: the instance operator (role `admin`) runs the instance but cannot quietly get into a tenant.

The operator never reads a tenant's assessments; anything that would let the operator (or anyone)
sign in to a tenant organisation — setting a tenant user's password, adding a user to it, giving
someone a role in it — is break-glass: it needs a stated reason, is recorded in that organisation's
own audit trail, signs the target out everywhere, and is announced to the organisation's users.
"""

from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, Organisation

from .conftest import PASSWORD, STRONG


def operator_of(build):
    return build.user(build.org("buyer", name="Instance operators"), "admin", email="ops@example.com")


def tenant_events(app, org_id: int) -> list[AuditEvent]:
    with app.app_context():
        events = list(db.session.scalars(sa.select(AuditEvent).where(AuditEvent.organisation_id == org_id)))
        for event in events:
            db.session.expunge(event)
        return events


def test_the_operator_cannot_open_a_tenants_assessments(build, login, buyer):
    assessment = build.assessment(buyer)
    client = login(operator_of(build))
    for url in (f"/assessments/{assessment.id}", "/assessments/"):
        assert client.get(url).status_code in (403, 404)


def test_resetting_a_tenant_users_password_without_a_reason_is_refused(build, login, buyer, client):
    ops = login(operator_of(build))
    ops.post(f"/admin/users/{buyer.id}/password", data={"reset-password": STRONG})
    assert client.post("/login", data={"email": buyer.email, "password": STRONG}).status_code != 302
    assert client.post("/login", data={"email": buyer.email, "password": PASSWORD}).status_code == 302


def test_break_glass_reset_is_audited_for_the_tenant_and_ends_the_users_sessions(app, build, login, buyer):
    victim_session = login(buyer)
    ops = login(operator_of(build))
    response = ops.post(f"/admin/users/{buyer.id}/password", data={
        "reset-password": STRONG, "reset-reason": "Ticket 4711: user lost access, identity checked by phone"})
    assert response.status_code == 302
    assert victim_session.get("/account").status_code == 302
    events = [e for e in tenant_events(app, buyer.organisation_id) if e.action == "operator.break_glass"]
    assert len(events) == 1
    assert events[0].details["reason"].startswith("Ticket 4711")
    assert events[0].details["what"] == "password_reset"
    assert events[0].target_id == str(buyer.id)


def test_break_glass_is_announced_to_the_organisations_users(app, build, login, buyer, client):
    org_user = build.user(build.get(Organisation, buyer.organisation_id), "legal",
                          email="colleague@example.com")
    ops = login(operator_of(build))
    ops.post(f"/admin/users/{buyer.id}/password", data={
        "reset-password": STRONG, "reset-reason": "Ticket 4711: user lost access"})
    signed_in = client.post("/login", data={"email": org_user.email, "password": PASSWORD},
                            follow_redirects=True)
    page = signed_in.get_data(as_text=True)
    assert "operator" in page.lower() and "Ticket 4711" in page
    account = client.get("/account/sessions").get_data(as_text=True)
    assert "Ticket 4711" in account


def test_other_tenants_do_not_see_the_announcement(app, build, login, buyer):
    bystander = build.user(build.org("buyer"), "procurement", email="bystander@example.com")
    ops = login(operator_of(build))
    ops.post(f"/admin/users/{buyer.id}/password", data={
        "reset-password": STRONG, "reset-reason": "Ticket 4711: user lost access"})
    page = login(bystander).get("/account/sessions").get_data(as_text=True)
    assert "Ticket 4711" not in page


def test_adding_a_user_to_a_tenant_needs_a_reason_and_is_announced(app, build, login, buyer):
    ops = login(operator_of(build))
    data = {"organisation_id": buyer.organisation_id, "email": "new.person@example.com", "name": "New Person",
            "role": "legal", "password": STRONG}
    refused = ops.post("/admin/users", data=data)
    assert refused.status_code == 400 and b"new.person@example.com added" not in refused.data
    added = ops.post("/admin/users", data={**data, "reason": "Onboarding requested by Bella Buyer"})
    assert added.status_code == 302
    actions = [(e.action, e.details.get("what")) for e in tenant_events(app, buyer.organisation_id)]
    assert ("operator.break_glass", "user_created") in actions


def test_an_operator_can_still_manage_fellow_operators_without_break_glass(app, build, login):
    operator = operator_of(build)
    colleague = build.user(build.get(Organisation, operator.organisation_id), "admin",
                           email="ops2@example.com")
    ops = login(operator)
    response = ops.post(f"/admin/users/{colleague.id}/password", data={"reset-password": STRONG})
    assert response.status_code == 302
    signed_in = app.test_client().post("/login", data={"email": colleague.email, "password": STRONG})
    assert signed_in.status_code == 302


def test_tenant_users_cannot_reach_operator_pages(build, login, buyer):
    client = login(buyer)
    for url in ("/admin/", "/admin/users", f"/admin/users/{buyer.id}", "/admin/audit"):
        assert client.get(url).status_code == 403
    assert client.post(f"/admin/users/{buyer.id}/sessions/revoke").status_code in (403, 404)
