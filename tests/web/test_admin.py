"""Admin pages: organisations, users and roles, accreditation bodies (view, add, import CSV)."""

from __future__ import annotations

import io
from typing import Any

import pytest
import sqlalchemy as sa

from portal.admin.accreditation import registry_from_db
from portal.extensions import db
from portal.models import AccreditationBodyRecord, AuditEvent, Organisation, User

from .builders import PASSWORD
from .conftest import sign_in

ADMIN_PAGES = ["/admin/", "/admin/organisations", "/admin/users", "/admin/accreditation-bodies",
               "/admin/audit", "/admin/accreditation-bodies.csv"]


@pytest.fixture
def admin(build):
    return build.user(build.org("buyer", name="Operators"), "admin", email="admin@example.com")


@pytest.fixture
def admin_client(login, admin):
    return login(admin)


def _events(app, action: str) -> list[AuditEvent]:
    with app.app_context():
        return list(db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)))


@pytest.mark.parametrize("role", ["procurement", "legal", "supplier"])
def test_admin_pages_are_for_admins_only(build, login, role):
    org = build.org("supplier" if role == "supplier" else "buyer")
    client = login(build.user(org, role))
    for page in ADMIN_PAGES:
        assert client.get(page).status_code == 403, page


def test_admin_pages_render_for_an_admin(admin_client):
    for page in ADMIN_PAGES:
        assert admin_client.get(page).status_code == 200, page


def test_add_organisation_and_refuse_a_duplicate_name(admin_client, app):
    response = admin_client.post("/admin/organisations", data={"name": "  Acme   Voice ", "kind": "supplier"})
    assert response.status_code == 302
    again = admin_client.post("/admin/organisations", data={"name": "Acme Voice", "kind": "buyer"})
    assert b"already exists" in again.data
    with app.app_context():
        names = db.session.scalars(sa.select(Organisation.name).where(Organisation.kind == "supplier")).all()
    assert names == ["Acme Voice"]
    assert _events(app, "organisation.created")[0].details == {"name": "Acme Voice", "kind": "supplier"}


def test_add_user_who_can_then_sign_in(admin_client, build, app, client):
    org = build.org("buyer")
    response = admin_client.post("/admin/users", data={
        "organisation_id": org.id, "email": "New.Person@Example.com", "name": "New Person",
        "role": "legal", "password": "a long enough password", "reason": "Onboarding ticket 12"})
    assert response.status_code == 302
    assert sign_in(client, "new.person@example.com", "a long enough password").status_code == 302
    assert _events(app, "user.created")


@pytest.mark.parametrize("kind, role", [("supplier", "procurement"), ("supplier", "legal"),
                                        ("buyer", "supplier")])
def test_role_must_fit_the_organisations_kind(admin_client, build, app, kind, role):
    org = build.org(kind)
    response = admin_client.post("/admin/users", data={
        "organisation_id": org.id, "email": "x@example.com", "name": "X", "role": role,
        "password": "a long enough password"})
    assert b"is for" in response.data
    with app.app_context():
        assert db.session.scalar(sa.select(User).where(User.email == "x@example.com")) is None


def test_weak_initial_password_is_refused(admin_client, build):
    org = build.org("buyer")
    response = admin_client.post("/admin/users", data={
        "organisation_id": org.id, "email": "x@example.com", "name": "X", "role": "legal",
        "password": "short"})
    assert b"at least 12 characters" in response.data


def test_role_change_is_audited_with_old_and_new(admin_client, build, app):
    user = build.user(build.org("buyer"), "legal")
    admin_client.post(f"/admin/users/{user.id}", data={"role-role": "procurement", "role-submit": "1",
                                                       "role-reason": "Requested by their manager, ticket 9"})
    assert build.get(User, user.id).role == "procurement"
    [event] = _events(app, "user.role_changed")
    assert (event.target_id, event.details) == (str(user.id), {"old": "legal", "new": "procurement"})


def test_admin_cannot_drop_their_own_admin_role(admin_client, admin, build):
    admin_client.post(f"/admin/users/{admin.id}", data={"role-role": "procurement", "role-submit": "1"})
    assert build.get(User, admin.id).role == "admin"


def test_deactivated_user_is_signed_out_and_cannot_sign_in(admin_client, build, login, client):
    user = build.user(build.org("buyer"), "procurement")
    their_session = login(user)
    admin_client.post(f"/admin/users/{user.id}/active", data={"active-submit": "1"})  # box unticked
    assert build.get(User, user.id).is_active is False
    assert their_session.get("/account").status_code == 302
    assert sign_in(client, user.email, PASSWORD).status_code == 401


