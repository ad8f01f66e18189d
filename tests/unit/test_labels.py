"""Field labels found by meaning, fuzzily, including variants not in the vocabulary."""

from __future__ import annotations

import pytest

from parsers.labels import fold, match_label


@pytest.mark.parametrize("text, field", [
    ("Certificate No.:", "certificate_number"),
    ("Certificate Nr. 4711", "certificate_number"),
    ("Cert. Ref.", "certificate_number"),
    ("Registration number", "certificate_number"),
    ("Zertifikat-Nr.:", "certificate_number"),
    ("Expiry date:", "expiry_date"),
    ("Valid until", "expiry_date"),
    ("Expiration Date", "expiry_date"),
    ("This certificate expires on", "expiry_date"),
    ("Gültig bis:", "expiry_date"),
    ("gueltig bis", "expiry_date"),
    ("Original certification date:", "initial_certification_date"),
    ("Initial certification", "initial_certification_date"),
    ("First issued", "initial_certification_date"),
    ("Erstzertifizierung", "initial_certification_date"),
    ("Current issue date:", "issue_date"),
    ("Date of issue", "issue_date"),
    ("Effective date", "issue_date"),
    ("Ausstellungsdatum:", "issue_date"),
    ("Surveillance audit completed on", "surveillance_dates"),
    ("Next audit due", "next_audit_due"),
    ("Organisation", "holder"),
    ("Awarded to", "holder"),
    ("This is to certify that", "holder"),
    ("Hiermit wird bescheinigt, dass", "holder"),
    ("Certified site(s)", "sites"),
    ("Standorte:", "sites"),
    ("Scope of certification", "scope"),
    ("for the following scope:", "scope"),
    ("Geltungsbereich:", "scope"),
    ("Accreditation", "accreditation_body"),
    ("Statement of Applicability", "soa_reference"),
])
def test_known_labels(text: str, field: str) -> None:
    hit = match_label(text)
    assert hit is not None and hit.field == field, (text, hit)


@pytest.mark.parametrize("text, field", [
    ("Certifcate Numbr", "certificate_number"),  # typos / OCR noise
    ("Expiry dale", "expiry_date"),
    ("Orignal certification date", "initial_certification_date"),
    ("Scope of certificaton:", "scope"),
    ("Surveilance audit", "surveillance_dates"),
])
def test_fuzzy_variants_not_in_the_vocabulary(text: str, field: str) -> None:
    hit = match_label(text)
    assert hit is not None and hit.field == field, (text, hit)


def test_inline_value_after_the_label() -> None:
    hit = match_label("Certificate reference: LPR 599626. The organisation was")
    assert hit is not None and hit.field == "certificate_number"
    assert hit.rest.startswith("LPR 599626")


def test_one_word_label_with_separator_keeps_its_value() -> None:
    hit = match_label("Location: 1 King Street, London")
    assert hit is not None and hit.field == "sites" and hit.rest == "1 King Street, London"
    hit = match_label("Scope - all AI products")
    assert hit is not None and hit.field == "scope" and hit.rest == "all AI products"


def test_longest_label_wins() -> None:
    hit = match_label("Surveillance audit completed on")
    assert hit is not None and hit.phrase == "surveillance audit completed on" and hit.rest == ""


@pytest.mark.parametrize("text", [
    "The design, development and operation of the platform",
    "Harbourline Voice Ltd",
    "14 Wharf Street, Manchester",
    "Standards Council of Canada",
    "Sitemap",
    "Location-based services for retail customers",  # a one-word label needs a separator
    "Issue 3 of the Statement of Applicability",
    "Company-wide AI governance",
])
def test_ordinary_text_is_not_a_label(text: str) -> None:
    hit = match_label(text)
    assert hit is None or hit.field == "stop", (text, hit)


def test_fold_strips_case_accents_and_punctuation() -> None:
    assert fold("Gültig  BIS:") == "gultig bis"
    assert fold("Straße") == "strasse"
