"""Assessment journeys: open and invite, answer (draft, submit), thread, decision, roles and tenants."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from portal.models import Assessment, AuditEvent, Comment, Invitation, Response

from . import assessment_fixtures
from .assessment_fixtures import audit_actions, fill_required, query

parties = assessment_fixtures.parties


def _assessment(app, assessment_id):
    [row] = query(app, sa.select(Assessment).where(Assessment.id == assessment_id))
    return row


def test_procurement_opens_an_assessment_and_invites_the_supplier(app, login, parties):
    client = login(parties.procurement)
    form = client.get("/assessments/new")
    assert form.status_code == 200 and b'name="product"' in form.data
    response = client.post(
        "/assessments/new",
        data={
            "supplier_name": "Acme Voice",
            "supplier_legal_name": "Acme Voice Ltd",
            "product": "Acme VoiceAgent",
            "product_aliases": "VoiceAgent platform\n\nVoiceAgent platform",
            "required_regions": ["EU", "UK"],
            "other_regions": "Switzerland",
            "template_key": "iso42001-supplier",
            "supplier_emails": "a@acme.example\nb@acme.example",
        },
        follow_redirects=True,
    )
    assert response.status_code == 200
    [created] = query(app, sa.select(Assessment).where(Assessment.supplier_name == "Acme Voice"))
    assert created.buyer_org_id == parties.procurement.organisation_id
    assert created.product_aliases == ["VoiceAgent platform"]
    assert created.required_regions == ["EU", "UK", "Switzerland"]
    assert created.status == "invited" and created.template_version
    invitations = query(app, sa.select(Invitation).where(Invitation.assessment_id == created.id))
    assert sorted(i.email for i in invitations) == ["a@acme.example", "b@acme.example"]
    assert len(re.findall(rb'readonly value="http://localhost/invitations/[^"]+"', response.data)) == 2
    assert {"assessment.create", "invitation.created"} <= set(audit_actions(app))


def test_opening_an_assessment_needs_supplier_and_product(app, login, parties):
    response = login(parties.procurement).post("/assessments/new", data={"template_key": "iso42001-supplier"})
    assert response.status_code == 400 and b"This field is required" in response.data
    assert len(query(app, sa.select(Assessment))) == 2


def test_invite_one_more_supplier_user(app, login, parties):
    client = login(parties.procurement)
    bad = client.post(f"/assessments/{parties.assessment.id}/invitations", data={"email": "not-an-email"})
    assert bad.status_code == 302
    ok = client.post(
        f"/assessments/{parties.assessment.id}/invitations",
        data={"email": "new@s.example"},
        follow_redirects=True,
    )
    assert b"new@s.example invited" in ok.data and b"Invitation link for new@s.example" in ok.data
    assert [i.email for i in query(app, sa.select(Invitation))] == ["new@s.example"]


def _questionnaire_fields(page: bytes) -> set[str]:
    return set(re.findall(rb'name="(q_[a-z0-9_]+)', page))


def test_supplier_saves_a_draft_resumes_it_then_submits(app, login, parties):
    client = login(parties.supplier)
    url = f"/assessments/{parties.assessment.id}/questionnaire"
    page = client.get(url)
    assert page.status_code == 200
    names = _questionnaire_fields(page.data)
    assert b'type="radio"' in page.data and b'type="date"' in page.data and b"Supplier 1 name" in page.data
    draft = client.post(
        url,
        data={
            "save_draft": "1",
            "q_supply_chain_in_scope": "no",
            "q_ai_suppliers-0-name": "Deepgram",
            "q_ai_suppliers-0-role": "ASR",
        },
    )
    assert draft.status_code == 302, draft.data[-2000:]
    [saved] = query(app, sa.select(Response))
    assert saved.submitted_at is None and saved.answers["supply_chain_in_scope"] == "no"
    assert saved.answers["ai_suppliers"] == [{"name": "Deepgram", "role": "ASR"}]
    resumed = client.get(url)
    assert b'value="Deepgram"' in resumed.data and b"Add another supplier" in resumed.data
    assert b"Supplier 2 name" not in resumed.data  # rows are added on purpose, not by every save
    assert _assessment(app, parties.assessment.id).status == "in_progress"
    assert "q_supply_chain_in_scope" in {n.decode() for n in names}


def test_submitting_without_required_answers_is_refused(app, login, parties):
    client = login(parties.supplier)
    url = f"/assessments/{parties.assessment.id}/questionnaire"
    response = client.post(url, data={"submit_answers": "1", "q_supply_chain_in_scope": "yes"})
    assert response.status_code == 400 and b"This answer is required" in response.data
    assert query(app, sa.select(Response)) == []
    assert _assessment(app, parties.assessment.id).status != "submitted"


def test_submitting_every_required_answer(app, login, parties):
    client = login(parties.supplier)
    url = f"/assessments/{parties.assessment.id}/questionnaire"
    page = client.get(url).data.decode()
    data = {"submit_answers": "1", **fill_required(page)}
    response = client.post(url, data=data)
    assert response.status_code == 302, response.data.decode()[-3000:]
    [saved] = query(app, sa.select(Response))
    assert saved.submitted_at is not None
    assert _assessment(app, parties.assessment.id).status == "submitted"
    assert "response.submit" in audit_actions(app)


def test_thread_both_sides_see_and_legal_reads(app, login, parties):
    login(parties.procurement).post(
        f"/assessments/{parties.assessment.id}/comments", data={"body": "Is the LLM provider in scope?"}
    )
    login(parties.supplier).post(
        f"/assessments/{parties.assessment.id}/comments", data={"body": "Yes, see page 2."}
    )
    for who in (parties.procurement, parties.supplier, parties.legal):
        page = login(who).get(f"/assessments/{parties.assessment.id}").data
        assert b"Is the LLM provider in scope?" in page and b"Yes, see page 2." in page
    assert len(query(app, sa.select(Comment))) == 2
    assert audit_actions(app).count("comment.add") == 2


def test_accept_and_reject_need_a_reason(app, login, parties):
    client = login(parties.procurement)
    url = f"/assessments/{parties.assessment.id}/decision"
    client.post(url, data={"decision": "accepted", "reason": ""})
    assert _assessment(app, parties.assessment.id).status == "in_progress"
    client.post(url, data={"decision": "rejected", "reason": "Supply chain excluded from scope."})
    decided = _assessment(app, parties.assessment.id)
    assert decided.status == "rejected" and decided.decision_reason == "Supply chain excluded from scope."
    assert decided.decided_by == parties.procurement.id and decided.decided_at is not None
    [event] = query(app, sa.select(AuditEvent).where(AuditEvent.action == "assessment.decide"))
    assert event.user_id == parties.procurement.id and event.details["decision"] == "rejected"
    page = login(parties.supplier).get(f"/assessments/{parties.assessment.id}").data
    assert b"Supply chain excluded from scope." in page
    # once decided, the supplier can no longer change the answers
    assert (
        login(parties.supplier).get(f"/assessments/{parties.assessment.id}/questionnaire").status_code == 403
    )


def _post_routes(a: int) -> list[tuple[str, dict]]:
    return [
        ("/assessments/new", {"supplier_name": "X", "product": "Y", "template_key": "iso42001-supplier"}),
        (f"/assessments/{a}/invitations", {"email": "x@example.com"}),
        (f"/assessments/{a}/questionnaire", {"save_draft": "1"}),
        (f"/assessments/{a}/documents", {"role": "certificate"}),
        (f"/assessments/{a}/comments", {"body": "hello"}),
        (f"/assessments/{a}/decision", {"decision": "accepted", "reason": "fine"}),
    ]


def test_legal_cannot_post_anything(app, login, build, parties):
    doc = build.document(
        parties.assessment, parties.supplier, extraction={"kind": "certificate", "holder": "H"}
    )
    client = login(parties.legal)
    before = audit_actions(app)
    doc_routes = [
        (
            f"/assessments/{parties.assessment.id}/documents/{doc.id}/corrections",
            {"field": "holder", "value": "X", "reason": "y"},
        ),
        (f"/assessments/{parties.assessment.id}/documents/{doc.id}/parse", {}),
    ]
    for url, data in _post_routes(parties.assessment.id) + doc_routes:
        assert client.post(url, data=data).status_code == 403, url
    assert audit_actions(app) == before
    for url in (
        f"/assessments/{parties.assessment.id}",
        f"/assessments/{parties.assessment.id}/documents/{doc.id}",
    ):
        page = client.get(url)
        assert page.status_code == 200 and b'action="/assessments' not in page.data, url


def test_supplier_cannot_see_or_touch_another_suppliers_assessment(app, login, parties):
    client = login(parties.other_supplier)
    a = parties.assessment.id
    for url in (f"/assessments/{a}", f"/assessments/{a}/questionnaire", f"/assessments/{a}/documents"):
        assert client.get(url).status_code == 404, url
    for url, data in _post_routes(a)[2:5]:
        assert client.post(url, data=data).status_code == 404, url
    listing = client.get("/assessments/").data
    assert b"Other Product" in listing and b"Harbourline" not in listing  # suppliers see buyer and product


@pytest.mark.parametrize("role", ["procurement", "legal"])
def test_other_buyers_see_nothing(app, login, build, parties, role):
    stranger = build.user(build.org("buyer"), role)
    client = login(stranger)
    assert client.get(f"/assessments/{parties.assessment.id}").status_code == 404
    assert b"Harbourline" not in client.get("/assessments/").data


def test_supplier_cannot_decide_or_invite(app, login, parties):
    client = login(parties.supplier)
    a = parties.assessment.id
    assert (
        client.post(f"/assessments/{a}/decision", data={"decision": "accepted", "reason": "x"}).status_code
        == 403
    )
    assert client.post(f"/assessments/{a}/invitations", data={"email": "x@example.com"}).status_code == 403
    assert client.get("/assessments/new").status_code == 403


def test_every_form_carries_a_csrf_token_and_posts_without_one_fail(app, login, parties):
    client = login(parties.procurement)  # signs in before CSRF is switched on
    app.config["WTF_CSRF_ENABLED"] = True
    page = client.get(f"/assessments/{parties.assessment.id}").data.decode()
    forms = re.findall(r"<form method=\"post\".*?</form>", page, flags=re.S)
    assert len(forms) >= 4 and all('name="csrf_token"' in f for f in forms)
    response = client.post(f"/assessments/{parties.assessment.id}/comments", data={"body": "no token"})
    assert response.status_code == 400
    assert query(app, sa.select(Comment)) == []


def test_labels_for_every_field_on_the_questionnaire(app, login, parties):
    page = login(parties.supplier).get(f"/assessments/{parties.assessment.id}/questionnaire").data.decode()
    ids = set(re.findall(r'<(?:input|select|textarea)[^>]*\sid="([^"]+)"', page)) - {"csrf_token"}
    labelled = set(re.findall(r'<label for="([^"]+)"', page))
    hidden = set(re.findall(r'<input[^>]*type="(?:hidden|submit)"[^>]*id="([^"]+)"', page))
    hidden |= set(re.findall(r'<input[^>]*id="([^"]+)"[^>]*type="(?:hidden|submit)"', page))
    assert ids - hidden - labelled == set()
