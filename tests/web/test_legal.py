"""The legal risk summary through the portal: PDF content, determinism, HTML page, who may read it."""

from __future__ import annotations

import pytest

from portal.extensions import db
from portal.legal import operations
from portal.models import Assessment
from scoring.safeguards import SAFEGUARDS

from .assessment_fixtures import parties  # noqa: F401  (fixture)
from .legal_helpers import documents, pdf_text, plain, upload_case

CASE = "d24_harbourline"  # a readiness letter: not certified, unaccredited, fields missing, no SoA
DAY = "2025-07-07"


@pytest.fixture
def app_config():
    return {"TODAY": DAY}


@pytest.fixture
def assessed(app, build, login, parties):  # noqa: F811
    """The Harbourline assessment with the readiness letter uploaded, answers in, one correction."""
    build.response(parties.assessment, answers={"accredited": "yes", "product_in_scope": "yes",
                                                "soa_shared": "no"}, submitted=True)
    supplier = login(parties.supplier)
    upload_case(supplier, parties.assessment.id, CASE)
    doc = documents(app, parties.assessment.id)[0]
    response = supplier.post(f"/assessments/{parties.assessment.id}/documents/{doc.id}/corrections",
                             data={"field": "certificate_number", "value": "NPX-“2025”-ü1",
                                   "reason": "The letter's reference"})
    assert response.status_code == 302
    return parties


def _summary(app, assessment_id, day):
    import datetime as dt

    with app.app_context():
        return operations.legal_summary(db.session.get(Assessment, assessment_id), dt.date.fromisoformat(day))


def test_pdf_shows_facts_flags_quotes_safeguards_answers_and_corrections(app, login, assessed):
    summary = _summary(app, assessed.assessment.id, DAY)
    codes = {f.code for f in summary.flags}
    assert {"cert.not_certified", "cert.unaccredited", "answer.contradicted", "soa.missing"} <= codes
    response = login(assessed.legal).get(f"/legal/assessments/{assessed.assessment.id}/summary.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    text, pages = pdf_text(response.data)
    assert pages <= 2
    for expected in ("Harbourline", "Harbourline Voice Ltd", "Harbourline VoiceDesk", f"Computed for {DAY}",
                     "Northpass AI Advisory Ltd", "Rating: RED"):
        assert expected in text, expected
    for flag in summary.flags:
        assert flag.code in text
        assert plain(flag.message)[:60] in text
        assert plain(SAFEGUARDS[flag.code])[:60] in text
        for ev in flag.evidence[:1]:
            assert plain(ev.quote)[:40] in text, (flag.code, ev.quote)
    # the supplier's hand correction, marked, with both values (smart quotes and ü survive)
    assert 'SUPPLIER-CORRECTED Certificate number' in text
    assert 'corrected to "NPX-"2025"-ü1"' in text
    # the contradicted answer
    assert "Supplier answers contradicted by the evidence" in text
    assert "the certification is accredited" in text


def test_same_inputs_give_the_same_bytes_and_the_date_is_stated(app, login, assessed):
    client = login(assessed.procurement)
    url = f"/legal/assessments/{assessed.assessment.id}/summary.pdf"
    first, second = client.get(url).data, client.get(url).data
    assert first == second
    later = client.get(url + "?on=2026-03-01")
    assert later.status_code == 200 and later.data != first
    assert "Computed for 2026-03-01" in pdf_text(later.data)[0]
    assert client.get(url + "?on=2026-03-01").data == later.data
    assert client.get(url + "?on=not-a-date").status_code == 400


def test_html_summary_shows_flags_safeguards_and_marked_corrections(app, login, assessed):
    page = login(assessed.legal).get(f"/legal/assessments/{assessed.assessment.id}/summary")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f'datetime="{DAY}"' in html
    for code in ("cert.not_certified", "cert.unaccredited", "answer.contradicted"):
        assert f"<code>{code}</code>" in html
        assert SAFEGUARDS[code].split(";")[0].replace("'", "&#39;") in html
    assert "supplier-provided" in html and "NPX-“2025”-ü1" in html
    assert 'label for="on"' in html


def test_the_assessment_page_links_to_the_summary(app, login, assessed):
    url = f"/assessments/{assessed.assessment.id}"
    html = login(assessed.procurement).get(url).get_data(as_text=True)
    assert f"/legal/assessments/{assessed.assessment.id}/summary" in html
    assert "/legal/" not in login(assessed.supplier).get(url).get_data(as_text=True)


def test_an_unrated_assessment_still_gets_a_summary(app, login, parties):  # noqa: F811
    response = login(parties.legal).get(f"/legal/assessments/{parties.assessment.id}/summary.pdf")
    text, pages = pdf_text(response.data)
    assert response.status_code == 200 and pages == 1
    assert "No certificate has been read" in text and "not rated".upper() in text


@pytest.mark.parametrize("suffix", ["summary", "summary.pdf"])
def test_only_the_buyers_procurement_and_legal_read_the_summary(app, build, login, parties, suffix):  # noqa: F811
    url = f"/legal/assessments/{parties.assessment.id}/{suffix}"
    assert login(parties.procurement).get(url).status_code == 200
    assert login(parties.legal).get(url).status_code == 200
    assert login(parties.supplier).get(url).status_code == 403
    assert login(build.user(build.org("buyer"), "admin")).get(url).status_code == 403
    stranger = build.user(build.org("buyer"), "legal")
    assert login(stranger).get(url).status_code == 404
    anonymous = app.test_client().get(url)
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
