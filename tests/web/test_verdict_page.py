"""The assessment page leads with the verdict; claims stand beside evidence; the questionnaire is pre-filled
from the documents; accepting despite risks needs a reason and a confirmation."""

from __future__ import annotations

import html
import re

import pytest
import sqlalchemy as sa

from portal.models import Assessment, AuditEvent, Response
from scoring.verdict import flag_text

from .assessment_fixtures import corpus_pdf, query, upload

CASE = "d15_kinetica"  # its scope names another system (scope.narrow) and its only site is in the US


@pytest.fixture
def kinetica(app, build, login):
    """An assessment of ClaimLens whose supplier has uploaded the Kinetica certificate (read and scored)."""
    app.config["TODAY"] = "2026-03-16"
    buyer = build.org("buyer")
    procurement, legal = build.user(buyer, "procurement"), build.user(buyer, "legal")
    supplier_org = build.org("supplier")
    supplier = build.user(supplier_org)
    assessment = build.assessment(procurement, supplier_org, supplier_name="Kinetica",
                                  supplier_legal_name="Kinetica Claims Analytics Inc.", product="ClaimLens",
                                  required_regions=["EU"])
    assert upload(login(supplier), assessment.id, corpus_pdf(case=CASE)).status_code == 302
    return procurement, legal, supplier, assessment


def _text(page: bytes) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page.decode())).replace("\xa0", " ")


def test_the_verdict_comes_first_with_plain_titles_evidence_and_next_step(app, login, kinetica):
    procurement, _, _, assessment = kinetica
    page = login(procurement).get(f"/assessments/{assessment.id}").data.decode()
    verdict = page.index('id="verdict"')
    assert verdict < page.index('id="claims"') < page.index('id="evidence-h"')
    line = html.unescape(re.search(r'<p class="verdict-line">(.*?)</p>', page, re.S).group(1))
    assert line.startswith("Red: 1 blocker") and "ClaimLens" in line and "Next: " in line
    title = flag_text("scope.narrow").title.format(product="ClaimLens", supplier="Kinetica", regions="EU")
    flags = page[page.index('<ol class="flags">'):]
    assert html.escape(title, quote=False) in flags[:flags.index("</ol>")]
    assert "Blocker:" in flags and re.search(r'/pages/\d+\?scoring=\d+&amp;flag=\d+', flags)


def test_an_assessment_without_documents_says_why_it_is_not_rated(app, login, build):
    procurement = build.user(build.org("buyer"), "procurement")
    assessment = build.assessment(procurement, build.org("supplier"))
    text = _text(login(procurement).get(f"/assessments/{assessment.id}").data)
    assert "Not rated: the supplier has not uploaded any evidence yet. Next: ask the supplier to upload" \
        in text


def test_accepting_despite_risks_needs_a_reason_and_a_confirmation(app, login, build):
    procurement = build.user(build.org("buyer"), "procurement")
    assessment = build.assessment(procurement, build.org("supplier"))
    buyer = login(procurement)
    url = f"/assessments/{assessment.id}/decision"
    page = _text(buyer.get(f"/assessments/{assessment.id}").data)
    assert "Accepting now needs a reason and a confirmation" in page and "it is not rated" in page

    asked = buyer.post(url, data={"decision": "accepted", "reason": "We know them well."})
    assert asked.status_code == 200
    shown = _text(asked.data)
    assert "Accept Supplier" in shown and "no documents were provided" in shown and "it is not rated" in shown
    assert "We know them well." in shown  # the reason is kept for the confirmation
    assert query(app, sa.select(Assessment.status).where(Assessment.id == assessment.id)) == ["in_progress"]
    blank = buyer.post(url, data={"decision": "accepted", "reason": " "})  # no reason: the page again, told
    assert blank.status_code == 400 and "Reason: Give a reason for the decision." in _text(blank.data)
    assert query(app, sa.select(Assessment.status).where(Assessment.id == assessment.id)) == ["in_progress"]

    # sent from the confirmation page without its box ticked: refused there, the reason kept
    unticked = buyer.post(url, data={"decision": "accepted", "reason": "We know them well.",
                                     "step": "confirm"})
    assert unticked.status_code == 400
    shown = _text(unticked.data)
    assert "1 problem to fix" in shown and "Tick the box to accept despite the risks" in shown
    assert "We know them well." in shown and "it is not rated" in shown
    assert 'href="#confirm"' in unticked.data.decode()
    assert query(app, sa.select(Assessment.status).where(Assessment.id == assessment.id)) == ["in_progress"]

    done = buyer.post(url, data={"decision": "accepted", "reason": "We know them well.", "confirm": "y"})
    assert done.status_code == 302
    assert query(app, sa.select(Assessment.status).where(Assessment.id == assessment.id)) == ["accepted"]
    [event] = query(app, sa.select(AuditEvent).where(AuditEvent.action == "assessment.decide"))
    assert "it is not rated" in event.details["risks_accepted"]


