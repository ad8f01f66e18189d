"""Forms tell every problem at the top (count, links, field named) and keep what was typed; uploads take
several files, each judged alone, detect the type, say when OCR read a page, and documents can be
re-typed, withdrawn (kept, not scored, audited) and reinstated."""

from __future__ import annotations

import io
import re

import sqlalchemy as sa

from portal.models import Assessment, AuditEvent, Document

from . import assessment_fixtures
from .assessment_fixtures import audit_actions, corpus_pdf, query, storage_files

parties = assessment_fixtures.parties


def _post_files(client, assessment_id, files, role="detect"):
    return client.post(f"/assessments/{assessment_id}/documents",
                       data={"role": role, "files": [(io.BytesIO(d), n) for d, n in files]},
                       content_type="multipart/form-data")


def _docs(app, assessment_id):
    stmt = sa.select(Document).where(Document.assessment_id == assessment_id).order_by(Document.id)
    return query(app, stmt)


def _assessment(app, assessment_id):
    [row] = query(app, sa.select(Assessment).where(Assessment.id == assessment_id))
    return row


def test_a_half_filled_questionnaire_lists_each_problem_with_a_link_and_keeps_answers(app, login, parties):
    client = login(parties.supplier)
    url = f"/assessments/{parties.assessment.id}/questionnaire"
    page = client.get(url).get_data(as_text=True)
    names = sorted(set(re.findall(r'name="(q_[a-z0-9_]+)"', page)))
    kept = next(n for n in names if re.search(rf'<textarea[^>]*name="{n}"', page))
    response = client.post(url, data={kept: "Typed before the error", "submit_answers": "Submit"})
    html = response.get_data(as_text=True)
    assert "Answers submitted" not in html
    summary = html[html.index("data-error-summary"):html.index("</div>", html.index("data-error-summary"))]
    links = re.findall(r'<a href="#([^"]+)" data-focus="\1">([^<]+)</a>', summary)
    count = int(re.search(r"(\d+) problems? to fix", summary).group(1))
    assert count == len(links) > 1
    for anchor, text in links:
        assert f'id="{anchor}"' in html  # every link lands on a real field
        assert ":" in text and text.split(":")[0].strip()  # and names it
    assert "Typed before the error" in html
    inline = re.findall(r'<p class="error" id="[^"]+-error">'
                        r'<span class="visually-hidden">Error:</span> ([^<]+)</p>', html)
    assert set(inline) >= {text for _, text in links if not text.startswith(("Supplier ", "AI "))}


