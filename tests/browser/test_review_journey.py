"""The whole journey again, as issue 12 wants it: the supplier joins by invitation and signs in by an
e-mailed single-use link, uploads the certificate and the SoA together (type detected), and finds the
questionnaire pre-filled from what certscope read: it types nothing the certificate states. Procurement
reads the verdict first, the claims beside the evidence, and accepts a red assessment only through the
confirmation step, by keyboard. At 1366 px and 390 px: axe-core, no sideways scrolling, screenshots.
"""

from __future__ import annotations

import json
import re

import sqlalchemy as sa

from tests.conftest import CORPUS, require_path

from .conftest import PHONE, assert_accessible, assert_fits
from .test_journey import sign_in, sign_in_by_email_link

CASE = "d15_kinetica"
SUPPLIER_EMAIL = "claims@kinetica.example"
# What the certificate states, as the supplier would otherwise have typed it (question id -> value).
STATED = {"certificate_number": "certificate_number", "certification_body": "certification_body",
          "accreditation_body": "accreditation_body", "certification_date": "initial_certification_date"}
# Values for what no document states: the only things the supplier types.
NOT_STATED_TEXT = {"q_change_approver": "Head of AI governance", "q_processing_regions": "United States"}

# Every question field and whether it holds an answer (text typed, a radio chosen, an option picked).
_FIELDS_JS = """() => {
  const out = {};
  for (const el of document.querySelectorAll('form [name^="q_"]')) {
    const name = el.name;
    const filled = el.type === 'radio' ? el.checked : (el.value || '').trim() !== '';
    out[name] = (out[name] || false) || filled;
  }
  return out;
}"""


def _expected():
    return json.loads(require_path(CORPUS / CASE / "expected.json").read_text())["certificate"]


