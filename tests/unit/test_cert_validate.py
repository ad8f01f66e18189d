"""The per-field validators: implausible readings are rejected before they compete (table-driven)."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers import cert_validate as v

D = dt.date


@pytest.mark.parametrize("name", [
    "Weisshorn Medizintechnik GmbH",
    "Marlow Kingfisher Certification Pte. Ltd.",
    "Rasa Certification Services Private Limited",
    "Jiangnan Zhiyuan Certification Co., Ltd.",
    "The Access Group Ltd",
    "Centre for Responsible AI Ltd",
    "Gesellschaft für Informatik e.V.",
    "Brightwater Audit & Certification SAS",
    "Kinetica Claims Analytics, Inc.",
    "Palisade Robotics a.s.",  # a lower-case legal form is no sentence
    "Fennick Health (Pty) Ltd",
    "Kwaliteit Certificazione S.r.l.s.",
    "Albion Certification DAC",
])
def test_organisation_names_pass(name: str) -> None:
    verdict = v.organisation(name)
    assert verdict.ok and verdict.value == name and verdict.quality == 1.0


def test_a_name_without_legal_form_passes_a_little_less_surely() -> None:
    verdict = v.organisation("Acme Robotics")
    assert verdict.ok and verdict.quality < 1.0


@pytest.mark.parametrize("text, why", [
    ("This", "pronoun"),
    ("the company", "pronoun"),
    ("This is to certify", "sentence"),
    ("Organisation", "pronoun"),
    ("Certificate holder", "label"),
    ("has implemented and maintains an AI management system", "sentence"),
    ("Tamsin & Rowe Assurance Ltd United Kingdom Accreditation", "after the legal form"),
    ("Corrib Conformity Assessment Ltd Irish National Accreditation", "after the legal form"),
    ("Acme Voice and", "truncated"),
    ("https://verify.example.com", "link"),
    ("12 March 2025", "date"),
    ("ISO/IEC 42001:2023", "date, number"),
    ("Fennick Health (Pty", "truncated"),
    ("Ltd.", "legal form alone"),
    ("CERTIFICATE", "title"),
    ("AI Management System", "title"),
    ("Page 1 of 1", "page number"),
    ("Voor Oakhurst Certificatie N.V.", "signature line"),
    ("Für die Veritan Prüf- und Zertifizierungsgesellschaft SA", "signature line"),
    ("Namens Lusocert Assurance Registrar FZ-LLC", "signature line"),
])
def test_organisation_rejects_what_is_no_name(text: str, why: str) -> None:
    verdict = v.organisation(text)
    assert not verdict.ok and why in verdict.reason, verdict


@pytest.mark.parametrize("name, ok", [
    ("Halberd Certification GmbH", True),
    ("United Kingdom Accreditation Service", False),
    ("Deutsche Akkreditierungsstelle GmbH", False),
])
def test_an_accreditation_body_is_never_the_issuer(name: str, ok: bool) -> None:
    assert v.issuer(name).ok is ok


@pytest.mark.parametrize("text", ["AIMS 782208", "95719-KI-24", "TRA-896137-AIMS", "CCA/AIMS/9657",
                                  "RCS/AIMS/24/1653", "QCS-42001-31918", "LPR 862352", "37 626 24935 TMS"])
def test_certificate_numbers_pass(text: str) -> None:
    assert v.code(text).ok


@pytest.mark.parametrize("text", ["Rev. 2", "Page 1 of 2", "1 of 2", "12 March 2025", "2025-03-12",
                                  "ISO/IEC 42001:2023", "42001", "7", "Version 3.1", "APPROVAL", "Issue 3",
                                  "Revision 04", "Level 12", "Suite 400"])
def test_decoys_are_not_certificate_numbers(text: str) -> None:
    assert not v.code(text).ok


@pytest.mark.parametrize("value, ok", [(D(2025, 1, 1), True), (D(1899, 5, 1), False), (D(2150, 1, 1), False),
                                       ("1 May 2025", False), (None, False)])
def test_dates(value: object, ok: bool) -> None:
    assert v.date(value).ok is ok


@pytest.mark.parametrize("text", [
    "Königsallee 92a, 40212 Düsseldorf, Germany",
    "3rd Floor, 40 Temple Quay, Bristol BS1 6DZ, UK",
    "Dublin, Ireland",
    "Shibuya Crest Bldg 8F, 2-11-4 Shibuya, Shibuya-ku, Tokyo 150-0002, Japan",
    "71 Robinson Road, #14-01, Singapore 068895",
    "Calle de Alcalá 120, 28009 Madrid, Spain",
    "Rua Augusta 100, 1100-053 Lisboa, Portugal",
    "1207 Congress Avenue, Suite 400, Austin, TX 78701, United States",
])
def test_addresses_pass(text: str) -> None:
    assert v.address(text).ok, v.address(text)


@pytest.mark.parametrize("text", [
    "Location 1",
    "Head office",
    "are listed in the Schedule on page 2.",
    "See Appendix 2",
    "Certificate No.: 1234",
    "01.02.2025 - 31.01.2028",
    "This certificate remains the property of X Ltd, 1 Road, London",
    "ein Managementsystem für künstliche Intelligenz eingeführt hat und anwendet.",
    "ISO/IEC 42001:2023",
])
def test_what_is_no_address(text: str) -> None:
    assert not v.address(text).ok


def test_a_site_list_holding_a_non_address_is_no_site_list() -> None:
    assert v.addresses(("1 King Street, London, UK", "Dublin, Ireland")).ok
    assert not v.addresses(("1 King Street, London, UK", "Location 2")).ok
    twice = v.addresses(("1 King St, London, UK", "1 King  St, London, UK"))
    assert twice.value == ("1 King St, London, UK",)


@pytest.mark.parametrize("text, want", [
    ("Design, development and operation of the Example AI platform.",
     "Design, development and operation of the Example AI platform."),
    ("Management of the X lifecycle, including support. This certificate is valid only in conjunction with "
     "its Annex.", "Management of the X lifecycle, including support."),
    ("Provision of X. The validity of this certificate depends on successful surveillance audits.",
     "Provision of X."),
])
def test_scope_keeps_the_statement_and_drops_boilerplate_after_it(text: str, want: str) -> None:
    verdict = v.scope(text)
    assert verdict.ok and verdict.value == want


@pytest.mark.parametrize("text", [
    "in conjunction with its Annex. Validity can be verified at https://verify.example.",
    "See Annex 1",
    "and the certified locations are defined in the Annex to this certificate, which forms an integral part",
    "ISO/IEC 42001:2023",
    "Short.",
    "three years from the date of issue, subject to annual surveillance audits.",
    "remains the property of X Ltd and must be returned on request.",
])
def test_boilerplate_and_pointers_are_no_scope(text: str) -> None:
    assert not v.scope(text).ok


@pytest.mark.parametrize("value, ok", [
    ("UKAS", True), ("European AI Accreditation Board", True), ("/ Accredited by", False),
    ("is responsible for the accreditation of bodies in many countries", False),
])
def test_accreditation(value: str, ok: bool) -> None:
    assert v.accreditation(value).ok is ok


@pytest.mark.parametrize("value, ok", [
    (("2.1", D(2025, 1, 15)), True), (("2.1", None), True), ((None, D(2025, 1, 15)), True),
    ((None, None), False), (("12345678901234", None), False),
])
def test_soa_reference(value: tuple[object, object], ok: bool) -> None:
    assert v.soa_reference(value).ok is ok
