"""Certificate extraction on layouts the corpus does not have, built here with reportlab."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers import CertificateExtraction, parse
from parsers.certificate import UNREAD_DATE_NOTE

from .cert_pdf import Text, build_pdf, justified, paragraph

D = dt.date


def _cert(pages: list[list[Text]], wide: bool = False) -> CertificateExtraction:
    result = parse(build_pdf(pages, wide=wide))
    assert isinstance(result, CertificateExtraction), result
    return result


@pytest.fixture(scope="module")
def german() -> CertificateExtraction:
    """A German certificate: German labels, dotted dates, the DAkkS full name, scope below its label."""
    page = [
        Text(60, 40, "Nordlicht Zertifizierungsgesellschaft mbH", 16, bold=True),
        Text(60, 62, "Am Sandtorkai 12, 20457 Hamburg, Deutschland", 8),
        Text(200, 120, "ZERTIFIKAT", 26, bold=True),
        Text(60, 170, "Hiermit wird bescheinigt, dass", 11),
        Text(60, 190, "Fjordwerk Sprachdienste GmbH", 16, bold=True),
        Text(60, 215, "ein KI-Managementsystem nach ISO/IEC 42001:2023 eingeführt hat und anwendet.", 10),
        Text(60, 250, "Geltungsbereich:", 10, bold=True),
        *paragraph(60, 265, ["Entwicklung und Betrieb des Sprachassistenten FjordVoice einschließlich",
                             "Modellüberwachung und Kundenbetreuung."]),
        Text(60, 320, "Standort:", 10, bold=True),
        Text(200, 320, "Speicherstadt 4, 20457 Hamburg, Deutschland"),
        Text(60, 340, "Zertifikat-Nr.:", 10, bold=True), Text(200, 340, "NZ-KI-0042"),
        Text(60, 360, "Erstzertifizierung:", 10, bold=True), Text(200, 360, "05.02.2024"),
        Text(60, 380, "Ausstellungsdatum:", 10, bold=True), Text(200, 380, "05.02.2025"),
        Text(60, 400, "Gültig bis:", 10, bold=True), Text(200, 400, "04.02.2027"),
        Text(60, 420, "Überwachungsaudit:", 10, bold=True), Text(200, 420, "17. Januar 2025"),
        Text(60, 480, "Akkreditiert durch die Deutsche Akkreditierungsstelle GmbH (D-ZM-12345-01-00)", 9),
        Text(60, 520, "Unterschrift", 9),
    ]
    return _cert([page])


def test_german_certificate_fields(german: CertificateExtraction) -> None:
    assert german.standard == "ISO/IEC 42001:2023"
    assert german.certified is True
    assert german.holder == "Fjordwerk Sprachdienste GmbH"
    assert german.certificate_number == "NZ-KI-0042"
    assert german.initial_certification_date == D(2024, 2, 5)
    assert german.issue_date == D(2025, 2, 5)
    assert german.expiry_date == D(2027, 2, 4)
    assert german.surveillance_dates == [D(2025, 1, 17)]
    assert german.accreditation_body == "DAkkS"
    assert german.sites == ["Speicherstadt 4, 20457 Hamburg, Deutschland"]
    assert german.scope == ("Entwicklung und Betrieb des Sprachassistenten FjordVoice einschließlich "
                            "Modellüberwachung und Kundenbetreuung.")
    assert german.certification_body == "Nordlicht Zertifizierungsgesellschaft mbH"


def test_every_field_has_evidence_on_its_page(german: CertificateExtraction) -> None:
    for name in ("holder", "certificate_number", "expiry_date", "scope", "accreditation_body", "sites"):
        quote = german.quote(name)
        assert quote is not None, name
        assert quote.page == 1 and quote.bbox is not None
        assert quote.text in german.page_texts[0] or quote.text.split(" ")[0] in german.page_texts[0]


def test_sentence_style_us_letter_with_slashed_dates() -> None:
    """Dates only in sentences, month-first numbers resolved by the US address, scope on page 2."""
    page1 = [
        Text(340, 40, "Meridian Audit Partners Inc.", 14, bold=True),
        Text(340, 58, "100 Main Street, Denver, CO 80202, USA", 8),
        *paragraph(60, 130, [
            "We hereby certify that Pinecrest Analytics LLC operates an AI management system",
            "that meets ISO/IEC 42001:2023. The certificate, reference PAI-2025/117, was issued on",
            "03/04/2025 and is valid until 03/03/2028. The last surveillance audit took place on",
            "02/10/2026. The scope of certification is set out on page 2.",
        ], size=11, leading=15),
        Text(60, 230, "Accreditation: ANSI National Accreditation Board", 10),
        Text(60, 290, "Signed for Meridian Audit Partners Inc.", 10),
    ]
    page2 = [
        Text(60, 60, "Scope of certification", 13, bold=True),
        *paragraph(60, 85, ["Design, training and hosting of the Pinecrest Forecast API for retail",
                            "customers, excluding externally provided large language models."]),
        Text(60, 140, "Certified sites", 13, bold=True),
        Text(60, 160, "1600 Glenarm Place, Denver, CO 80202, United States"),
        Text(60, 175, "55 Water Street, New York, NY 10041, United States"),
    ]
    cert = _cert([page1, page2])
    assert cert.issue_date == D(2025, 3, 4)
    assert cert.expiry_date == D(2028, 3, 3)
    assert cert.holder == "Pinecrest Analytics LLC"
    assert cert.accreditation_body == "ANAB"
    assert cert.scope is not None and cert.scope.startswith("Design, training and hosting")
    assert cert.scope.endswith("large language models.")
    assert cert.quote("scope") is not None and cert.quote("scope").page == 2  # type: ignore[union-attr]
    assert cert.sites == ["1600 Glenarm Place, Denver, CO 80202, United States",
                          "55 Water Street, New York, NY 10041, United States"]
    assert cert.certification_body == "Meridian Audit Partners Inc."


def test_header_row_table_with_values_underneath() -> None:
    """Labels in a table header row with the values in the row below, landscape page."""
    header_y, value_y = 260, 278
    cols = [(60, "Cert. Ref.", "TQ-77-1902"), (200, "Date of issue", "2025-06-30"),
            (340, "Expiry", "2028-06-29"), (480, "Next audit due", "2026-06-15")]
    page = [
        Text(60, 40, "TRIQUETRA REGISTRAR PTY LTD", 14, bold=True),
        Text(60, 100, "Certificate of Conformity", 22, bold=True),
        Text(60, 150, "Certificate holder:", 10), Text(220, 150, "Bluegum Robotics Pty Ltd", 12, bold=True),
        Text(60, 175, "Standard:", 10), Text(220, 175, "ISO 42001:2023"),
        Text(60, 200, "This certificate is valid for:", 10),
        Text(220, 200, "Autonomous warehouse picking robots and their AI planning software."),
        *[Text(x, header_y, label, 9, bold=True) for x, label, _ in cols],
        *[Text(x, value_y, value, 10) for x, _, value in cols],
        Text(60, 330, "Accreditation: JAS-ANZ", 9),
    ]
    cert = _cert([page], wide=True)
    assert cert.certificate_number == "TQ-77-1902"
    assert cert.issue_date == D(2025, 6, 30)
    assert cert.expiry_date == D(2028, 6, 29)
    assert cert.next_audit_due == D(2026, 6, 15)
    assert cert.holder == "Bluegum Robotics Pty Ltd"
    assert cert.standard == "ISO/IEC 42001:2023"
    assert cert.scope == "Autonomous warehouse picking robots and their AI planning software."
    assert cert.accreditation_body == "JAS-ANZ"
    assert cert.certification_body == "TRIQUETRA REGISTRAR PTY LTD"  # as printed: no mixed-case copy


def test_self_assessment_is_not_certified_and_lookalike_body_kept_as_printed() -> None:
    page = [
        Text(60, 40, "Aurora Compliance Advisors Ltd", 14, bold=True),
        Text(60, 90, "Self-Assessment Statement – ISO/IEC 42001", 14, bold=True),
        *paragraph(60, 130, ["Quillfeather Media Ltd has completed a self-assessment of its AI management",
                             "system and considers it compliant with ISO/IEC 42001."], size=10),
        Text(60, 190, "Accreditation: United Accreditation Foundation (UAF)", 10),
    ]
    cert = _cert([page])
    assert cert.certified is False
    assert cert.standard == "ISO/IEC 42001"
    assert cert.accreditation_body == "United Accreditation Foundation"
    assert cert.certificate_number is None
    assert cert.expiry_date is None


def test_registrar_style_with_mid_sentence_number_and_iso_dates() -> None:
    """Holder after 'the management system of:', number inside a sentence, 'Valid: from - to' range."""
    page = [
        Text(60, 40, "Kestrel Assurance Services Ltd", 14, bold=True),
        Text(150, 90, "Certificate of Registration", 20, bold=True),
        Text(60, 140, "This is to certify that the management system of:", 11),
        Text(60, 160, "Wrenfield Mobility Limited", 15, bold=True),
        Text(60, 180, "Unit 7, Dockside Road, Belfast, BT3 9DT, United Kingdom", 10),
        Text(60, 205, "holds Certificate Number: AIMS 640021 and has been assessed against", 10),
        Text(60, 225, "ISO/IEC 42001:2023", 16, bold=True),
        Text(60, 255, "for the following scope:", 10),
        *paragraph(60, 272, ["Development and operation of the Wrenfield RideMatch dispatch and routing",
                             "AI service, including its machine-learning pipelines."]),
        Text(60, 330, "Original Registration Date: 2024-01-10", 9),
        Text(300, 330, "Valid: 2025-01-10 - 2028-01-09", 9),
        Text(60, 345, "Last surveillance audit: 2025-11-20", 9),
        Text(60, 400, "Signed on behalf of Kestrel Assurance Services Ltd", 9),
        Text(400, 400, "UKAS Management Systems 8812", 8),
    ]
    cert = _cert([page])
    assert cert.holder == "Wrenfield Mobility Limited"
    assert cert.sites == ["Unit 7, Dockside Road, Belfast, BT3 9DT, United Kingdom"]  # printed under the name
    assert cert.certificate_number == "AIMS 640021"
    assert cert.initial_certification_date == D(2024, 1, 10)
    assert cert.issue_date == D(2025, 1, 10)
    assert cert.expiry_date == D(2028, 1, 9)
    assert cert.surveillance_dates == [D(2025, 11, 20)]
    assert cert.accreditation_body == "UKAS"
    assert cert.certification_body == "Kestrel Assurance Services Ltd"
    assert cert.scope == ("Development and operation of the Wrenfield RideMatch dispatch and routing AI "
                          "service, including its machine-learning pipelines.")


def test_ambiguous_numeric_dates_are_left_unread_with_a_reason() -> None:
    page = [
        Text(60, 60, "CERTIFICATE", 20, bold=True),
        Text(60, 100, "Awarded to: Blue Heron Data", 11),  # no country, no legal form, no day over 12
        Text(60, 120, "Standard: ISO/IEC 42001:2023", 11),
        Text(60, 140, "Certificate No.: CZ-88-01", 11),
        Text(60, 160, "Expiry date: 03/04/2027", 11),
    ]
    cert = _cert([page])
    assert cert.expiry_date is None
    notes = cert.evidence.get(UNREAD_DATE_NOTE)
    assert notes and "03/04/2027" in notes[0].text and "cannot be told apart" in notes[0].text


def test_ocr_like_noise_and_indented_values() -> None:
    """Misspelt labels, letters for digits in dates, and values indented under short labels."""
    page = [
        Text(60, 40, "Halvard Certification AS", 14, bold=True),
        Text(60, 80, "Certifcate of Registratlon", 18, bold=True),
        Text(60, 120, "Organisatlon:", 10), Text(100, 134, "Sundmoen Analytics AS", 12),
        Text(60, 160, "Certifcate Numbr:", 10), Text(100, 174, "HC-2025-0117"),
        Text(60, 200, "Expiry dale:", 10), Text(100, 214, "3O June 2O28"),
        Text(60, 240, "Scope:", 10),
        *paragraph(100, 254, ["Operation of the Sundmoen fish-stock forecasting models for aquaculture",
                              "clients, including data ingestion and model monitoring."]),
        Text(60, 310, "ISO/IEC 42001:2023", 12),
        Text(60, 340, "Accreditation: Norsk Akkreditering MSYS 012", 9),
    ]
    cert = _cert([page])
    assert cert.holder == "Sundmoen Analytics AS"
    assert cert.certificate_number == "HC-2025-0117"
    assert cert.expiry_date == D(2028, 6, 30)
    assert cert.scope == ("Operation of the Sundmoen fish-stock forecasting models for aquaculture clients, "
                          "including data ingestion and model monitoring.")
    assert cert.accreditation_body == "NA"


def test_unlabelled_holder_is_the_prominent_organisation_not_the_issuer() -> None:
    page = [
        Text(60, 40, "Saltire Certification Ltd", 12, bold=True),
        Text(60, 100, "CERTIFICATE", 24, bold=True),
        Text(60, 150, "Loch Dubh Voice Systems Ltd", 18, bold=True),
        Text(60, 180, "has been assessed and registered against ISO/IEC 42001:2023", 11),
        Text(60, 200, "in respect of: Design and operation of the Loch Dubh speech analytics service.", 10),
        Text(60, 240, "Certificate No.: SC-4410   Expiry date: 1 December 2027", 10),
        Text(60, 300, "Issued by Saltire Certification Ltd", 9),
    ]
    cert = _cert([page])
    assert cert.holder == "Loch Dubh Voice Systems Ltd"
    assert cert.certification_body == "Saltire Certification Ltd"
    assert cert.scope == "Design and operation of the Loch Dubh speech analytics service."
    assert cert.expiry_date == D(2027, 12, 1)


def test_justified_scope_with_wide_gaps_stays_one_paragraph() -> None:
    first = ["Provision", "of", "the", "Corrie", "AI", "triage", "assistant"]  # ~40 pt gaps: > 1.6 em
    page = [
        Text(60, 40, "Brackenridge Certification Ltd", 14, bold=True),
        Text(60, 90, "CERTIFICATE OF REGISTRATION", 18, bold=True),
        Text(60, 130, "Awarded to: Corrie Health Analytics Ltd", 11),
        Text(60, 150, "Standard: ISO/IEC 42001:2023", 11),
        Text(60, 175, "Scope of certification:", 11),
        *justified(60, 192, first, width=470),
        Text(60, 205, "to NHS trusts, covering design, deployment and monitoring of its "
                      "machine-learning models."),
        Text(60, 240, "Date of issue: 2 May 2025 Expiry date: 1 May 2028", 10),
        Text(60, 255, "Certificate No. BC 5521 Next audit due: 2 May 2026", 10),
    ]
    cert = _cert([page])
    assert cert.scope == ("Provision of the Corrie AI triage assistant to NHS trusts, covering design, "
                          "deployment and monitoring of its machine-learning models.")
    assert cert.issue_date == D(2025, 5, 2)
    assert cert.expiry_date == D(2028, 5, 1)
    assert cert.next_audit_due == D(2026, 5, 2)
    assert cert.certificate_number == "BC 5521"
    assert cert.holder == "Corrie Health Analytics Ltd"


def test_scope_and_sites_in_an_appendix_behind_a_pointer() -> None:
    page1 = [
        Text(60, 40, "Fernhill Registrars Ltd", 14, bold=True),
        Text(60, 90, "CERTIFICATE", 22, bold=True),
        Text(60, 130, "Organisation: Tallis Speech Labs Ltd", 11),
        Text(60, 150, "ISO/IEC 42001:2023", 12),
        Text(60, 175, "Scope: see Appendix 1", 11),
        Text(60, 195, "Sites: see Appendix 1", 11),
        Text(60, 215, "Certificate No.: FR-9001-42", 11),
        Text(60, 235, "Expiry date: 12/11/2027", 11),
        Text(60, 255, "Accredited by UKAS", 9),
    ]
    page2 = [
        Text(60, 50, "Appendix 1 – Scope of certification", 13, bold=True),
        *paragraph(60, 72, ["Speech recognition and synthesis APIs offered by Tallis Speech Labs, including",
                            "model training, evaluation and hosting."]),
        Text(60, 130, "Appendix 1 – Certified sites", 13, bold=True),
        Text(60, 150, "1. 3 Quay Street, Cardiff, CF10 1EA, United Kingdom"),
        Text(60, 165, "2. 40 Rue du Rhône, 1204 Genève, Switzerland"),
    ]
    cert = _cert([page1, page2])
    assert cert.scope == ("Speech recognition and synthesis APIs offered by Tallis Speech Labs, including "
                          "model training, evaluation and hosting.")
    assert cert.sites == ["3 Quay Street, Cardiff, CF10 1EA, United Kingdom",
                          "40 Rue du Rhône, 1204 Genève, Switzerland"]
    # 12/11/2027 reads either way and nothing else on the certificate settles it: the expiry is left
    # for the supplier to confirm, and the null says why (a UK address is no proof of the order).
    assert cert.expiry_date is None
    assert "12/11/2027" in cert.evidence[UNREAD_DATE_NOTE][0].text
    assert cert.holder == "Tallis Speech Labs Ltd"


def test_tight_header_cells_and_evenly_spaced_value_row() -> None:
    """Header labels closer than a column gap, values spread evenly (not a justified sentence)."""
    page = [
        Text(60, 40, "Osprey Certification Ltd", 14, bold=True),
        Text(60, 80, "CERTIFICATE", 22, bold=True),
        Text(60, 115, "Organisation: Kittiwake Labs Ltd", 11),
        Text(60, 135, "ISO/IEC 42001:2023", 11),
        Text(60, 170, "Certificate No.", 8, bold=True),
        Text(125, 170, "Original certification date", 8, bold=True),
        Text(232, 170, "Issue date", 8, bold=True), Text(300, 170, "Expiry date", 8, bold=True),
        Text(60, 184, "OC-1187", 9), Text(125, 184, "2024-02-01", 9), Text(232, 184, "2025-02-01", 9),
        Text(300, 184, "2028-01-31", 9),
    ]
    cert = _cert([page])
    assert cert.certificate_number == "OC-1187"
    assert cert.initial_certification_date == D(2024, 2, 1)
    assert cert.issue_date == D(2025, 2, 1)
    assert cert.expiry_date == D(2028, 1, 31)


def test_issuer_named_only_in_the_footer() -> None:
    page = [
        Text(200, 80, "CERTIFICATE OF REGISTRATION", 18, bold=True),
        Text(60, 130, "Awarded to: Tern Analytics Ltd", 11),
        Text(60, 150, "ISO/IEC 42001:2023", 11),
        Text(60, 780, "This certificate remains the property of Gannet Assessment Services Ltd and must be "
                      "returned on request.", 7),
    ]
    cert = _cert([page])
    assert cert.certification_body == "Gannet Assessment Services Ltd"
    assert cert.holder == "Tern Analytics Ltd"


def test_german_holder_inside_the_certifying_sentence() -> None:
    page = [
        Text(60, 40, "Rheinblick Zertifizierung GmbH", 14, bold=True),
        Text(60, 90, "ZERTIFIKAT", 22, bold=True),
        Text(60, 130, "Hiermit wird bescheinigt, dass die Firma Moselklang Audio GmbH ein", 11),
        Text(60, 145, "KI-Managementsystem nach ISO/IEC 42001:2023 eingeführt hat.", 11),
        Text(60, 175, "Zertifikat-Nr.: RZ-42-7781", 10),
        Text(60, 190, "Gültig bis: 31.08.2027", 10),
    ]
    cert = _cert([page])
    assert cert.holder == "Moselklang Audio GmbH"
    assert cert.certificate_number == "RZ-42-7781"
    assert cert.expiry_date == D(2027, 8, 31)


def test_certificate_written_as_one_paragraph() -> None:
    """No labels at all: every field comes from running text."""
    page = [
        Text(60, 40, "Cobalt Certification Ltd", 14, bold=True),
        *paragraph(60, 100, [
            "Cobalt Certification Ltd hereby certifies that Orchard Data Inc., 1 Main Street, Boston, MA",
            "02110, USA, operates an AI management system that conforms to ISO/IEC 42001:2023 for the",
            "scope of design and operation of the Orchard Forecast API. Certificate number CC-1234, first",
            "issued on 1 March 2024, reissued on 1 March 2025 and valid until 28 February 2028. This",
            "certification is accredited by UKAS.",
        ], size=11, leading=15),
    ]
    cert = _cert([page])
    assert cert.holder == "Orchard Data Inc."
    assert cert.scope == "design and operation of the Orchard Forecast API."
    assert cert.certificate_number == "CC-1234"
    assert cert.initial_certification_date == D(2024, 3, 1)
    assert cert.issue_date == D(2025, 3, 1)
    assert cert.expiry_date == D(2028, 2, 28)
    assert cert.accreditation_body == "UKAS"
    assert cert.certification_body == "Cobalt Certification Ltd"


def test_centred_certificate_with_number_in_title_and_issuer_in_footer() -> None:
    page = [
        Text(200, 60, "CERTIFICATE GB25/880321", 18, bold=True),
        Text(230, 100, "The management system of", 11),
        Text(220, 120, "HALYARD MARINE AI LIMITED", 16, bold=True),
        Text(190, 142, "9 Dock Road, Southampton, SO14 3TG, United Kingdom", 10),
        Text(150, 170, "has been assessed and certified as meeting the requirements of", 11),
        Text(240, 190, "ISO/IEC 42001:2023", 14, bold=True),
        Text(220, 220, "For the following activities", 11),
        Text(90, 240, "Design and operation of AI-based vessel routing and hull inspection services.", 10),
        Text(90, 280, "This certificate is valid from 12 March 2025 until 11 March 2028 and remains", 10),
        Text(90, 293, "valid subject to satisfactory surveillance. Certified since 12 March 2022.", 10),
        Text(90, 760, "Solent Assurance Services Ltd, 4 Ocean Way, Southampton SO14 3JZ, UK", 7),
    ]
    cert = _cert([page])
    assert cert.certificate_number == "GB25/880321"
    assert cert.holder == "HALYARD MARINE AI LIMITED"
    assert cert.sites == ["9 Dock Road, Southampton, SO14 3TG, United Kingdom"]
    assert cert.scope == "Design and operation of AI-based vessel routing and hull inspection services."
    assert cert.issue_date == D(2025, 3, 12)
    assert cert.expiry_date == D(2028, 3, 11)
    assert cert.initial_certification_date == D(2022, 3, 12)
    assert cert.certification_body == "Solent Assurance Services Ltd"


def test_scope_written_as_a_spaced_list() -> None:
    page = [
        Text(60, 40, "Heron Certification Ltd", 14, bold=True),
        Text(60, 80, "CERTIFICATE", 22, bold=True),
        Text(60, 115, "Organisation: Plover Speech Ltd", 11),
        Text(60, 135, "ISO/IEC 42001:2023", 11),
        Text(60, 165, "Scope of certification:", 11),
        Text(60, 182, "The provision of the following AI services:", 10),
        Text(72, 205, "• speech-to-text transcription for contact centres;", 10),
        Text(72, 228, "• real-time call summarisation.", 10),
        Text(60, 280, "Certificate No.: HC-3310", 10),
    ]
    cert = _cert([page])
    assert cert.scope == ("The provision of the following AI services: • speech-to-text transcription for "
                          "contact centres; • real-time call summarisation.")
    assert cert.certificate_number == "HC-3310"


def test_scope_stops_before_the_certificates_standard_wording() -> None:
    page = [
        Text(60, 40, "Heron Certification Ltd", 14, bold=True),
        Text(60, 80, "CERTIFICATE", 22, bold=True),
        Text(60, 115, "Organisation: Plover Speech Ltd", 11),
        Text(60, 135, "ISO/IEC 42001:2023", 11),
        Text(60, 165, "Scope:", 11),
        *paragraph(60, 182, ["Speech analytics for insurers, including model training and hosting.",
                             "This certificate remains valid subject to satisfactory surveillance audits."]),
    ]
    cert = _cert([page])
    assert cert.scope == "Speech analytics for insurers, including model training and hosting."


def test_a_denied_accreditation_is_no_accreditation() -> None:
    page = [
        Text(60, 40, "Aurora Compliance Advisors Ltd", 14, bold=True),
        Text(60, 90, "Readiness Assessment – ISO/IEC 42001:2023", 14, bold=True),
        Text(60, 130, "Quillfeather Media Ltd is substantially aligned with ISO/IEC 42001:2023.", 10),
        Text(60, 150, "Aurora Compliance Advisors Ltd is not accredited by UKAS or any other body.", 10),
    ]
    cert = _cert([page])
    assert cert.certified is False
    assert cert.accreditation_body is None