def test_rejecting_needs_no_confirmation(app, login, build):
    procurement = build.user(build.org("buyer"), "procurement")
    assessment = build.assessment(procurement, build.org("supplier"))
    done = login(procurement).post(f"/assessments/{assessment.id}/decision",
                                   data={"decision": "rejected", "reason": "No evidence."})
    assert done.status_code == 302
    assert query(app, sa.select(Assessment.status).where(Assessment.id == assessment.id)) == ["rejected"]


def test_the_decision_form_shows_only_where_a_decision_can_be_made(app, login, kinetica):
    procurement, legal, supplier, assessment = kinetica
    url = f"/assessments/{assessment.id}"
    decision_form = f'action="/assessments/{assessment.id}/decision"'
    assert decision_form in login(procurement).get(url).data.decode()
    for other in (legal, supplier):
        assert decision_form not in login(other).get(url).data.decode()
    buyer = login(procurement)
    buyer.post(url + "/decision", data={"decision": "rejected", "reason": "Scope too narrow."})
    assert decision_form not in buyer.get(url).data.decode()
    # a decided assessment is closed: a second decision is refused and changes nothing
    buyer.post(url + "/decision", data={"decision": "accepted", "reason": "Changed my mind.", "confirm": "y"})
    [row] = query(app, sa.select(Assessment).where(Assessment.id == assessment.id))
    assert row.status == "rejected" and row.decision_reason == "Scope too narrow."


def test_claims_stand_beside_what_the_documents_say(app, login, build, kinetica):
    procurement, _, _, assessment = kinetica
    build.response(assessment, {"certificate_number": "QCS-42001-99999", "certification_body":
                                "Quillmark Conformity Services", "accredited": "yes"})
    page = login(procurement).get(f"/assessments/{assessment.id}").data.decode()
    statuses = {q: s for s, q in re.findall(r'<tr class="claim claim-(\w+)" data-question="(\w+)">', page)}
    assert statuses["certificate_number"] == "contradicts"
    assert statuses["certification_body"] == "agrees"
    assert statuses["certification_date"] == "unanswered"
    row = page[page.index('data-question="certificate_number"'):]
    row = row[:row.index("</tr>")]
    assert "QCS-42001-99999" in row and "QCS-42001-23028" in row  # both: the claim and the reading
    assert re.search(r'/pages/\d+\?q=', row)  # the page where it was read


def test_the_questionnaire_is_pre_filled_from_the_certificate_and_marked(app, login, kinetica):
    _, _, supplier, assessment = kinetica
    client = login(supplier)
    page = client.get(f"/assessments/{assessment.id}/questionnaire").data.decode()
    assert re.search(r'id="q_certificate_number"[^>]*>\s*QCS-42001-23028</textarea>', page)
    assert re.search(r'id="q_certification_date"[^>]*value="2024-08-14"|value="2024-08-14"[^>]*'
                     r'id="q_certification_date"', page)
    note = _text(page.encode())
    assert re.search(r"Pre-filled: read from the certificate, p\. \d+ — QCS-42001-23028", note)
    # the supplier changes one value: it is kept as the supplier's claim, the reading stays beside it
    form = {"save_draft": "1", "q_certificate_number": "QCS-42001-23028-B"}
    assert client.post(f"/assessments/{assessment.id}/questionnaire", data=form).status_code == 302
    [answers] = query(app, sa.select(Response.answers))
    assert answers["certificate_number"] == "QCS-42001-23028-B"
    assert "Pre-filled: read from the certificate" in client.get(
        f"/assessments/{assessment.id}/questionnaire").data.decode()


