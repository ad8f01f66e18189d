"""Supplier pre-flight: the buyer's flags, scored now, phrased as what to fix, on the supplier's pages."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from portal.models import Assessment, Document, Scoring
from portal.monitoring.preflight import ADVICE, advise
from tests.conftest import SHARED, require_path

from .assessment_fixtures import corpus_pdf, query, upload

CASE = "d15_kinetica"  # a narrow scope (another system) and sites outside the required region


@pytest.fixture
def app_config():
    return {"TODAY": "2026-03-16"}


@pytest.fixture
def kinetica(build):
    buyer = build.org("buyer")
    procurement = build.user(buyer, "procurement")
    supplier_org = build.org("supplier")
    supplier = build.user(supplier_org)
    assessment = build.assessment(procurement, supplier_org, supplier_name="Kinetica",
                                  supplier_legal_name="Kinetica Claims Analytics Inc.", product="ClaimLens",
                                  product_aliases=["ClaimLens fraud scoring"], required_regions=["EU"])
    return procurement, supplier, assessment


def _flags_codes():
    text = require_path(SHARED / "FLAGS.md").read_text()
    return set(re.findall(r"^\| `([a-z_]+\.[a-z_0-9]+)` \|", text, re.M))


def test_every_flag_code_has_one_phrasing():
    codes = _flags_codes()
    assert len(codes) == 18
    assert set(ADVICE) == codes


@pytest.mark.parametrize("code", sorted(ADVICE))
def test_each_phrasing_says_what_to_fix(code, build):
    a = Assessment(supplier_name="Acme", supplier_legal_name="Acme Voice Ltd", product="Acme VoiceAgent",
                   required_regions=["EU", "UK"])
    flag = {"code": code, "severity": "high", "message": "The supplier answered that the product is inside "
            "the scope, but the scope does not cover it (scope.narrow)", "evidence": []}
    item = advise(flag, a)
    assert item.code == code and item.buyer_message == flag["message"]
    problem, _, fix = item.advice.partition(": ")  # what is wrong: what to do about it
    assert problem and problem[0].isupper() and fix.endswith(".")
    assert re.search(r"\b(upload|change|correct|explain|add)\b", fix), item.advice
    assert item.action in ("upload", "correct", "questionnaire")


def test_phrasings_name_the_assessment_facts():
    a = Assessment(supplier_name="Acme", supplier_legal_name="Acme Voice Ltd", product="Acme VoiceAgent",
                   required_regions=["EU", "UK"])
    narrow = advise({"code": "scope.narrow", "severity": "high", "message": "m", "evidence": []}, a)
    assert narrow.advice == ("The scope statement does not mention Acme VoiceAgent: upload the certificate "
                             "that covers it, or explain.")
    assert "EU, UK" in advise({"code": "scope.region_mismatch", "severity": "medium", "message": "m",
                               "evidence": []}, a).advice
    assert "Acme Voice Ltd" in advise({"code": "cert.holder_mismatch", "severity": "medium", "message": "m",
                                       "evidence": []}, a).advice
    expired = advise({"code": "cert.expired", "severity": "high", "evidence": [],
                      "message": "The certificate expired on 8 September 2025, 30 days before the date"}, a)
    assert "expired on 8 September 2025: upload the renewed certificate" in expired.advice
    contradicted = advise({"code": "answer.contradicted", "severity": "high", "evidence": [],
                           "message": "The supplier answered that it shared its Statement of Applicability, "
                                      "but none was provided (soa.missing)"}, a)
    assert contradicted.advice.startswith("You answered that it shared its Statement of Applicability, but "
                                          "none was provided: change the answer")
    assert contradicted.action == "questionnaire"


def test_unknown_codes_fall_back_to_the_buyer_message():
    item = advise({"code": "new.rule", "severity": "low", "message": "Something new", "evidence": []},
                  Assessment(product="P"))
    assert item.advice.startswith("Something new: upload evidence")


def test_before_any_certificate_the_panel_asks_for_one(login, kinetica):
    _, supplier, assessment = kinetica
    page = login(supplier).get(f"/assessments/{assessment.id}/questionnaire").data.decode()
    assert "Pre-flight check" in page and "No certificate has been read yet" in page


def test_supplier_sees_the_buyers_flags_as_what_to_fix(app, login, kinetica):
    _, supplier, assessment = kinetica
    client = login(supplier)
    upload(client, assessment.id, corpus_pdf(case=CASE))
    upload(client, assessment.id, corpus_pdf("soa.pdf", case=CASE), "soa.pdf", role="soa")
    page = client.get(f"/assessments/{assessment.id}/questionnaire").data.decode()
    assert ("The scope statement does not mention ClaimLens: upload the certificate that covers it, "
            "or explain.") in page
    assert "No certified site, and nothing in the scope, lies in EU" in page
    latest = query(app, sa.select(Scoring).where(Scoring.assessment_id == assessment.id)
                   .order_by(Scoring.id.desc()).limit(1))[0]
    shown = set(re.findall(r'data-code="([^"]+)"', page))
    assert shown == {f["code"] for f in latest.flags}  # exactly what the buyer sees
    assert f'rating-{latest.rating}' in page
    upload_page = client.get(f"/assessments/{assessment.id}/documents").data.decode()
    assert set(re.findall(r'data-code="([^"]+)"', upload_page)) == shown


def test_a_correction_clears_the_flag_it_fixes(app, login, kinetica):
    _, supplier, assessment = kinetica
    client = login(supplier)
    upload(client, assessment.id, corpus_pdf(case=CASE))
    cert = query(app, sa.select(Document).where(Document.assessment_id == assessment.id))[0]
    before = client.get(f"/assessments/{assessment.id}/questionnaire").data.decode()
    assert 'data-code="scope.region_mismatch"' in before
    client.post(f"/assessments/{assessment.id}/documents/{cert.id}/corrections",
                data={"field": "sites", "value": "Mespil Road 4, Dublin 4, Ireland",
                      "reason": "The Dublin site was not read"})
    after = client.get(f"/assessments/{assessment.id}/questionnaire").data.decode()
    assert 'data-code="scope.region_mismatch"' not in after and 'data-code="scope.narrow"' in after


def test_the_panel_is_only_for_the_supplier_who_can_still_change_things(app, build, login, kinetica):
    procurement, supplier, assessment = kinetica
    upload(login(supplier), assessment.id, corpus_pdf(case=CASE))
    assert login(procurement).get(f"/assessments/{assessment.id}/questionnaire").status_code == 403
    from portal.extensions import db

    with app.app_context():
        db.session.get(Assessment, assessment.id).status = "accepted"
        db.session.commit()
    assert login(supplier).get(f"/assessments/{assessment.id}/questionnaire").status_code == 403
