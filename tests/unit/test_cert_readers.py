"""Stage `find_candidates`: each reader turns the document's structures into readings (field, value, how)."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers.cert_candidates import find_candidates
from parsers.cert_structures import find_structures
from parsers.cert_validate import validate
from parsers.settings import DEFAULT_SETTINGS

from .cert_pdf import Text, build_pdf, pages_of, paragraph

D = dt.date


def _readings(lines: list[str], *more: Text) -> set[tuple[str, object, str]]:
    """Return the validated readings of a one-page certificate written as a paragraph of `lines`."""
    pdf = build_pdf([[*paragraph(60, 60, lines, 11, 14), *more]])
    s = find_structures(pages_of(pdf), DEFAULT_SETTINGS.label_cutoff)
    accepted, _ = validate(find_candidates(s))
    return {(c.field, c.value, c.how) for c in accepted}


def test_a_letter_names_holder_and_body_in_one_sentence() -> None:
    found = _readings([
        "This letter confirms that Hanul Speech Co., Ltd. has been certified by Hanbit Certification",
        "Services Co., Ltd. as operating an AI Management System that conforms to ISO/IEC 42001:2023.",
    ])
    assert ("holder", "Hanul Speech Co., Ltd.", "label:inline") in found
    assert ("certification_body", "Hanbit Certification Services Co., Ltd.", "signs_for") in found


def test_the_body_that_certifies_is_read_before_its_opener() -> None:
    found = _readings(["Tamsin & Rowe Assurance Ltd hereby certifies that"],
                      Text(60, 90, "Aldergrove Conversational AI Limited", 18))
    assert ("certification_body", "Tamsin & Rowe Assurance Ltd", "certifies") in found
    assert ("holder", "Aldergrove Conversational AI Limited", "opener") in found


@pytest.mark.parametrize("lines, name", [
    (["This certificate remains the property of Corrib Conformity Assessment Ltd, Dock Road,",
      "Galway H91 T2X0, Ireland."], "Corrib Conformity Assessment Ltd"),
    (["Dieses Zertifikat bleibt Eigentum der Nordlicht Zertifizierung GmbH und ist zurückzugeben."],
     "Nordlicht Zertifizierung GmbH"),
    (["Ce certificat reste la propriété de Lumière Certification SAS."], "Lumière Certification SAS"),
])
def test_the_ownership_clause_names_the_issuer(lines: list[str], name: str) -> None:
    assert ("certification_body", name, "property") in _readings(lines)


def test_a_signature_line_for_a_body() -> None:
    assert ("certification_body", "Sakuragawa Registrar K.K.", "signs_for") in _readings(
        ["For Sakuragawa Registrar K.K."])


@pytest.mark.parametrize("lines, name, when", [
    (["The certificate is valid until 11 March 2027 subject to surveillance."], "expiry_date",
     D(2027, 3, 11)),
    (["This certificate expires on June 2, 2028."], "expiry_date", D(2028, 6, 2)),
    (["The organisation was initially certified on 3 June 2025 and the current certificate",
      "was issued on 3 June 2025."], "initial_certification_date", D(2025, 6, 3)),
])
def test_dates_after_their_phrase_in_running_text(lines: list[str], name: str, when: D) -> None:
    assert (name, when, "sentence") in _readings(lines)


def test_a_validity_period_in_running_text_gives_both_ends() -> None:
    found = _readings(["This certificate is valid from 1 May 2025 to 30 April 2028."])
    assert ("expiry_date", D(2028, 4, 30), "range") in found
    assert ("issue_date", D(2025, 5, 1), "range") in found


def test_surveillance_audits_under_several_labels_are_one_reading() -> None:
    found = _readings(["1st surveillance audit: 2024-01-15", "2nd surveillance audit: 2025-01-20"])
    assert ("surveillance_dates", (D(2024, 1, 15), D(2025, 1, 20)), "label:inline") in found


def test_a_heading_carries_the_certificate_number() -> None:
    found = _readings(["Annex to certificate TRA-896137-AIMS"])
    assert ("certificate_number", "TRA-896137-AIMS", "title") in found


def test_a_denied_accreditation_gives_no_body() -> None:
    found = _readings(["This organisation is not accredited by UKAS or any other body."])
    assert not any(f == "accreditation_body" for f, _, _ in found)


def test_the_soa_cited_in_a_sentence() -> None:
    found = _readings(["In accordance with the Statement of Applicability, Version 3.0, dated 22.01.2024."])
    assert ("soa_reference", ("3.0", D(2024, 1, 22)), "sentence") in found