def _tab_to(page, predicate_js, limit=80):
    """Press Tab until the focused element satisfies `predicate_js` (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const e = document.activeElement; return !!e && ({predicate_js}); }}"):
            return
    raise AssertionError(f"never reached by Tab: {predicate_js}")


def _check_page(page, shots, step):
    assert_accessible(page)
    assert_fits(page)
    shots(page, step)


def test_magic_link_pre_filled_journey(portal, new_page, shots, mail_log):
    cert = require_path(CORPUS / CASE / "certificate.pdf")
    soa = require_path(CORPUS / CASE / "soa.pdf")
    expected = _expected()

    # Procurement opens the assessment and invites the supplier.
    buyer = new_page()
    sign_in(buyer, portal.users["procurement"])
    buyer.get_by_role("link", name="Open an assessment").click()
    buyer.get_by_label("Supplier (organisation)").fill("Kinetica")
    buyer.get_by_label("Supplier's legal entity").fill("Kinetica Claims Analytics Inc.")
    buyer.get_by_label("Product or service being bought").fill("ClaimLens")
    buyer.get_by_label("European Union").check()
    buyer.get_by_label("Invite supplier users").fill(SUPPLIER_EMAIL)
    buyer.get_by_role("button", name="Open assessment").click()
    link = buyer.locator("tr", has_text=SUPPLIER_EMAIL).get_by_label(
        f"Invitation link for {SUPPLIER_EMAIL}").input_value()
    assessment_url = buyer.url.removesuffix("/invitations")
    assessment_id = int(assessment_url.rsplit("/", 1)[1])

    # The supplier joins (a name, no password), signs out and comes back by an e-mailed link.
    supplier = new_page()
    supplier.goto(link)
    supplier.get_by_label("Your name").fill("Cleo Claims")
    supplier.get_by_role("button", name="Create account and open the assessment").click()
    assert supplier.url == assessment_url
    supplier.get_by_role("button", name="Sign out").click()
    sign_in_by_email_link(supplier, SUPPLIER_EMAIL, mail_log, shots)
    supplier.set_viewport_size(PHONE)  # the rest of the supplier's part on a phone

    # Both documents at once, the type left to the classifier.
    supplier.goto(assessment_url + "/documents")
    supplier.get_by_label("PDF files").set_input_files([str(cert), str(soa)])
    supplier.get_by_role("button", name="Upload").click()
    assert "2 of 2 files stored" in supplier.locator("#upload-results").inner_text()
    _check_page(supplier, shots, "phone-uploaded-both")

    # The supplier reads the same verdict, with the next steps that are its own (never "ask the supplier").
    supplier.goto(assessment_url)
    line = supplier.locator(".verdict-line").inner_text()
    assert line.startswith("Red: ") and "Next: upload the certificate whose scope covers ClaimLens" in line
    assert "ask the supplier" not in supplier.locator("#verdict").inner_text()
    _check_page(supplier, shots, "phone-supplier-verdict")

    # The questionnaire comes pre-filled, each value marked with where it was read.
    supplier.goto(assessment_url + "/questionnaire")
    assert "pre-filled from what certscope read" in supplier.locator("#prefill-note").inner_text()
    for qid, field in STATED.items():
        note = supplier.locator(f"#read-{qid}").inner_text()
        assert re.search(r"read from the certificate, p\. \d+", note), note
        value = supplier.locator(f"#q_{qid}").input_value()
        assert value.replace("\n", "").strip() == str(expected[field]), (qid, value)
    _check_page(supplier, shots, "phone-questionnaire-pre-filled")

    # The supplier types only what no document states: never a field the certificate pre-filled.
    prefilled = {f"q_{m}" for m in supplier.locator(".prefilled").evaluate_all(
        "els => els.map(e => e.id.replace('read-', ''))")}
    assert {f"q_{q}" for q in STATED} <= prefilled
    empty = [name for name, filled in supplier.evaluate(_FIELDS_JS).items() if not filled]
    typed = []
    for name in empty:
        assert name not in prefilled, name
        typed.append(name)
        _answer(supplier, name)
    assert not set(typed) & {f"q_{q}" for q in STATED}
    supplier.get_by_role("button", name="Submit answers").click()
    assert "Answers submitted" in supplier.locator(".flashes").inner_text()
    with portal.app.app_context():
        from portal.extensions import db
        from portal.models import Response
        answers = db.session.scalar(sa.select(Response.answers)
                                    .where(Response.assessment_id == assessment_id))
    for qid, field in STATED.items():  # the certificate's values, confirmed as they were
        assert str(answers[qid]) == str(expected[field]), qid

    # Procurement: the verdict first, then the claims beside the evidence (desktop and phone).
    for viewport, label in ((None, "desktop"), (PHONE, "phone")):
        page = buyer if viewport is None else new_page(PHONE)
        if viewport is not None:
            sign_in(page, portal.users["procurement"])
        page.goto(assessment_url)
        line = page.locator(".verdict-line").inner_text()
        assert line.startswith("Red: ") and "Next: " in line, line
        first = page.evaluate("() => document.querySelector('main h2').id")
        assert first == "verdict-h"
        narrow = page.locator('#verdict li.flag[data-code="scope.narrow"]')
        assert "Blocker:" in narrow.inner_text() and narrow.get_by_role("link").count() >= 1
        row = page.locator('tr[data-question="certificate_number"]')
        assert "Agrees" in row.inner_text() and row.get_by_role("link").count() == 1
        _check_page(page, shots, f"{label}-verdict-and-claims")

    # A decision without a reason is refused on the page itself: counted, linked, the choice kept (a blank
    # reason: an empty one the browser's own check stops first).
    buyer.get_by_label("Accept").check()
    buyer.get_by_label("Reason").fill("   ")
    buyer.get_by_role("button", name="Record decision").click()
    summary = buyer.locator("[data-error-summary]")
    assert "1 problem to fix" in summary.inner_text() and "Reason: Give a reason" in summary.inner_text()
    assert buyer.get_by_label("Accept").is_checked()
    _check_page(buyer, shots, "decision-refused")

    # Accepting a red assessment asks for a confirmation; done with the keyboard only.
    buyer.get_by_label("Reason").fill("Accepted with a contractual scope extension.")
    buyer.get_by_role("button", name="Record decision").click()
    assert "Accept Kinetica despite the risks?" in buyer.locator("h1").inner_text()
    assert "blocker" in buyer.locator("#decision-risks").inner_text()
    _check_page(buyer, shots, "confirm-acceptance")
    _tab_to(buyer, "e.name === 'confirm'")
    buyer.keyboard.press("Space")
    _tab_to(buyer, "e.tagName === 'BUTTON' && e.textContent.includes('Accept despite')")
    with buyer.expect_navigation():
        buyer.keyboard.press("Enter")
    decision = buyer.locator("#decision").inner_text()
    assert "Accepted" in decision and "contractual scope extension" in decision
    assert buyer.locator(f'form[action="/assessments/{assessment_id}/decision"]').count() == 0
    _check_page(buyer, shots, "accepted")


def _answer(page, name):
    """Give an answer to a question no document states (typed, chosen or picked)."""
    field = page.locator(f'[name="{name}"]').first
    kind = field.evaluate("e => e.type || e.tagName.toLowerCase()")
    if name in NOT_STATED_TEXT:
        field.fill(NOT_STATED_TEXT[name])
    elif kind == "radio":
        page.locator(f'input[type=radio][name="{name}"]').first.check()
    elif kind.startswith("select"):
        if name.endswith("-role"):
            field.select_option("LLM")
        else:
            field.select_option(index=1)
    elif kind == "date":
        field.fill("2026-08-14")
    elif name.endswith("-name"):
        field.fill("OpenAI")
    else:
        field.fill("As agreed in the contract")
