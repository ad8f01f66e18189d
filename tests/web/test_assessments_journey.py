"""The whole journey through the web pages: open, invite, join, answer, upload, correct, review, decide."""

from __future__ import annotations

import re

import sqlalchemy as sa

from portal.models import Assessment, AuditEvent, Document, Scoring

from .assessment_fixtures import corpus_pdf, fill_required, query, upload

CASE = "d04_pellucid"


def _follow(client, response):
    assert response.status_code == 302, response.data[-1500:]
    return client.get(response.headers["Location"])


def test_procurement_to_supplier_and_back(app, build, login, client):
    app.config["TODAY"] = "2025-06-18"
    procurement = build.user(build.org("buyer"), "procurement")
    buyer = login(procurement)
    opened = buyer.post(
        "/assessments/new",
        data={
            "supplier_name": "Pellucid",
            "supplier_legal_name": "Pellucid Speech Technologies Ltd",
            "product": "Pellucid Transcribe",
            "required_regions": ["EU"],
            "template_key": "iso42001-supplier",
            "supplier_emails": "ops@pellucid.example",
        },
    )
    page = _follow(buyer, opened).data.decode()
    shown = r'for ops@pellucid.example</label>\s*<input id="link-\d+" type="text" readonly value="(http\S+)"'
    link = re.search(shown, page).group(1)
    [assessment] = query(app, sa.select(Assessment))

    # the supplier joins through the invitation link and lands on the assessment
    path = link.split("localhost", 1)[1]
    joined = client.post(
        path,
        data={
            "name": "Olga Ops",
            "password": "a long enough password 1",
            "confirm": "a long enough password 1",
        },
    )
    assert joined.status_code == 302
    assert client.get(f"/assessments/{assessment.id}").status_code == 200

    # answers (draft, then submit), evidence, a correction
    page = client.get(f"/assessments/{assessment.id}/questionnaire").data.decode()
    answers = {**fill_required(page), "q_supply_chain_in_scope": "yes", "q_soa_shared": "yes"}
    _follow(
        client,
        client.post(f"/assessments/{assessment.id}/questionnaire", data={"save_draft": "1", **answers}),
    )
    upload(client, assessment.id, corpus_pdf(case=CASE))
    upload(client, assessment.id, corpus_pdf("soa.pdf", case=CASE), "soa.pdf", role="soa")
    cert = query(app, sa.select(Document).where(Document.role == "certificate"))[0]
    client.post(
        f"/assessments/{assessment.id}/documents/{cert.id}/corrections",
        data={"field": "certificate_number", "value": "SCL-AI-4293/B", "reason": "Suffix missed"},
    )
    submitted = client.post(
        f"/assessments/{assessment.id}/questionnaire", data={"submit_answers": "1", **answers}
    )
    assert submitted.status_code == 302

    # procurement reviews: flags with quoted evidence and highlighted pages, the correction marked
    review = buyer.get(f"/assessments/{assessment.id}").data.decode()
    latest = query(app, sa.select(Scoring).order_by(Scoring.id.desc()).limit(1))[0]
    assert latest.flags and all(f["code"] in review for f in latest.flags)
    assert "supplier-provided" in review and "SCL-AI-4293/B" in review
    links = [u.replace("&amp;", "&") for u in re.findall(r'href="([^"]*/pages/\d+\?scoring=[^"]+)"', review)]
    assert links
    shown = buyer.get(links[0]).data.decode()
    assert 'class="highlight"' in shown and "Quoted evidence" in shown

    # a question and an answer, then the decision
    buyer.post(f"/assessments/{assessment.id}/comments", data={"body": "Which LLM do you use?"})
    client.post(f"/assessments/{assessment.id}/comments", data={"body": "None: in-house models."})
    buyer.post(
        f"/assessments/{assessment.id}/decision",
        data={"decision": "rejected", "reason": "Foundation models excluded from scope."},
    )
    final = client.get(f"/assessments/{assessment.id}").data.decode()
    assert "Rejected" in final and "Foundation models excluded from scope." in final
    assert "None: in-house models." in final
    actions = set(query(app, sa.select(AuditEvent.action)))
    assert {
        "assessment.create",
        "invitation.created",
        "invitation.accepted",
        "response.save_draft",
        "document.upload",
        "document.correct",
        "response.submit",
        "comment.add",
        "assessment.decide",
    } <= actions


def test_a_quote_link_without_a_scoring_highlights_by_text(app, login, build):
    procurement = build.user(build.org("buyer"), "procurement")
    supplier_org = build.org("supplier")
    supplier = build.user(supplier_org)
    assessment = build.assessment(procurement, supplier_org)
    upload(login(supplier), assessment.id, corpus_pdf())
    [doc] = query(app, sa.select(Document))
    page = (
        login(procurement)
        .get(f"/assessments/{assessment.id}/documents/{doc.id}/pages/1?q={doc.extraction['holder']}")
        .data.decode()
    )
    assert page.count('class="highlight"') >= 1
    missing = (
        login(procurement)
        .get(f"/assessments/{assessment.id}/documents/{doc.id}/pages/1?q=nowhere+to+be+found")
        .data.decode()
    )
    assert 'class="highlight"' not in missing and "not located" in missing


def test_a_flag_link_highlights_all_its_quotes_on_that_page(app, login, build):
    procurement = build.user(build.org("buyer"), "procurement")
    supplier_org = build.org("supplier")
    assessment = build.assessment(procurement, supplier_org)
    upload(login(build.user(supplier_org)), assessment.id, corpus_pdf())
    [doc] = query(app, sa.select(Document))
    evidence = [
        {"document": "certificate", "page": 1, "quote": "first", "bbox": [100, 100, 200, 112]},
        {"document": "certificate", "page": 1, "quote": "second", "bbox": [100, 120, 220, 132]},
        {"document": "certificate", "page": 2, "quote": "elsewhere", "bbox": [100, 100, 200, 112]},
        {"document": "soa", "page": 1, "quote": "other document", "bbox": [10, 10, 20, 20]},
    ]
    row = build.scoring(
        assessment, "red", [{"code": "x.y", "severity": "high", "message": "m", "evidence": evidence}]
    )
    base = f"/assessments/{assessment.id}/documents/{doc.id}/pages/1?scoring={row.id}&flag=0"
    buyer = login(procurement)
    page = buyer.get(base).data.decode()
    assert page.count('class="highlight"') == 2 and "first" in page and "second" in page
    assert "elsewhere" not in page and "other document" not in page
    assert buyer.get(base + "&ev=1").data.decode().count('class="highlight"') == 1
    stranger = build.user(build.org("buyer"), "procurement")
    assert login(stranger).get(base).status_code == 404
