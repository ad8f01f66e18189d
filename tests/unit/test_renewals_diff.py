"""The renewal diff: scope words, sites, bodies, dates, SoA controls, and the call-outs."""

from __future__ import annotations

from parsers.model import CertificateExtraction, SoaExtraction
from scoring.renewal import (
    diff_certificates,
    diff_extractions,
    diff_scope,
    diff_soas,
    narrowing_reasons,
    renewal_diff,
)

PRODUCT = ["Harbourline VoiceDesk", "VoiceDesk"]
OLD_SCOPE = ("The design, development, deployment and operation of the Harbourline VoiceDesk AI platform, "
             "including model lifecycle management, monitoring and customer support.")


def _cert(**fields):
    base = {"kind": "certificate", "holder": "Harbourline Voice Ltd", "certificate_number": "AIMS 1",
            "certification_body": "Calderwood Assurance Registrar Ltd", "accreditation_body": "UKAS",
            "issue_date": "2024-12-16", "expiry_date": "2027-12-15", "surveillance_dates": [],
            "scope": OLD_SCOPE, "sites": ["14 Wharf Street, Manchester, United Kingdom"]}
    base.update(fields)
    return base


def _soa(**applicable):
    controls = [{"id": "A.2.2", "applicable": True}, {"id": "A.10.2", "applicable": True},
                {"id": "A.10.3", "applicable": True},
                {"id": "A.7.5", "applicable": False, "justification": "x"}]
    for cid, value in applicable.items():
        controls = [dict(c, applicable=value) if c["id"] == cid.replace("_", ".") else c for c in controls]
    return {"kind": "soa", "version": "3.3", "date": "2024-11-14", "controls": controls}


def test_identical_certificates_show_no_change_and_no_callout():
    diff = diff_certificates(_cert(), _cert(), PRODUCT)
    assert not diff.changed and diff.callouts == ()


def test_scope_with_words_removed_is_called_narrower():
    narrower = "The operation of the Harbourline VoiceDesk AI platform."
    diff = diff_certificates(_cert(), _cert(scope=narrower), PRODUCT)
    assert "design," in diff.scope.words_removed and "monitoring" in diff.scope.words_removed
    assert diff.scope.words_added == ()
    assert [c.code for c in diff.callouts] == ["scope.narrower"]
    assert "words removed" in diff.callouts[0].message


def test_scope_segments_rebuild_both_texts():
    after = "The design and operation of the Harbourline VoiceDesk platform, excluding speech-to-text."
    diff = diff_scope(OLD_SCOPE, after)
    kept = [s.text for s in diff.segments if s.kind != "added"]
    new = [s.text for s in diff.segments if s.kind != "removed"]
    # unchanged runs show the new wording; a word differing only in punctuation counts as unchanged
    assert _words(" ".join(kept)) == _words(OLD_SCOPE)
    assert " ".join(new).split() == after.split()
    assert "excluding" in diff.words_added and "deployment" in diff.words_removed


def _words(text):
    return [w.strip(".,").lower() for w in text.split()]


def test_product_no_longer_named_is_called_narrower_even_when_words_are_added():
    other = ("The design, development, deployment and operation of the HR screening assistant, including "
             "model lifecycle management, monitoring, customer support and recruitment analytics services.")
    reasons = narrowing_reasons(diff_scope(OLD_SCOPE, other), PRODUCT)
    assert any("no longer named (Harbourline VoiceDesk, VoiceDesk)" in r for r in reasons)


def test_new_exclusion_language_is_called_narrower():
    after = OLD_SCOPE.rstrip(".") + ", excluding third-party speech recognition and LLM providers."
    diff = diff_certificates(_cert(), _cert(scope=after), PRODUCT)
    assert diff.scope.words_removed == ()
    assert "excluding" in diff.callouts[0].message and "new exclusion language" in diff.callouts[0].message


def test_an_exclusion_already_there_is_not_new():
    before = OLD_SCOPE + " Telephony is excluding."
    after = before + " Support hours extended to weekends and public holidays."
    assert diff_certificates(_cert(scope=before), _cert(scope=after), PRODUCT).callouts == ()


