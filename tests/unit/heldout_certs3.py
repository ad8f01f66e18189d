"""A third held-out round, written after the second round's fixes and scored before any new fix."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import Spacer, Table

from .cert_pdf import Text
from .heldout_certs import BIG, BOLD, GRID, D, HeldOut, drawn, flowed, p


def _unknown_label_rows() -> bytes:
    return flowed([
        p("Granite State Registrars Inc.", BOLD), Spacer(1, 14), p("Certificate", BIG),
        Table([
            ["Client", "Merrimack Speech AI Inc."],
            ["Certificate no.", "GSR-2025-118"],
            ["Lead auditor", "J. Okafor"],
            ["Standard", "ISO/IEC 42001:2023"],
            ["Scope", "Voice biometrics for bank call centres."],
            ["Issue date", "2025-06-30"],
            ["Audit programme", "Three-year cycle"],
            ["Expiry date", "2028-06-29"],
        ], colWidths=[120, 320], style=GRID, hAlign="LEFT"),
        Spacer(1, 12), p("Accreditation: ANAB"),
    ])


def _two_column_unlabelled_holder() -> bytes:
    return drawn([[
        Text(60, 40, "Adriatic Certification d.o.o.", 12, True),
        Text(300, 80, "CERTIFICATE", 24, True),
        Text(60, 140, "Dalmatia Neural Systems Ltd", 16, True),
        Text(480, 142, "Certificate No.", 9), Text(600, 142, "ACD-4200-19", 10),
        Text(60, 162, "Obala kneza Branimira 12, 23000 Zadar, Croatia", 10),
        Text(480, 160, "Issue date", 9), Text(600, 160, "2025-11-03", 10),
        Text(60, 190, "has implemented an AI management system in line with ISO/IEC 42001:2023", 10),
        Text(480, 178, "Expiry date", 9), Text(600, 178, "2028-11-02", 10),
        Text(60, 220, "Scope: Neural machine translation for maritime documentation.", 10),
        Text(60, 280, "Accredited by the Croatian Accreditation Agency", 9),
    ]], landscape(A4))


def _dates_caps_months() -> bytes:
    return drawn([[
        Text(60, 40, "Lion City Certification Pte Ltd", 13, True),
        Text(60, 80, "CERTIFICATE OF REGISTRATION", 20, True),
        Text(60, 120, "Registered organisation: Merlion Vision Pte Ltd", 11),
        Text(60, 138, "Registration No.: LCC 42 0915", 11),
        Text(60, 156, "Standard: ISO/IEC 42001:2023", 11),
        Text(60, 174, "Scope: Video analytics for retail footfall measurement.", 11),
        Text(60, 192, "Date of registration: 01 JUN 2025", 11),
        Text(60, 210, "Expiry date: 31 MAY 2028", 11),
        Text(60, 228, "Accreditation: Singapore Accreditation Council", 11),
    ]])


def _sites_semicolon_inline() -> bytes:
    return flowed([
        p("Fenland Assurance Ltd", BOLD), Spacer(1, 14), p("Certificate of Approval", BIG),
        p("Awarded to: Wash Estuary Data Ltd"),
        p("Certificate number: FA 42 771"),
        p("Standard: ISO/IEC 42001:2023"),
        p("Scope: Flood prediction models for local authorities."),
        p("Locations: 3 Bridge Street, King's Lynn, PE30 5AA, UK; 14 Market Place, Wisbech, PE13 1DR, UK"),
        p("Issue date: 9 September 2025"), p("Expiry date: 8 September 2028"),
        p("Accreditation: UKAS"),
    ])


def _surveillance_table() -> bytes:
    return flowed([
        p("Vltava Certifikace s.r.o.", BOLD), Spacer(1, 14), p("CERTIFICATE", BIG),
        p("Certificate holder: Brno Lingua Tech s.r.o."),
        p("Certificate No.: VC-42-0330"),
        p("Standard: ISO/IEC 42001:2023"),
        p("Scope: Speech synthesis for public transport announcements."),
        p("Initial certification date: 2024-03-01"),
        p("Issue date: 2024-03-01"),
        p("Expiry date: 2027-02-28"),
        Spacer(1, 8),
        Table([["Audit", "Date"], ["Surveillance audit 1", "2025-02-11"],
               ["Surveillance audit 2", "2026-02-09"]],
              style=GRID, hAlign="LEFT"),
        Spacer(1, 8), p("Accreditation: CAI"),
    ])


def _holder_trading_as() -> bytes:
    return drawn([[
        Text(60, 40, "Severn Certification Ltd", 13, True),
        Text(60, 80, "CERTIFICATE", 22, True),
        Text(60, 120, "This certifies that", 11),
        Text(60, 138, "Avon Insight Limited trading as InsightVoice", 13, True),
        Text(60, 160, "operates an AI management system which complies with ISO/IEC 42001:2023", 11),
        Text(60, 180, "for the following scope:", 11),
        Text(60, 196, "Voice analytics for customer service quality monitoring.", 11),
        Text(60, 230, "Certificate No: SC-9981", 11),
        Text(60, 248, "Valid from: 2 February 2026", 11),
        Text(60, 266, "Valid until: 1 February 2029", 11),
        Text(60, 300, "UKAS MANAGEMENT SYSTEMS 0123", 8),
    ]])


def _scope_long_paragraph_then_boilerplate() -> bytes:
    return flowed([
        p("Helvetia Zertifizierungen AG", BOLD), Spacer(1, 14), p("Zertifikat", BIG),
        p("Die Helvetia Zertifizierungen AG bescheinigt, dass das Unternehmen"),
        p("Bergsicht Daten AG", BOLD),
        p("Bahnhofstrasse 5, 6003 Luzern, Schweiz"),
        p("ein Managementsystem für künstliche Intelligenz nach ISO/IEC 42001:2023 betreibt."),
        p("Geltungsbereich:"),
        p("Entwicklung und Betrieb von KI-Modellen zur Betrugserkennung für Versicherungen, "
          "einschliesslich Datenaufbereitung und Modellüberwachung."),
        p("Dieses Zertifikat ist nur gültig in Verbindung mit den jährlichen Überwachungsaudits."),
        p("Zertifikat-Nr.: HZ-42-1203"),
        p("Gültig ab: 01.04.2025"), p("Gültig bis: 31.03.2028"),
        p("Akkreditiert durch die Schweizerische Akkreditierungsstelle SAS"),
    ])


def _iso27001_with_42001_mention() -> bytes:
    return flowed([
        p("Orkney Security Certification Ltd", BOLD), Spacer(1, 14), p("Certificate of Registration", BIG),
        p("Organisation: Scapa Cloud Ltd"),
        p("Standard: ISO/IEC 27001:2022"),
        p("Scope: Information security management for cloud hosting services. An ISO/IEC 42001 audit "
          "is planned for 2026."),
        p("Certificate number: OSC-27-4410"),
        p("Issue date: 2025-01-15"), p("Expiry date: 2028-01-14"),
        p("Accreditation: UKAS"),
    ])


def _validity_sentence_german_months() -> bytes:
    return drawn([[
        Text(60, 40, "Donau Cert GmbH", 13, True),
        Text(60, 80, "ZERTIFIKAT", 22, True),
        Text(60, 120, "Zertifikatsinhaber:", 10), Text(200, 120, "Isar Robotics GmbH", 12, True),
        Text(60, 140, "Norm:", 10), Text(200, 140, "ISO/IEC 42001:2023", 11),
        Text(60, 160, "Geltungsbereich:", 10),
        Text(200, 160, "Entwicklung autonomer Lagerroboter mit KI-gestützter Navigation.", 11),
        Text(60, 180, "Zertifikat-Nr.:", 10), Text(200, 180, "DC-7734", 11),
        Text(60, 220, "Dieses Zertifikat ist gültig vom 3. März 2025 bis 2. März 2028.", 10),
        Text(60, 240, "Erstzertifizierung: 3. März 2022", 10),
        Text(60, 270, "Akkreditiert durch die DAkkS", 9),
    ]])


def _no_scope_label_paragraph() -> bytes:
    return flowed([
        p("Cobalt Bay Registrar Ltd", BOLD), Spacer(1, 14), p("Certificate", BIG),
        p("Cobalt Bay Registrar Ltd certifies that Tamar Robotics Ltd has been assessed and found to "
          "conform to ISO/IEC 42001:2023 in respect of the design and manufacture of AI-guided "
          "agricultural robots."),
        p("Certificate No.: CBR-5562"),
        p("Issued: 12/05/2025"), p("Expires: 11/05/2028"),
        p("Accredited by the United Kingdom Accreditation Service"),
    ])


CASES3: tuple[HeldOut, ...] = (
    HeldOut("unknown_label_rows", _unknown_label_rows, {
        "holder": "Merrimack Speech AI Inc.", "certificate_number": "GSR-2025-118",
        "certification_body": "Granite State Registrars Inc.", "accreditation_body": "ANAB",
        "issue_date": D(2025, 6, 30), "expiry_date": D(2028, 6, 29),
        "scope": "Voice biometrics for bank call centres."}),
    HeldOut("two_column_unlabelled_holder", _two_column_unlabelled_holder, {
        "holder": "Dalmatia Neural Systems Ltd", "certificate_number": "ACD-4200-19",
        "certification_body": "Adriatic Certification d.o.o.", "accreditation_body": "HAA",
        "issue_date": D(2025, 11, 3), "expiry_date": D(2028, 11, 2),
        "scope": "Neural machine translation for maritime documentation.",
        "sites": ["Obala kneza Branimira 12, 23000 Zadar, Croatia"]}),
    HeldOut("dates_caps_months", _dates_caps_months, {
        "holder": "Merlion Vision Pte Ltd", "certificate_number": "LCC 42 0915",
        "certification_body": "Lion City Certification Pte Ltd", "accreditation_body": "SAC",
        "issue_date": D(2025, 6, 1), "expiry_date": D(2028, 5, 31),
        "scope": "Video analytics for retail footfall measurement."}),
    HeldOut("sites_semicolon_inline", _sites_semicolon_inline, {
        "holder": "Wash Estuary Data Ltd", "certificate_number": "FA 42 771",
        "certification_body": "Fenland Assurance Ltd", "accreditation_body": "UKAS",
        "issue_date": D(2025, 9, 9), "expiry_date": D(2028, 9, 8),
        "scope": "Flood prediction models for local authorities.",
        "sites": ["3 Bridge Street, King's Lynn, PE30 5AA, UK", "14 Market Place, Wisbech, PE13 1DR, UK"]}),
    HeldOut("surveillance_table", _surveillance_table, {
        "holder": "Brno Lingua Tech s.r.o.", "certificate_number": "VC-42-0330",
        "certification_body": "Vltava Certifikace s.r.o.", "accreditation_body": "CAI",
        "initial_certification_date": D(2024, 3, 1), "issue_date": D(2024, 3, 1),
        "expiry_date": D(2027, 2, 28), "surveillance_dates": [D(2025, 2, 11), D(2026, 2, 9)],
        "scope": "Speech synthesis for public transport announcements."}),
    HeldOut("holder_trading_as", _holder_trading_as, {
        # The legal name; "trading as" introduces a trade name, which is not the certified entity's name.
        "holder": "Avon Insight Limited", "certificate_number": "SC-9981",
        "certification_body": "Severn Certification Ltd", "accreditation_body": "UKAS",
        "issue_date": D(2026, 2, 2), "expiry_date": D(2029, 2, 1),
        "scope": "Voice analytics for customer service quality monitoring."}),
    HeldOut("scope_then_boilerplate_de", _scope_long_paragraph_then_boilerplate, {
        "holder": "Bergsicht Daten AG", "certificate_number": "HZ-42-1203",
        "certification_body": "Helvetia Zertifizierungen AG", "accreditation_body": "SAS",
        "issue_date": D(2025, 4, 1), "expiry_date": D(2028, 3, 31),
        "scope": "Entwicklung und Betrieb von KI-Modellen zur Betrugserkennung für Versicherungen, "
                 "einschliesslich Datenaufbereitung und Modellüberwachung.",
        "sites": ["Bahnhofstrasse 5, 6003 Luzern, Schweiz"]}),
    HeldOut("iso27001_with_42001_mention", _iso27001_with_42001_mention, {
        "standard": "ISO/IEC 27001:2022", "holder": "Scapa Cloud Ltd", "certificate_number": "OSC-27-4410",
        "certification_body": "Orkney Security Certification Ltd", "accreditation_body": "UKAS",
        "issue_date": D(2025, 1, 15), "expiry_date": D(2028, 1, 14),
        "scope": "Information security management for cloud hosting services. An ISO/IEC 42001 audit is "
                 "planned for 2026."}),
    HeldOut("validity_sentence_german_months", _validity_sentence_german_months, {
        "holder": "Isar Robotics GmbH", "certificate_number": "DC-7734",
        "certification_body": "Donau Cert GmbH",
        "accreditation_body": "DAkkS", "initial_certification_date": D(2022, 3, 3),
        "issue_date": D(2025, 3, 3), "expiry_date": D(2028, 3, 2),
        "scope": "Entwicklung autonomer Lagerroboter mit KI-gestützter Navigation."}),
    HeldOut("no_scope_label_paragraph", _no_scope_label_paragraph, {
        "holder": "Tamar Robotics Ltd", "certificate_number": "CBR-5562",
        "certification_body": "Cobalt Bay Registrar Ltd", "accreditation_body": "UKAS",
        "issue_date": D(2025, 5, 12), "expiry_date": D(2028, 5, 11),
        "scope": "the design and manufacture of AI-guided agricultural robots."}),
)