def test_a_pre_filled_answer_the_supplier_clears_stays_cleared(app, login, kinetica):
    procurement, _, supplier, assessment = kinetica
    client = login(supplier)
    url = f"/assessments/{assessment.id}/questionnaire"
    offered = client.get(url).data.decode()
    before = int(re.search(r'id="prefill-note">(\d+) answers? (?:are|is) pre-filled', offered).group(1))
    assert re.search(r'id="q_certificate_number"[^>]*>\s*QCS-42001-23028</textarea>', offered)
    # the supplier keeps the pre-filled date and clears the number (it is not theirs to state, say)
    form = {"save_draft": "1", "q_certificate_number": "", "q_certification_date": "2024-08-14"}
    assert client.post(url, data=form).status_code == 302
    page = client.get(url).data.decode()
    assert re.search(r'id="q_certificate_number"[^>]*>\s*</textarea>', page)  # not offered again
    assert "You cleared this answer, and it stays cleared" in _text(page.encode())
    after = re.search(r'id="prefill-note">(\d+) answers? (?:are|is) pre-filled', page)
    assert (int(after.group(1)) if after else 0) == before - 1  # the cleared one is no longer counted
    assert re.search(r'value="2024-08-14"', page)
    [answers] = query(app, sa.select(Response.answers))
    assert answers.get("certificate_number") in (None, "") and answers["certification_date"] == "2024-08-14"
    detail = login(procurement).get(f"/assessments/{assessment.id}").data.decode()
    assert re.search(r'<tr class="claim claim-unanswered" data-question="certificate_number">', detail)
    # typing it again later is kept as typed
    assert client.post(url, data={**form, "q_certificate_number": "QCS-42001-23028"}).status_code == 302
    [answers] = query(app, sa.select(Response.answers))
    assert answers["certificate_number"] == "QCS-42001-23028"


def test_each_answer_is_shown_once_in_the_claims_table_with_the_response_state(app, login, build, kinetica):
    procurement, _, _, assessment = kinetica
    build.response(assessment, {"certificate_number": "QCS-42001-99999", "accredited": "yes"})
    page = login(procurement).get(f"/assessments/{assessment.id}").data.decode()
    assert page.count("QCS-42001-99999") == 1  # the claims table only: no second list of the answers
    assert 'id="answers-h"' not in page and '<dl class="answers">' not in page
    heading = re.search(r'<h2 id="claims-h">(.*?)</h2>', page, re.S).group(1)
    assert "Claims beside evidence" in heading and "(answers in draft)" in heading


def test_each_role_reads_the_next_step_that_is_its_own(app, login, kinetica):
    procurement, legal, supplier, assessment = kinetica
    url = f"/assessments/{assessment.id}"

    def line(who):
        page = login(who).get(url).data.decode()
        return html.unescape(re.search(r'<p class="verdict-line">(.*?)</p>', page, re.S).group(1)), _text(
            page.encode())

    for buyer_side in (procurement, legal):
        headline, _ = line(buyer_side)
        assert "Next: ask the supplier for the certificate whose scope covers ClaimLens." in headline
    headline, text = line(supplier)
    assert headline.startswith("Red: 1 blocker")  # the same verdict …
    assert headline.endswith("Next: upload the certificate whose scope covers ClaimLens.")  # … its own step
    assert "ask the supplier" not in text
    assert "Next: upload the certificate whose scope covers ClaimLens." in text  # the flag's own step too


def test_a_supplier_with_nothing_uploaded_is_told_to_upload(app, login, build):
    procurement = build.user(build.org("buyer"), "procurement")
    supplier_org = build.org("supplier")
    supplier = build.user(supplier_org)
    assessment = build.assessment(procurement, supplier_org)
    text = _text(login(supplier).get(f"/assessments/{assessment.id}").data)
    assert ("Not rated: you have not uploaded any evidence yet. Next: upload your ISO/IEC 42001 "
            "certificate and Statement of Applicability.") in text