def test_a_wider_scope_is_not_called_narrower():
    wider = OLD_SCOPE.rstrip(".") + ", and all AI systems developed and operated by the organisation."
    diff = diff_certificates(_cert(), _cert(scope=wider), PRODUCT)
    assert diff.scope.changed and diff.callouts == ()


def test_sites_added_and_removed_ignore_case_and_punctuation():
    new_sites = ["14 wharf street manchester united kingdom", "3 Quay Road, Dublin, Ireland"]
    diff = diff_certificates(_cert(sites=["14 Wharf Street, Manchester, United Kingdom", "Leeds"]),
                             _cert(sites=new_sites), PRODUCT)
    assert diff.sites_added == ("3 Quay Road, Dublin, Ireland",)
    assert diff.sites_removed == ("Leeds",)


def test_body_and_date_changes():
    renewed = _cert(certification_body="Northpass Certification", accreditation_body=None,
                    expiry_date="2028-12-15", surveillance_dates=["2025-12-01"])
    diff = diff_certificates(_cert(), renewed, PRODUCT)
    assert [(c.field, c.before, c.after) for c in diff.body_changes] == [
        ("certification_body", "Calderwood Assurance Registrar Ltd", "Northpass Certification"),
        ("accreditation_body", "UKAS", None)]
    assert [c.field for c in diff.date_changes] == ["expiry_date", "surveillance_dates"]
    assert diff.callouts == ()  # bodies and dates are shown, not called out


def test_whitespace_and_case_alone_are_no_change():
    renewed = _cert(certification_body="CALDERWOOD  assurance registrar ltd")
    diff = diff_certificates(_cert(), renewed, PRODUCT)
    assert diff.body_changes == ()


def test_control_newly_excluded_is_called_out():
    diff = diff_soas(_soa(), _soa(A_10_3=False))
    assert diff.controls_newly_excluded == ("A.10.3",)
    assert [c.code for c in diff.callouts] == ["control.newly_excluded"]
    assert "A.10.3" in diff.callouts[0].message


def test_control_newly_included_is_shown_without_a_callout():
    diff = diff_soas(_soa(), _soa(A_7_5=True))
    assert diff.controls_newly_included == ("A.7.5",) and diff.callouts == ()


def test_a_control_excluded_in_both_is_not_new_and_a_dropped_one_is_listed():
    old = _soa()
    new = dict(_soa(), controls=[c for c in _soa()["controls"] if c["id"] != "A.2.2"], version="3.4")
    diff = diff_soas(old, new)
    assert diff.controls_newly_excluded == ()
    assert diff.controls_no_longer_listed == ("A.2.2",)
    assert [(c.field, c.after) for c in diff.other_changes] == [("version", "3.4")]


def test_diff_extractions_dispatches_on_kind():
    assert diff_extractions(_soa(), _soa(A_10_2=False)).controls_newly_excluded == ("A.10.2",)
    assert diff_extractions(_cert(), _cert(scope=""), PRODUCT).kind == "certificate"


def test_typed_extractions_compare_with_the_field_lists_labels():
    old = CertificateExtraction.from_json(_cert())
    new = CertificateExtraction.from_json(_cert(expiry_date="2028-12-15", certified=False,
                                                surveillance_dates=["2025-12-01"]))
    diff = renewal_diff(old, new, PRODUCT)
    assert [(c.field, c.label, c.before, c.after) for c in diff.date_changes] == [
        ("expiry_date", "Expiry date", "2027-12-15", "2028-12-15"),
        ("surveillance_dates", "Surveillance audits", [], ["2025-12-01"])]
    assert [(c.field, c.label) for c in diff.other_changes] == [
        ("certified", "Certified (not only 'aligned')")]
    soa = renewal_diff(SoaExtraction.from_json(_soa()), SoaExtraction.from_json(_soa(A_10_3=False)))
    assert soa.kind == "soa" and soa.controls_newly_excluded == ("A.10.3",)
