"""Renewals on the assessment page: a second certificate shows what changed against the first."""

from __future__ import annotations

import html as htmllib

import pytest

from .assessment_fixtures import parties  # noqa: F401  (fixture)
from .legal_helpers import documents, upload_case


@pytest.fixture
def app_config():
    return {"TODAY": "2025-12-09"}


def test_a_renewed_certificate_shows_the_differences_and_keeps_the_old_one(app, login, parties):  # noqa: F811
    supplier = login(parties.supplier)
    upload_case(supplier, parties.assessment.id, "d01_harbourline")
    page = login(parties.procurement).get(f"/assessments/{parties.assessment.id}").get_data(as_text=True)
    assert "What changed since the previous document" not in page  # one certificate: nothing to compare

    upload_case(supplier, parties.assessment.id, "d12_harbourline")
    first, second = documents(app, parties.assessment.id)
    assert (first.is_current, second.is_current) == (False, True)
    page = htmllib.unescape(login(parties.procurement).get(f"/assessments/{parties.assessment.id}")
                            .get_data(as_text=True))
    section = page[page.index("What changed since the previous document"):]
    # both documents are linked: the old one stays available
    assert f"/assessments/{parties.assessment.id}/documents/{first.id}" in section
    assert f"/assessments/{parties.assessment.id}/documents/{second.id}" in section
    # d01's product-platform scope became d12's information-security scope: narrower, called out
    assert "Scope narrower" in section and "words removed" in section
    assert "<del>" in section and "deployment" in section and "<ins>" in section
    # the dates changed (d01 issued 2024-12-16, d12 2024-07-05) and the standard did too
    assert "Issue date" in section and "2024-12-16" in section and "2024-07-05" in section
    assert "Standard" in section


def test_suppliers_see_the_changes_on_their_own_assessment_too(app, login, parties):  # noqa: F811
    supplier = login(parties.supplier)
    upload_case(supplier, parties.assessment.id, "d01_harbourline")
    upload_case(supplier, parties.assessment.id, "d12_harbourline")
    page = supplier.get(f"/assessments/{parties.assessment.id}").get_data(as_text=True)
    assert "What changed since the previous document" in page


def test_a_renewed_soa_calls_out_a_control_newly_excluded(app, login, parties):  # noqa: F811
    supplier = login(parties.supplier)
    upload_case(supplier, parties.assessment.id, "d28_merrow", "soa.pdf", role="soa")  # every control applies
    upload_case(supplier, parties.assessment.id, "d14_merrow", "soa.pdf", role="soa")  # A.10.2 excluded
    page = htmllib.unescape(login(parties.legal).get(f"/assessments/{parties.assessment.id}")
                            .get_data(as_text=True))
    section = page[page.index("What changed since the previous document"):]
    assert "Statement of Applicability:" in section
    assert "Control newly excluded:" in section and "A.10.2 is now marked not applicable" in section
    assert "Newly excluded: A.10.2" in section
    assert "Version" in section and "3.0" in section and "2.4" in section
