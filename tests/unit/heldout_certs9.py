"""A ninth held-out round, scored once after the first eight rounds' fixes (51/56 then)."""

from __future__ import annotations

from reportlab.lib.pagesizes import letter
from reportlab.platypus import Spacer, Table

from .cert_pdf import Text
from .heldout_certs import BIG, BOLD, GRID, D, HeldOut, drawn, flowed, p
from .heldout_certs4 import centred


def _centred_in_respect_of() -> bytes:
    return centred([
        (40, "Lakeland Registration Services Ltd", 12, True),
        (90, "Certificate of Registration", 22, True),
        (140, "This certificate is issued to", 11, False),
        (160, "Grasmere Intelligent Systems Ltd", 16, True),
        (182, "Unit 2, Lakeside Park, Kendal, LA9 6DZ", 10, False),
        (210, "to certify that its artificial intelligence management system complies with", 11, False),
        (228, "ISO/IEC 42001:2023", 14, True),
        (256, "in respect of:", 11, False),
        (274, "Provision of AI-assisted route planning for mountain rescue teams.", 11, False),
        (320, "Certificate No: LRS 4420", 10, False),
        (338, "Originally registered: 01/09/2022", 10, False),
        (356, "Current registration: 01/09/2025", 10, False),
        (374, "Registration expires: 31/08/2028", 10, False),
        (420, "UKAS Management Systems 0941", 9, False),
    ])


def _header_row_with_holder() -> bytes:
    return flowed([
        p("Prairie North Registrar Inc.", BOLD), Spacer(1, 14), p("Certificate", BIG),
        Table([["Company", "Certificate Number", "Effective Date", "Expiration Date"],
               ["Saskatoon Vision Inc.", "PNR-AI-772", "May 15, 2025", "May 14, 2028"]],
              style=GRID, hAlign="LEFT"),
        Spacer(1, 8),
        p("Standard: ISO/IEC 42001:2023"),
        p("Scope: Crop disease detection from drone imagery."),
        p("Accredited by the Standards Council of Canada"),
    ], letter)


def _german_scope_mid_sentence() -> bytes:
    return drawn([[
        Text(60, 40, "Rhein-Main Cert GmbH", 13, True),
        Text(60, 80, "ZERTIFIKAT", 22, True),
        Text(60, 120, "Die Rhein-Main Cert GmbH bescheinigt hiermit, dass", 11),
        Text(60, 140, "Taunus KI Systeme GmbH", 14, True),
        Text(60, 158, "Am Main 7, 60311 Frankfurt am Main", 10),
        Text(60, 182, "für den Geltungsbereich", 11),
        Text(60, 198, "Entwicklung von KI-Assistenten für Steuerberater", 11),
        Text(60, 216, "ein KI-Managementsystem nach ISO/IEC 42001:2023 eingeführt hat.", 11),
        Text(60, 250, "Zertifikatsnummer: RMC-42-118", 10),
        Text(60, 266, "Gültig vom 5. Mai 2025 bis 4. Mai 2028", 10),
        Text(60, 300, "Akkreditiert durch die DAkkS", 9),
    ]])


def _australian_compliance_cert() -> bytes:
    return flowed([
        p("Sydney Harbour Certification Pty Ltd", BOLD), Spacer(1, 14), p("CERTIFICATE OF COMPLIANCE", BIG),
        p("Client: Bondi Language AI Pty Ltd"),
        p("Certificate No.: SHC-9001-AI"),
        p("Audit criteria: ISO/IEC 42001:2023"),
        p("Scope: Translation chatbots for hospitality businesses."),
        p("Sites:"), p("1/20 Campbell Parade, Bondi Beach NSW 2026, Australia"),
        p("Certification date: 3/10/2025"), p("Expiry date: 2/10/2028"),
        p("Accreditation: JAS-ANZ"),
    ])


CASES9: tuple[HeldOut, ...] = (
    HeldOut("centred_in_respect_of", _centred_in_respect_of, {
        "holder": "Grasmere Intelligent Systems Ltd", "certificate_number": "LRS 4420",
        "certification_body": "Lakeland Registration Services Ltd", "accreditation_body": "UKAS",
        "initial_certification_date": D(2022, 9, 1), "issue_date": D(2025, 9, 1),
        "expiry_date": D(2028, 8, 31),
        "scope": "Provision of AI-assisted route planning for mountain rescue teams.",
        "sites": ["Unit 2, Lakeside Park, Kendal, LA9 6DZ"]}),
    HeldOut("header_row_with_holder", _header_row_with_holder, {
        "holder": "Saskatoon Vision Inc.", "certificate_number": "PNR-AI-772",
        "certification_body": "Prairie North Registrar Inc.", "accreditation_body": "SCC",
        "issue_date": D(2025, 5, 15), "expiry_date": D(2028, 5, 14),
        "scope": "Crop disease detection from drone imagery."}),
    HeldOut("german_scope_mid_sentence", _german_scope_mid_sentence, {
        "holder": "Taunus KI Systeme GmbH", "certificate_number": "RMC-42-118",
        "certification_body": "Rhein-Main Cert GmbH", "accreditation_body": "DAkkS",
        "issue_date": D(2025, 5, 5), "expiry_date": D(2028, 5, 4),
        "scope": "Entwicklung von KI-Assistenten für Steuerberater",
        "sites": ["Am Main 7, 60311 Frankfurt am Main"]}),
    HeldOut("australian_compliance_cert", _australian_compliance_cert, {
        "holder": "Bondi Language AI Pty Ltd", "certificate_number": "SHC-9001-AI",
        "certification_body": "Sydney Harbour Certification Pty Ltd", "accreditation_body": "JAS-ANZ",
        "issue_date": D(2025, 10, 3), "expiry_date": D(2028, 10, 2),
        "scope": "Translation chatbots for hospitality businesses.",
        "sites": ["1/20 Campbell Parade, Bondi Beach NSW 2026, Australia"]}),
)
