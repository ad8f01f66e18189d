"""The whole journey in a real browser: open, invite, answer, upload, pre-flight, correct, submit,
review with highlighted evidence, ask, accept, and the legal summary PDF read back.

Every page on the way is checked with axe-core (no serious or critical violations) and
photographed into test-artifacts/.
"""

from __future__ import annotations

import io
import re

import pytest

from tests.conftest import CORPUS, require_path

from .conftest import PASSWORD, assert_accessible

CASE = "d15_kinetica"  # its scope names another system, and its only site is outside the EU
SUPPLIER_EMAIL = "ops@kinetica.example"
NARROW_ADVICE = ("The scope statement does not mention ClaimLens: upload the certificate that covers it, "
                 "or explain.")
ANSWERS_TEXT = {
    "q_product": "ClaimLens", "q_certificate_number": "AIMS-55120", "q_certification_body": "Certifier",
    "q_certification_date": "2024-08-14", "q_change_approver": "Head of AI governance",
    "q_processing_regions": "United States",
}
ANSWERS_YES_NO = {
    "q_product_in_scope": "no", "q_accredited": "yes", "q_supply_chain_in_scope": "yes",
    "q_soa_shared": "yes",
    "q_impact_assessment_controls_apply": "yes", "q_life_cycle_controls_apply": "yes",
    "q_data_controls_apply": "yes", "q_third_party_controls_apply": "yes", "q_changes_logged": "yes",
}


def sign_in(page, email):
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "/login" not in page.url, page.content()[:500]


def sign_in_by_email_link(page, email, mail_log, shots=None):
    """Ask for a sign-in link on the login page, open it from the log, press Sign in."""
    page.goto("/login")
    page.get_by_role("link", name="Supplier? Sign in with a link by e-mail").click()
    assert_accessible(page)
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="E-mail me a link").click()
    assert "a link is on its way" in page.locator(".flashes").inner_text()
    url = mail_log.link_for(email)
    page.goto(url)
    assert_accessible(page)
    if shots:
        shots(page, "sign-in-by-email-link")
    page.get_by_role("button", name="Sign in").click()
    assert f"Signed in as {email}" in page.locator(".flashes").inner_text()
    page.goto(url)  # single use
    assert "already used" in page.locator("main").inner_text()


