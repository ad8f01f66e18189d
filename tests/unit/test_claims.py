"""Claims beside evidence and the pre-filled questionnaire (questionnaires/claims.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

import questionnaires
from parsers.accreditation import AccreditationRegistry
from parsers.model import Evidence
from questionnaires.claims import (
    AGREES,
    CONTRADICTS,
    NOT_STATED,
    UNANSWERED,
    Documents,
    ReadingSpec,
    _spec,
    claims,
    prefill,
)
from questionnaires.model import QuestionnaireError, question_from_dict

from .scoring_helpers import certificate, context, run, soa, soa_excluding

TEMPLATE = questionnaires.load("iso42001-supplier")


def documents(cert=None, the_soa="default", answers=None, **kw):
    cert = cert if cert is not None else certificate(
        evidence={"certificate_number": [Evidence(1, "Certificate No. AIMS 734211")],
                  "initial_certification_date": [Evidence(1, "Initial certification: 12 March 2024")]})
    the_soa = soa() if the_soa == "default" else the_soa
    ctx = context(answers=answers) if answers is not None else context()
    result = run(cert, the_soa, ctx)
    return Documents(cert, the_soa, tuple(result.flags), **kw)


def by_id(rows):
    return {row.question.id: row for row in rows}


def test_the_certificate_pre_fills_what_it_states_and_nothing_else():
    offered = prefill(TEMPLATE, documents())
    assert offered["certificate_number"].value == "AIMS 734211"
    assert offered["certificate_number"].page == 1
    assert offered["certificate_number"].quote == "Certificate No. AIMS 734211"
    assert offered["certification_body"].value == "Example Certification Ltd"
    assert offered["accreditation_body"].value == "UKAS"
    assert offered["accredited"].value == "yes"
    assert offered["certification_date"].value == "2024-03-12"
    assert offered["last_surveillance_date"].value == "2025-02-20"
    assert offered["product_in_scope"].value == "yes"
    assert offered["soa_shared"].value == "yes"
    assert offered["third_party_controls_apply"].value == "yes"
    # not stated by any document: left for the supplier
    for qid in ("next_audit_date", "supply_chain_in_scope", "change_approver", "processing_regions",
                "ai_suppliers", "incident_communication"):
        assert qid not in offered, qid


def test_a_missing_value_is_never_guessed():
    unstated = certificate(initial_certification_date=None, certificate_number=None)
    offered = prefill(TEMPLATE, documents(unstated))
    assert "certification_date" not in offered and "certificate_number" not in offered


def test_flags_answer_no_with_their_evidence():
    narrow = certificate(scope="The design and operation of the Acme HR Assistant.")
    excluded = soa_excluding(("A.10.3", "Suppliers are managed by procurement"))
    offered = prefill(TEMPLATE, documents(narrow, excluded))
    assert offered["product_in_scope"].value == "no"
    assert offered["product_in_scope"].shown.startswith("No — The scope covers")
    assert offered["third_party_controls_apply"].value == "no"
    assert offered["third_party_controls_apply"].shown == "No — A.10.3 not applicable"
    assert offered["third_party_controls_apply"].page == 2  # the control's row
    assert offered["supply_chain_in_scope"].value == "no"


def test_no_soa_is_compared_but_never_offered():
    docs = documents(the_soa=None)
    assert "soa_shared" not in prefill(TEMPLATE, docs)
    row = by_id(claims(TEMPLATE, {"soa_shared": "yes"}, docs))["soa_shared"]
    assert row.status == CONTRADICTS and row.reading.shown == "No Statement of Applicability was provided"


def test_claims_line_up_answers_with_the_documents():
    answers = {"certificate_number": "aims-734211", "certification_body": "Example Certification Limited",
               "accreditation_body": "United Kingdom Accreditation Service",
               "certification_date": "2024-03-13",
               "last_surveillance_date": "2026-01-10", "change_approver": "The AI board",
               "processing_regions": "United Kingdom, EU"}
    docs = documents(accreditation=AccreditationRegistry.default())
    rows = by_id(claims(TEMPLATE, answers, docs))
    assert rows["certificate_number"].status == AGREES
    assert rows["certification_body"].status == AGREES
    assert rows["accreditation_body"].status == AGREES  # the registry knows both names
    assert rows["certification_date"].status == CONTRADICTS
    assert rows["certification_date"].reading.value == "2024-03-12"
    later = rows["last_surveillance_date"]
    assert later.status == NOT_STATED and later.note == "the certificate shows audits up to 2025-02-20"
    assert rows["change_approver"].status == NOT_STATED and rows["change_approver"].reading is None
    regions = rows["processing_regions"]
    assert regions.status == NOT_STATED and regions.note == "no certified site in EU"
    assert rows["product_in_scope"].status == UNANSWERED and rows["product_in_scope"].reading.value == "yes"
    assert [r.question.id for r in claims(TEMPLATE, answers, docs)] == [q.id for q in TEMPLATE.questions]


def test_a_different_body_contradicts():
    rows = by_id(claims(TEMPLATE, {"certification_body": "Another Registrar GmbH",
                                   "accreditation_body": "ANAB"},
                        documents(accreditation=AccreditationRegistry.default())))
    assert rows["certification_body"].status == CONTRADICTS
    assert rows["accreditation_body"].status == CONTRADICTS


def test_without_documents_nothing_is_stated():
    rows = claims(TEMPLATE, {"certificate_number": "X1", "accredited": "yes"}, Documents())
    assert {r.status for r in rows} == {NOT_STATED, UNANSWERED}
    assert prefill(TEMPLATE, Documents()) == {}


def test_a_buyers_template_is_read_by_maps_to_not_by_question_id():
    mine = dataclasses.replace(TEMPLATE, questions=(
        question_from_dict({"id": "cert_ref", "text": "Certificate reference?", "type": "text",
                            "maps_to": "answers.certificate_number"}, "test", 1),
        question_from_dict({"id": "first_issued", "text": "First issued?", "type": "text",
                            "maps_to": "answers.certification_date"}, "test", 2)))
    offered = prefill(mine, documents())
    assert offered["cert_ref"].value == "AIMS 734211"
    assert offered["first_issued"].value == "2024-03-12"  # a date read fits a text question


def test_a_reading_that_does_not_fit_the_question_is_not_offered():
    choice = dataclasses.replace(TEMPLATE, questions=(question_from_dict(
        {"id": "acc", "text": "Accredited?", "type": "choice", "options": ["Accredited", "Not accredited"],
         "maps_to": "answers.accredited"}, "test", 1),))
    assert prefill(choice, documents()) == {}


@pytest.mark.parametrize(("row", "problem"), [
    ({"reader": "guess"}, "needs a reader"),
    ({"reader": "text"}, "needs field"),
    ({"reader": "flag_clear", "field": "scope"}, "needs flag"),
    ({"reader": "text", "field": "x", "colour": "red"}, "only the keys"),
])
def test_a_bad_reading_row_names_itself(row, problem):
    with pytest.raises(QuestionnaireError, match=problem) as err:
        _spec("answers.thing", row)
    assert "answers.thing" in str(err.value)


def test_every_reading_row_loads():
    assert _spec("answers.soa_shared", {"reader": "soa_present"}) == ReadingSpec("soa_present")
    dates = certificate(surveillance_dates=[dt.date(2024, 5, 1), dt.date(2025, 2, 20)])
    assert prefill(TEMPLATE, documents(dates))["last_surveillance_date"].value == "2025-02-20"