def test_password_reset_by_the_operator_lets_the_user_sign_in_with_it(admin_client, build, app, client):
    user = build.user(build.org("buyer"), "procurement")
    admin_client.post(f"/admin/users/{user.id}/password", data={"reset-password": "a brand new secret",
                                                               "reset-reason": "Ticket 77: locked out"})
    assert sign_in(client, user.email, "a brand new secret").status_code == 302


def test_accreditation_list_starts_from_the_shipped_bodies(admin_client):
    page = admin_client.get("/admin/accreditation-bodies").data
    assert b"UKAS" in page and b"United Kingdom Accreditation Service" in page


def test_adding_a_body_keeps_the_shipped_list_and_scoring_recognises_it(admin_client, app):
    response = admin_client.post("/admin/accreditation-bodies", data={
        "acronym": "XAB", "name": "Examplestan Accreditation Board", "country": "Examplestan",
        "aliases": "Examplestan National Accreditation | XAB Board"})
    assert response.status_code == 302
    with app.app_context():
        registry = registry_from_db()
        assert registry.match("Examplestan Accreditation Board").acronym == "XAB"
        assert registry.match("UKAS").acronym == "UKAS"
        record = db.session.scalar(sa.select(AccreditationBodyRecord)
                                   .where(AccreditationBodyRecord.acronym == "XAB"))
        assert record.aliases == ["Examplestan National Accreditation", "XAB Board"]
    duplicate = admin_client.post("/admin/accreditation-bodies", data={
        "acronym": "ukas", "name": "Someone", "country": "X"})
    assert b"already on the list" in duplicate.data


def _upload_csv(client, text: str, replace: bool = False):
    data: dict[str, Any] = {"file": (io.BytesIO(text.encode()), "bodies.csv")}
    if replace:
        data["replace"] = "y"
    return client.post("/admin/accreditation-bodies/import", data=data, content_type="multipart/form-data",
                       follow_redirects=True)


def test_import_csv_merges_by_acronym(admin_client, app):
    csv_text = ("acronym,name,country,aliases\n"
                "UKAS,United Kingdom Accreditation Service (renamed),United Kingdom,\n"
                "ZZA,Zedland Accreditation Authority,Zedland,ZAA|Zedland Accreditation\n")
    response = _upload_csv(admin_client, csv_text)
    assert b"1 added, 1 updated, 0 removed" in response.data
    with app.app_context():
        assert registry_from_db().match("Zedland Accreditation Authority").acronym == "ZZA"
        count = db.session.scalar(sa.select(sa.func.count()).select_from(AccreditationBodyRecord))
        assert count > 10  # the shipped list is still there
    assert _events(app, "accreditation.imported")


def test_import_csv_can_replace_the_list(admin_client, app):
    csv_text = "acronym,name,country,aliases\nZZA,Zedland Accreditation Authority,Zedland,\n"
    response = _upload_csv(admin_client, csv_text, replace=True)
    assert b"1 added" in response.data
    with app.app_context():
        acronyms = db.session.scalars(sa.select(AccreditationBodyRecord.acronym)).all()
        assert acronyms == ["ZZA"]
        assert registry_from_db().match("United Kingdom Accreditation Service") is None


def test_bad_csv_is_refused_with_the_reason(admin_client, app):
    response = _upload_csv(admin_client, "acronym,name,country,aliases\n,No acronym,Nowhere,\n")
    assert b"could not be read" in response.data
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(AccreditationBodyRecord)) == 0


def test_exported_csv_imports_back(admin_client):
    exported = admin_client.get("/admin/accreditation-bodies.csv")
    assert exported.mimetype == "text/csv"
    response = _upload_csv(admin_client, exported.get_data(as_text=True))
    assert b"0 updated" not in response.data and b"Imported" in response.data


def test_audit_log_page_lists_events(admin_client, build):
    build.user(build.org("buyer"), "legal")
    admin_client.post("/admin/organisations", data={"name": "Audited Org", "kind": "buyer"})
    page = admin_client.get("/admin/audit").data
    assert b"organisation.created" in page and b"admin@example.com" in page


def test_audit_log_filters_by_action_prefix(admin_client, build):
    admin_client.post("/admin/organisations", data={"name": "Audited Org", "kind": "buyer"})
    def table(url: str) -> bytes:  # the rows, not the list of actions offered in the filter
        return admin_client.get(url).data.split(b"<tbody>", 1)[1]

    page = table("/admin/audit?action=organisation.")
    assert b"organisation.created" in page and b"login.succeeded" not in page
    assert b"login.succeeded" in table("/admin/audit?action=login")
