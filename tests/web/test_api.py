"""The REST API does what the pages do, for programs: same data, same operations, problem+json errors."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import ApiToken, Assessment, AuditEvent, Document, Invitation

from .api_helpers import call, make_token
from .builders import pdf_bytes


@pytest.fixture
def parties(build):
    buyer_org = build.org("buyer", name="Acme Buyer")
    supplier_org = build.org("supplier", name="Vendor Co")
    procurement = build.user(buyer_org, "procurement")
    supplier = build.user(supplier_org, "supplier")
    assessment = build.assessment(procurement, supplier_org, supplier_name="Vendor", product="Widget AI")
    return {"procurement": procurement, "legal": build.user(buyer_org, "legal"), "supplier": supplier,
            "assessment": assessment}


def test_the_list_follows_the_dashboards_filters_and_pages(app, build, client, parties):
    procurement = parties["procurement"]
    for n in range(3):
        build.assessment(procurement, supplier_name=f"Other {n}", product="Gizmo", rating="red")
    secret = make_token(app, procurement, ("read",))
    everything = call(client, "GET", "/api/v1/assessments?per_page=2", secret).get_json()
    assert everything["total"] == 4 and everything["pages"] == 2 and len(everything["items"]) == 2
    red = call(client, "GET", "/api/v1/assessments?rating=red&sort=supplier&dir=asc", secret).get_json()
    assert [r["supplier_name"] for r in red["items"]] == ["Other 0", "Other 1", "Other 2"]
    found = call(client, "GET", "/api/v1/assessments?q=widget", secret).get_json()
    assert [r["product"] for r in found["items"]] == ["Widget AI"]


def test_a_bad_filter_is_a_422_problem_naming_the_parameter(app, client, parties):
    secret = make_token(app, parties["procurement"], ("read",))
    response = call(client, "GET", "/api/v1/assessments?rating=purple", secret)
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == 422 and "rating" in str(body["errors"])


def test_procurement_opens_an_assessment_and_it_is_audited(app, client, parties):
    secret = make_token(app, parties["procurement"])
    response = call(client, "POST", "/api/v1/assessments", secret, json={
        "supplier_name": "New Vendor", "product": "Model X", "template_key": "iso42001-supplier",
        "required_regions": ["EU"], "response_due": "2027-01-31"})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["supplier_name"] == "New Vendor" and body["status"] == "draft" and body["flags"] == []
    with app.app_context():
        row = db.session.get(Assessment, body["id"])
        assert row.buyer_org_id == parties["procurement"].organisation_id
        event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "assessment.create"))
        token_id = db.session.scalar(sa.select(ApiToken.id))
        assert event.user_id == parties["procurement"].id and event.details["api_token"] == token_id


def test_an_unknown_template_is_refused_with_the_choices(app, client, parties):
    secret = make_token(app, parties["procurement"])
    response = call(client, "POST", "/api/v1/assessments", secret, json={
        "supplier_name": "V", "product": "P", "template_key": "no-such-template"})
    assert response.status_code == 422 and "iso42001-supplier" in response.get_json()["detail"]


def test_the_detail_carries_rating_flags_and_evidence(app, build, client, parties):
    flag = {"code": "scope.narrow", "severity": "high", "message": "Scope leaves the product out",
            "evidence": [{"document": "certificate", "page": 1, "quote": "Scope: hosting only"}]}
    build.scoring(parties["assessment"], rating="red", flags=[flag])
    secret = make_token(app, parties["legal"], ("read",))
    body = call(client, "GET", f"/api/v1/assessments/{parties['assessment'].id}", secret).get_json()
    assert body["flags"] == [flag]


def test_the_detail_opens_with_the_pages_verdict_and_each_sides_next_step(app, client, parties):
    aid = parties["assessment"].id
    bodies = {role: call(client, "GET", f"/api/v1/assessments/{aid}",
                         make_token(app, parties[role], ("read",))).get_json()["verdict"]
              for role in ("procurement", "supplier")}
    assert bodies["procurement"]["headline"].startswith("Not rated: the supplier has not uploaded")
    assert bodies["procurement"]["next_steps"] == [
        "ask the supplier to upload its ISO/IEC 42001 certificate and Statement of Applicability"]
    assert bodies["supplier"]["headline"].startswith("Not rated: you have not uploaded")
    assert bodies["supplier"]["next_steps"] == [
        "upload your ISO/IEC 42001 certificate and Statement of Applicability"]


def test_the_supplier_uploads_a_pdf_and_it_is_queued_like_the_pages_upload(app, client, parties):
    secret = make_token(app, parties["supplier"])
    aid = parties["assessment"].id
    data = {"role": "certificate", "file": (io.BytesIO(pdf_bytes("ISO/IEC 42001 certificate")), "cert.pdf")}
    response = call(client, "POST", f"/api/v1/assessments/{aid}/documents", secret, data=data,
                    content_type="multipart/form-data")
    assert response.status_code == 202, response.get_json()
    body = response.get_json()
    assert body["filename"] == "cert.pdf"
    assert response.headers["Location"].endswith(f"/documents/{body['id']}")
    again = call(client, "GET", response.headers["Location"], secret).get_json()
    assert again["id"] == body["id"] and again["state"] in ("queued", "reading", "read", "scored", "problems",
                                                            "failed")
    data = {"role": "certificate", "file": (io.BytesIO(b"not a pdf"), "x.pdf")}
    refused = call(client, "POST", f"/api/v1/assessments/{aid}/documents", secret, data=data,
                   content_type="multipart/form-data")
    assert refused.status_code == 422 and "Upload refused" in refused.get_json()["detail"]
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Document)) == 1


def test_a_multipart_part_without_a_readable_name_is_a_422_problem(app, client, parties):
    """A part named `"\\"` (an escaped quote) reaches the form keyed None, beside text keys."""
    secret = make_token(app, parties["supplier"])
    body = (b'--XX\r\nContent-Disposition: form-data; name="\x19\\"\r\n\r\n{"a": 1}\r\n'
            b'--XX\r\nContent-Disposition: form-data; name="extra"\r\n\r\n1\r\n'
            b'--XX\r\nContent-Disposition: form-data; name="role"\r\n\r\ncertificate\r\n--XX--\r\n')
    response = call(client, "POST", f"/api/v1/assessments/{parties['assessment'].id}/documents", secret,
                    data=body, content_type="multipart/form-data; boundary=XX")
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    errors = response.get_json()["errors"]["multipart"]
    assert {"(no name)", "extra", "file"} <= set(errors)


def test_the_supplier_saves_a_draft_then_submits_with_required_answers_enforced(app, client, parties):
    secret = make_token(app, parties["supplier"])
    url = f"/api/v1/assessments/{parties['assessment'].id}/answers"
    draft = call(client, "PUT", url, secret, json={"answers": {}, "submit": False})
    assert draft.status_code == 200 and draft.get_json()["submitted_at"] is None
    refused = call(client, "PUT", url, secret, json={"answers": {}, "submit": True})
    assert refused.status_code == 422 and "required" in refused.get_json()["detail"]
    unknown = call(client, "PUT", url, secret, json={"answers": {"no-such-question": "x"}})
    assert unknown.status_code == 422 and "unknown question" in unknown.get_json()["detail"]


def test_procurement_decides_with_a_reason(app, client, parties):
    secret = make_token(app, parties["procurement"])
    url = f"/api/v1/assessments/{parties['assessment'].id}/decision"
    response = call(client, "POST", url, secret,
                    json={"decision": "accepted", "reason": "Evidence holds.", "confirm": True})
    assert response.status_code == 200 and response.get_json()["status"] == "accepted"
    assert response.get_json()["decision"]["reason"] == "Evidence holds."
    blank = call(client, "POST", url, secret, json={"decision": "rejected", "reason": ""})
    assert blank.status_code == 422


def test_accepting_despite_risks_needs_the_confirmation_the_pages_ask_for(app, client, parties):
    """No documents, no answers, no rating: the API refuses as the page does, until `confirm` is sent."""
    secret = make_token(app, parties["procurement"])
    aid = parties["assessment"].id
    url = f"/api/v1/assessments/{aid}/decision"
    detail = call(client, "GET", f"/api/v1/assessments/{aid}", secret).get_json()
    risks = detail["decision"]["acceptance_risks"]
    assert "it is not rated" in risks and "no documents were provided" in risks  # known before deciding
    refused = call(client, "POST", url, secret, json={"decision": "accepted", "reason": "We know them."})
    assert refused.status_code == 422 and refused.mimetype == "application/problem+json"
    problem = refused.get_json()
    assert "confirm" in problem["detail"] and "it is not rated" in problem["detail"]
    assert "no documents were provided" in problem["errors"]["confirm"]
    assert "the supplier has not submitted its answers" in problem["errors"]["confirm"]
    with app.app_context():
        assert db.session.get(Assessment, aid).status != "accepted"
        decided = sa.select(AuditEvent).where(AuditEvent.action == "assessment.decide")
        assert not db.session.scalars(decided).all()
    unconfirmed = call(client, "POST", url, secret,
                       json={"decision": "accepted", "reason": "We know them.", "confirm": False})
    assert unconfirmed.status_code == 422
    done = call(client, "POST", url, secret, json={"decision": "accepted", "reason": "We know them.",
                                                   "confirm": True})
    assert done.status_code == 200 and done.get_json()["status"] == "accepted"
    assert done.get_json()["decision"]["acceptance_risks"] == []  # decided: nothing left to accept
    with app.app_context():
        [event] = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "assessment.decide"))
        assert "it is not rated" in event.details["risks_accepted"]


def test_rejecting_through_the_api_needs_no_confirmation(app, client, parties):
    secret = make_token(app, parties["procurement"])
    url = f"/api/v1/assessments/{parties['assessment'].id}/decision"
    done = call(client, "POST", url, secret, json={"decision": "rejected", "reason": "No evidence."})
    assert done.status_code == 200 and done.get_json()["status"] == "rejected"


def test_legal_gets_the_summary_as_json_and_pdf_and_the_portfolio_export(app, client, parties):
    secret = make_token(app, parties["legal"], ("read",))
    aid = parties["assessment"].id
    summary = call(client, "GET", f"/api/v1/assessments/{aid}/legal-summary?on=2026-12-01", secret)
    assert summary.status_code == 200 and summary.get_json()["computed_for"] == "2026-12-01"
    assert summary.get_json()["engagement"]["product"] == "Widget AI"
    pdf = call(client, "GET", f"/api/v1/assessments/{aid}/legal-summary.pdf", secret)
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    csv = call(client, "GET", "/api/v1/portfolio/export?format=csv", secret)
    assert csv.status_code == 200 and b"Widget AI" in csv.data
    xlsx = call(client, "GET", "/api/v1/portfolio/export?format=xlsx", secret)
    assert xlsx.status_code == 200 and xlsx.data.startswith(b"PK")
    supplier = make_token(app, parties["supplier"], ("read",))
    assert call(client, "GET", f"/api/v1/assessments/{aid}/legal-summary", supplier).status_code == 403


def test_a_call_records_the_tokens_last_use_and_a_session_cookie_opens_nothing(app, client, login, parties):
    secret = make_token(app, parties["procurement"], ("read",))
    assert call(client, "GET", "/api/v1/assessments", secret).status_code == 200
    with app.app_context():
        assert db.session.scalar(sa.select(ApiToken.last_used_at)) is not None
    browser = login(parties["procurement"])
    response = browser.get("/api/v1/assessments")
    assert response.status_code == 401 and response.mimetype == "application/problem+json"


def test_calls_beyond_the_limit_are_refused_with_429_problem(app, client, parties):
    app.config["API_RATE_LIMIT"] = "3 per minute"
    secret = make_token(app, parties["procurement"], ("read",))
    codes = [call(client, "GET", "/api/v1/assessments", secret).status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]
    response = call(client, "GET", "/api/v1/assessments", secret)
    assert response.mimetype == "application/problem+json" and response.headers.get("Retry-After")


def test_the_openapi_document_and_the_docs_are_served_without_a_cdn(client):
    spec = client.get("/api/v1/openapi.json")
    assert spec.status_code == 200 and spec.get_json()["openapi"].startswith("3.")
    assert "/api/v1/assessments" in spec.get_json()["paths"]
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert "openapi.json" in page and "https://" not in page
    assert client.get("/api/v1/docs/assets/swagger-ui-bundle.js").status_code == 200


def test_an_id_no_column_can_hold_is_not_found_on_pages_and_api(app, client, login, parties):
    huge = "9" * 23  # once a 500: the SQLite driver cannot bind it
    secret = make_token(app, parties["procurement"], ("read",))
    assert call(client, "GET", f"/api/v1/assessments/{huge}", secret).status_code == 404
    assert login(parties["procurement"]).get(f"/assessments/{huge}").status_code == 404
    spec = client.get("/api/v1/openapi.json").get_json()
    path = spec["paths"]["/api/v1/assessments/{assessment_id}"]["parameters"][0]["schema"]
    assert path == {"type": "integer", "minimum": 0, "maximum": 2**31 - 1}


def test_a_document_withdrawn_on_its_page_is_withdrawn_in_the_api(app, build, client, login, parties):
    aid = parties["assessment"].id
    doc = build.document(parties["assessment"], parties["supplier"], content=pdf_bytes("withdrawn cert"),
                         is_current=True)
    page = login(parties["procurement"])
    withdrawn = page.post(f"/assessments/{aid}/documents/{doc.id}/withdraw",
                          data={"withdraw_reason": "Superseded by the 2026 certificate", "withdraw": "1"})
    assert withdrawn.status_code == 302
    secret = make_token(app, parties["legal"], ("read",))
    body = call(client, "GET", f"/api/v1/assessments/{aid}/documents/{doc.id}", secret).get_json()
    assert body["state"] == "withdrawn" and body["is_current"] is False
    assert body["withdrawn_at"].endswith("+00:00")
    assert body["withdrawn_reason"] == "Superseded by the 2026 certificate"
    with app.app_context():
        stamp = db.session.get(Document, doc.id).withdrawn_at
    assert body["withdrawn_at"].startswith(stamp.strftime("%Y-%m-%dT%H:%M"))
    [row] = call(client, "GET", f"/api/v1/assessments/{aid}", secret).get_json()["documents"]
    assert row["withdrawn_at"] == body["withdrawn_at"] and row["state"] == "withdrawn"
    document_schema = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]["Document"]
    assert "withdrawn" in document_schema["properties"]["state"]["enum"]
    assert "withdrawn_at" in document_schema["required"]

    page.post(f"/assessments/{aid}/documents/{doc.id}/withdraw", data={"reinstate": "1"})
    again = call(client, "GET", f"/api/v1/assessments/{aid}/documents/{doc.id}", secret).get_json()
    assert again["withdrawn_at"] is None and again["withdrawn_reason"] is None
    assert again["state"] != "withdrawn"


def test_procurement_opens_an_assessment_and_invites_its_contacts_as_the_page_does(app, client, parties):
    secret = make_token(app, parties["procurement"])
    response = call(client, "POST", "/api/v1/assessments", secret, json={
        "supplier_name": "Invited Vendor", "product": "Model Y", "template_key": "iso42001-supplier",
        "contact_emails": ["Ops@Invited.example", "cto@invited.example", "ops@invited.example"]})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["status"] == "invited"
    assert [i["email"] for i in body["invitations"]] == ["ops@invited.example", "cto@invited.example"]
    with app.app_context():
        rows = db.session.scalars(sa.select(Invitation).where(Invitation.assessment_id == body["id"])
                                  .order_by(Invitation.id)).all()
        assert [r.email for r in rows] == ["ops@invited.example", "cto@invited.example"]
        made = sa.select(AuditEvent).where(AuditEvent.action == "invitation.created")
        created = db.session.scalars(made).all()
        assert len(created) == 2 and all(e.details.get("api_token") for e in created)
    link = body["invitations"][0]["link"]
    assert link.startswith("http://localhost/") and body["invitations"][0]["expires_at"].endswith("+00:00")
    opened = client.get(link.removeprefix("http://localhost"))
    assert opened.status_code == 200 and "ops@invited.example" in opened.get_data(as_text=True)

    refused = call(client, "POST", "/api/v1/assessments", secret, json={
        "supplier_name": "V", "product": "P", "template_key": "iso42001-supplier",
        "contact_emails": ["not-an-address"]})
    assert refused.status_code == 422 and "contact_emails" in str(refused.get_json()["errors"])


def test_a_supply_chain_given_on_create_is_the_questionnaires_draft_answer(app, client, parties):
    secret = make_token(app, parties["procurement"])
    body = call(client, "POST", "/api/v1/assessments", secret, json={
        "supplier_name": "Chain Vendor", "product": "Model Z", "template_key": "iso42001-supplier",
        "supply_chain": ["Cloudy Hosting", " Tiny  Labels ", "Cloudy Hosting"]}).get_json()
    answers = call(client, "GET", f"/api/v1/assessments/{body['id']}/answers", secret).get_json()
    assert answers["answers"] == {"ai_suppliers": [{"name": "Cloudy Hosting", "role": None},
                                                   {"name": "Tiny Labels", "role": None}]}
    assert answers["submitted_at"] is None and body["status"] == "draft"