def test_procurement_supplier_and_legal_journey(portal, new_page, shots, mail_log):
    cert = require_path(CORPUS / CASE / "certificate.pdf")
    soa = require_path(CORPUS / CASE / "soa.pdf")

    # Procurement opens an assessment and invites the supplier.
    buyer = new_page()
    sign_in(buyer, portal.users["procurement"])
    assert_accessible(buyer)
    shots(buyer, "procurement-dashboard")
    buyer.get_by_role("link", name="Open an assessment").click()
    assert_accessible(buyer)
    buyer.get_by_label("Supplier (organisation)").fill("Kinetica")
    buyer.get_by_label("Supplier's legal entity").fill("Kinetica Claims Analytics Inc.")
    buyer.get_by_label("Product or service being bought").fill("ClaimLens")
    buyer.get_by_label("Other names of the product").fill("ClaimLens fraud scoring")
    buyer.get_by_label("European Union").check()
    buyer.get_by_label("Invite supplier users").fill(SUPPLIER_EMAIL)
    shots(buyer, "open-assessment-form")
    buyer.get_by_role("button", name="Open assessment").click()
    # The invitations page shows the link once, with a Copy button, beside resend and withdraw.
    assert re.search(r"/assessments/\d+/invitations$", buyer.url)
    row = buyer.locator("tr", has_text=SUPPLIER_EMAIL)
    assert "Waiting" in row.inner_text()
    link = row.get_by_label(f"Invitation link for {SUPPLIER_EMAIL}").input_value()
    assert "/invitations/" in link
    assessment_url = buyer.url.removesuffix("/invitations")
    assert_accessible(buyer)
    shots(buyer, "assessment-opened-with-invitation")

    # The supplier accepts the invitation with a name only: no password to invent.
    supplier = new_page()
    supplier.goto(link)
    assert_accessible(supplier)
    supplier.get_by_label("Your name").fill("Olive Ops")
    shots(supplier, "invitation")
    supplier.get_by_role("button", name="Create account and open the assessment").click()
    assert supplier.url == assessment_url
    assert_accessible(supplier)

    # ... signs out, and comes back by a single-use link e-mailed to them (logged: no mail server here).
    supplier.get_by_role("button", name="Sign out").click()
    sign_in_by_email_link(supplier, SUPPLIER_EMAIL, mail_log, shots)
    supplier.goto(assessment_url)

    # ... answers the questionnaire (a draft first) ...
    supplier.get_by_role("link", name="Answer the questionnaire").click()
    assert_accessible(supplier)
    assert "No certificate has been read yet" in supplier.locator("#preflight").inner_text()
    for field, value in ANSWERS_TEXT.items():
        supplier.locator(f"#{field}").fill(value)
    for field, value in ANSWERS_YES_NO.items():
        supplier.locator(f"input[name={field}][value={value}]").check()
    for field in ("q_incident_communication", "q_ai_disclosure"):
        _choose_first(supplier, field)
    shots(supplier, "questionnaire-filled")
    supplier.get_by_role("button", name="Save draft").click()
    assert "Draft saved" in supplier.locator(".flashes").inner_text()

    # ... uploads the certificate and the SoA ...
    for role, path in (("Certificate", cert), ("Statement of Applicability", soa)):
        supplier.goto(assessment_url + "/documents")
        assert_accessible(supplier)
        supplier.get_by_label("Document").select_option(label=role)
        supplier.get_by_label("PDF file").set_input_files(str(path))
        supplier.get_by_role("button", name="Upload").click()
        assert "was stored" in supplier.locator(".flashes").inner_text()
        assert supplier.locator("#reading-state").inner_text().startswith("Read")  # the job ran on commit
        assert_accessible(supplier)
        shots(supplier, f"uploaded-{path.stem}")

    # ... sees the pre-flight flags phrased as what to fix ...
    supplier.goto(assessment_url + "/questionnaire")
    preflight = supplier.locator("#preflight")
    assert NARROW_ADVICE in preflight.inner_text()
    assert preflight.locator('[data-code="scope.region_mismatch"]').count() == 1
    assert_accessible(supplier)
    shots(supplier, "preflight-before-correction")

    # ... corrects a misread field (the Dublin site was not read) ...
    region = preflight.locator('[data-code="scope.region_mismatch"]')
    region.get_by_role("link", name=re.compile("correct a misread field", re.I)).click()
    row = supplier.locator("#field-sites")
    row.locator("summary").click()
    sites = row.get_by_label("Correct value for sites")
    sites.fill(sites.input_value() + "\nMespil Road 4, Dublin 4, Ireland")
    row.get_by_label("Reason").fill("The Dublin site was not read")
    shots(supplier, "correcting-sites")
    row.get_by_role("button", name="Save correction").click()
    assert "Correction saved" in supplier.locator(".flashes").inner_text()
    assert "supplier-provided" in supplier.locator("#field-sites").inner_text()
    assert_accessible(supplier)

    # ... the pre-flight no longer shows what the correction fixed; the supplier submits.
    supplier.goto(assessment_url + "/questionnaire")
    preflight = supplier.locator("#preflight")
    assert preflight.locator('[data-code="scope.region_mismatch"]').count() == 0
    assert NARROW_ADVICE in preflight.inner_text()
    shots(supplier, "preflight-after-correction")
    supplier.get_by_role("button", name="Submit answers").click()
    assert "Answers submitted" in supplier.locator(".flashes").inner_text()
    shots(supplier, "submitted")

    # Procurement sees the flags, opens the highlighted evidence, asks a question and accepts.
    buyer.goto(assessment_url)
    flags = buyer.locator("ol.flags")
    assert "scope.narrow" in flags.inner_text() and "scope.region_mismatch" not in flags.inner_text()
    assert "supplier-provided" in buyer.locator("#evidence-h + ul.documents").inner_text()
    assert_accessible(buyer)
    shots(buyer, "procurement-sees-flags")
    narrow = flags.locator("li", has_text="scope.narrow")
    narrow.get_by_role("link", name=re.compile("show on the page")).first.click()
    buyer.wait_for_url(re.compile(r"/pages/\d+"))  # the click only starts the navigation
    buyer.wait_for_load_state()
    assert buyer.locator(".evidence-quote").count() >= 1
    assert buyer.locator(".highlight").count() >= 1
    buyer.locator(".pdf-page img").evaluate("img => img.decode()")
    assert_accessible(buyer)
    shots(buyer, "highlighted-evidence")
    buyer.goto(assessment_url)
    buyer.get_by_label("Message").fill("Is ClaimLens covered by another certificate?")
    buyer.get_by_role("button", name="Post").click()
    assert "Is ClaimLens covered" in buyer.locator("#thread").inner_text()
    buyer.get_by_label("Accept").check()
    buyer.get_by_label("Reason").fill("Accepted with a contractual scope extension.")
    buyer.get_by_role("button", name="Record decision").click()
    # a red assessment (scope.narrow is a blocker) is accepted only after a confirmation
    assert "The scope does not name the product" in buyer.locator("#decision-risks").inner_text()
    assert_accessible(buyer)
    buyer.get_by_label("I have read the risks above and accept the supplier anyway").check()
    buyer.get_by_role("button", name="Accept despite the risks").click()
    assert "Accepted" in buyer.locator("#decision").inner_text()
    assert_accessible(buyer)
    shots(buyer, "accepted")

    # Legal downloads the PDF summary; the test reads it back.
    lawyer = new_page()
    sign_in(lawyer, portal.users["legal"])
    lawyer.goto(assessment_url)
    assert_accessible(lawyer)
    shots(lawyer, "legal-sees-assessment")
    summary = lawyer.get_by_role("link", name=re.compile(r"^\(?PDF\)?$"))
    if summary.count() == 0:
        pytest.fail("no legal summary PDF link on the assessment page (portal/legal not present?)")
    with lawyer.expect_download() as info:
        summary.first.click()
    download = info.value
    saved = shots.folder / "legal-summary.pdf"
    download.save_as(str(saved))
    text = _pdf_text(saved.read_bytes())
    lowered = text.lower()
    for expected in ("Kinetica", "ClaimLens", "Northwind Insurance", "scope.narrow", "2026-03-16",
                     "safeguard"):
        assert expected.lower() in lowered, (expected, text[:1500])
    assert re.search(r"rating\W+red", lowered), text[:600]
    assert "scope.region_mismatch" not in lowered  # cleared by the supplier's correction
    assert re.search(r"corrected.*sites|sites.*corrected", lowered, re.S) and "dublin" in lowered


def _choose_first(page, field):
    """Pick the first real option of a choice question (radio buttons or a select)."""
    radios = page.locator(f"input[type=radio][name={field}]")
    if radios.count():
        radios.first.check()
    else:
        page.locator(f"select[name={field}]").select_option(index=1)


def _pdf_text(data):
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert 1 <= len(pdf.pages) <= 2
        return "\n".join(page.extract_text() or "" for page in pdf.pages)