def test_a_correction_with_a_bad_date_keeps_what_was_typed_and_names_the_field(app, login, parties):
    app.config["TODAY"] = "2025-06-18"
    client = login(parties.supplier)
    _post_files(client, parties.assessment.id, [(corpus_pdf(), "certificate.pdf")], role="certificate")
    [doc] = _docs(app, parties.assessment.id)
    response = client.post(f"/assessments/{parties.assessment.id}/documents/{doc.id}/corrections",
                           data={"field": "expiry_date", "value": "31/02/2025", "reason": "Typo on the PDF"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "31/02/2025" in html and 'value="Typo on the PDF"' in html
    assert re.search(r'href="#value-expiry_date"[^>]*>Correct value for expiry date[^<]*YYYY-MM-DD', html)
    assert '<details open><summary>Correct expiry date' in html


def test_several_files_are_each_stored_or_refused_on_their_own(app, login, parties):
    client = login(parties.supplier)
    cert, soa = corpus_pdf(), corpus_pdf("soa.pdf")
    response = _post_files(client, parties.assessment.id, [
        (cert, "certificate.pdf"), (b"GIF89a not a pdf", "photo.pdf"), (soa, "soa.pdf"), (cert, "again.pdf")])
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Upload refused for “photo.pdf”" in html and "not a PDF" in html
    assert "“again.pdf” was already uploaded" in html
    assert "2 of 4 files stored" not in html and "3 of 4 files stored" in html  # the duplicate links its twin
    docs = _docs(app, parties.assessment.id)
    stored = sorted((d.filename, d.role) for d in docs)
    assert stored == [("certificate.pdf", "certificate"), ("soa.pdf", "soa")]
    assert len(storage_files(app)) == 2
    assert audit_actions(app).count("document.upload") == 2
    assert "Next:" in html and "questionnaire" in html


def test_the_classifier_sets_the_type_and_a_mismatch_is_not_told_as_success(app, login, parties):
    client = login(parties.supplier)
    _post_files(client, parties.assessment.id, [(corpus_pdf(), "cert.pdf")], role="detect")
    response = _post_files(client, parties.assessment.id,
                           [(corpus_pdf("certificate.pdf", "d02_brightfen"), "x.pdf")], role="soa")
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "reads as a certificate" in shown and "flash-success" not in shown
    detected, wrong = _docs(app, parties.assessment.id)
    assert detected.role == "certificate" and detected.is_current
    assert wrong.role == "soa" and wrong.kind == "certificate"
    page = client.get(f"/assessments/{parties.assessment.id}/documents/{wrong.id}").get_data(as_text=True)
    state = page[page.index('id="reading-state"'):page.index("</div>", page.index('id="reading-state"'))]
    assert "problem" in page[page.index('id="reading-state"') - 60:page.index('id="reading-state"') + 80]
    assert "reads as a certificate" in state and "read and scored" not in state


def test_changing_a_documents_type_rescores_and_is_audited(app, login, parties):
    app.config["TODAY"] = "2025-06-18"
    client = login(parties.supplier)
    _post_files(client, parties.assessment.id, [(corpus_pdf(), "c.pdf")], role="other")
    [doc] = _docs(app, parties.assessment.id)
    assert doc.role == "other" and _assessment(app, parties.assessment.id).rating is None
    response = client.post(f"/assessments/{parties.assessment.id}/documents/{doc.id}/type",
                           data={"role": "certificate"}, follow_redirects=True)
    assert "now taken as a certificate" in response.get_data(as_text=True)
    [doc] = _docs(app, parties.assessment.id)
    assert doc.role == "certificate" and doc.is_current
    assert _assessment(app, parties.assessment.id).rating in ("red", "amber", "green")
    [event] = query(app, sa.select(AuditEvent).where(AuditEvent.action == "document.type_change"))
    assert event.details["old"] == "other" and event.details["new"] == "certificate"
    bad = client.post(f"/assessments/{parties.assessment.id}/documents/{doc.id}/type", data={"role": "virus"})
    assert bad.status_code == 400 and _docs(app, parties.assessment.id)[0].role == "certificate"


def test_a_withdrawn_document_is_kept_shown_audited_and_not_scored_until_reinstated(app, login, parties):
    app.config["TODAY"] = "2025-06-18"
    client = login(parties.supplier)
    aid = parties.assessment.id
    _post_files(client, aid, [(corpus_pdf(), "c.pdf")], role="certificate")
    [doc] = _docs(app, aid)
    assert _assessment(app, aid).rating is not None
    response = client.post(f"/assessments/{aid}/documents/{doc.id}/withdraw",
                           data={"withdraw_reason": "Wrong certificate"}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Withdrawn" in html and "Wrong certificate" in html and "does not count" in html
    assert "withdrawn, so not scored" in html and "Read and scored" not in html
    [doc] = _docs(app, aid)
    assert doc.withdrawn_at is not None and not doc.is_current
    assert len(storage_files(app)) == 1  # the file stays on disk
    assert "document.withdraw" in audit_actions(app)
    scored = _assessment(app, aid)
    assert scored.rating is None or scored.rating != "green"
    detail = client.get(f"/assessments/{aid}").get_data(as_text=True)
    assert "c.pdf" in detail and "withdrawn" in detail
    again = client.post(f"/assessments/{aid}/documents/{doc.id}/withdraw", data={"reinstate": "Reinstate"})
    assert again.status_code == 302
    [doc] = _docs(app, aid)
    assert doc.withdrawn_at is None and doc.is_current
    assert "document.reinstate" in audit_actions(app)


def test_another_supplier_can_neither_withdraw_nor_retype(app, login, parties):
    client = login(parties.supplier)
    _post_files(client, parties.assessment.id, [(corpus_pdf(), "c.pdf")], role="certificate")
    [doc] = _docs(app, parties.assessment.id)
    other = login(parties.other_supplier)
    for path, data in (("withdraw", {"withdraw_reason": "x"}), ("type", {"role": "other"})):
        response = other.post(f"/assessments/{parties.assessment.id}/documents/{doc.id}/{path}", data=data)
        assert response.status_code in (403, 404)
    [doc] = _docs(app, parties.assessment.id)
    assert doc.withdrawn_at is None and doc.role == "certificate"


def test_the_document_page_says_which_pages_ocr_read(app, login, parties):
    client = login(parties.supplier)
    _post_files(client, parties.assessment.id, [(corpus_pdf("certificate.pdf", "d05_arkwell"), "scan.pdf")])
    [doc] = _docs(app, parties.assessment.id)
    assert doc.extraction["ocr_pages"]
    page = client.get(f"/assessments/{parties.assessment.id}/documents/{doc.id}").get_data(as_text=True)
    assert "read by OCR" in page
    first = str(doc.extraction["ocr_pages"][0])
    assert re.search(r"read by OCR</strong> \(it is a scan\) on pages? " + first, page)


def test_the_next_step_names_what_is_still_missing(app, login, parties):
    client = login(parties.supplier)
    response = _post_files(client, parties.assessment.id, [(corpus_pdf(), "c.pdf")], role="certificate")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    step = re.search(r'id="next-step"><strong>([^<]+)', page).group(1)
    assert "Statement of Applicability" in step and "certificate" not in step.split("upload")[-1]
    assert "questionnaire" in step


def _summary(html):
    """Return the error summary's count and its (anchor, text) links."""
    start = html.index("data-error-summary")
    summary = html[start:html.index("</div>", start)]
    count = int(re.search(r"(\d+) problems? to fix", summary).group(1))
    return count, re.findall(r'<a href="#([^"]+)" data-focus="\1">([^<]+)</a>', summary)


def _refused_forms(build, parties):
    """(who, url, data, a value typed that must come back) for forms sent with a mistake in them."""
    admin = build.user(build.org("buyer", name="Operators"), "admin")
    aid = parties.assessment.id
    return [
        (parties.supplier, f"/assessments/{aid}/questionnaire",
         {"submit_answers": "Submit", "q_certification_date": "31/02/2025"}, "31/02/2025"),
        (parties.supplier, f"/assessments/{aid}/questionnaire",
         {"save_draft": "Save draft", "q_certification_date": "not a date"}, "not a date"),
        (parties.procurement, "/assessments/new",
         {"supplier_name": "Typed Vendor", "product": "", "template_key": "iso42001-supplier"},
         "Typed Vendor"),
        (parties.procurement, f"/assessments/{aid}/decision", {"reason": "Typed reason"}, "Typed reason"),
        (parties.procurement, f"/assessments/{aid}/decision", {"decision": "rejected", "reason": " "}, None),
        (parties.procurement, "/account",
         {"current": "wrong", "password": "short", "confirm": "other"}, None),
        (None, "/login/email", {"email": ""}, None),
        (None, "/password/forgot", {"email": ""}, None),
        (admin, "/admin/organisations", {"name": "", "kind": "buyer"}, None),
        (parties.procurement, "/questionnaire-templates/iso42001-supplier/copy",
         {"key": "Bad Key!", "title": "Typed title"}, "Typed title"),
    ]


def test_every_form_sent_with_mistakes_answers_400_with_a_counted_linked_summary_and_keeps_values(
        app, build, client, login, parties):
    for who, url, data, typed in _refused_forms(build, parties):
        sender = login(who) if who is not None else app.test_client()
        response = sender.post(url, data=data)
        html = response.get_data(as_text=True)
        assert response.status_code == 400, (url, data, response.status_code)
        assert "data-error-summary" in html, url
        count, links = _summary(html)
        assert count == len(links) >= 1, (url, count, links)
        for anchor, _ in links:
            assert f'id="{anchor}"' in html, (url, anchor)
        if typed is not None:
            assert typed in html, (url, typed)
