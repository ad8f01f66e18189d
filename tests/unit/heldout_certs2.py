"""A second held-out round: layouts written after the first round's fixes, scored before any new fix.

Same contract as heldout_certs.py: each case builds a PDF and states its SCHEMA.md fields by hand.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.platypus import ListFlowable, ListItem, PageBreak, Spacer, Table

from .cert_pdf import Text
from .heldout_certs import BIG, BOLD, GRID, D, HeldOut, drawn, flowed, p


def _label_value_table() -> bytes:
    return flowed([
        p("Corvid Assessment Bureau B.V.", BOLD), Spacer(1, 14), p("Certificate of Registration", BIG),
        Table([
            ["Organisation", "Zandvoort Speech Labs B.V."],
            ["Address", "Keizersgracht 241, 1016 EA Amsterdam, Netherlands"],
            ["Standard", "ISO/IEC 42001:2023"],
            ["Scope", p("Development and hosting of speech-to-text models for Dutch public broadcasters.")],
            ["Registration number", "CAB-NL-30917"],
            ["Date of initial registration", "12 June 2024"],
            ["Date of issue", "12 June 2024"],
            ["Expiry date", "11 June 2027"],
        ], colWidths=[140, 330], style=GRID, hAlign="LEFT"),
        Spacer(1, 12), p("Accreditation: Raad voor Accreditatie (RvA)"),
    ])


def _ordinal_us_sentence() -> bytes:
    return drawn([[
        Text(72, 50, "Blue Ridge Conformity Services, LLC", 13, True),
        Text(72, 90, "CERTIFICATE", 22, True),
        Text(72, 130, "This is to certify that", 11),
        Text(72, 148, "Tidewater Claims Automation, Inc.", 14, True),
        Text(72, 168, "has been audited and found to meet the requirements of ISO/IEC 42001:2023", 11),
        Text(72, 184, "for the following scope:", 11),
        Text(72, 200, "Automated insurance claims triage using machine learning models.", 11),
        Text(72, 236, "Certificate No. BRC-AIMS-2291", 11),
        Text(72, 254, "Valid from June 5th, 2025 until June 4th, 2028", 11),
        Text(72, 290, "Accredited by the International Accreditation Service", 9),
    ]], letter)


def _scope_bullets() -> bytes:
    return flowed([
        p("Pacifica Registrar Pty Ltd", BOLD), Spacer(1, 14), p("Certificate", BIG),
        p("Certificate holder: Koala Cognitive Pty Ltd"),
        p("Certificate number: PRP-42-5120"),
        p("Standard: ISO/IEC 42001:2023"),
        p("Scope:"),
        ListFlowable([ListItem(p(s)) for s in (
            "Design and development of conversational AI agents;",
            "Operation and monitoring of the agents in production.")], bulletType="bullet"),
        Spacer(1, 8),
        p("Issue date: 2025-02-03"), p("Expiry date: 2028-02-02"),
        p("Accreditation body: JAS-ANZ"),
    ])


def _bilingual_canada() -> bytes:
    return drawn([[
        Text(60, 40, "Laurentian Registrar Inc.", 13, True),
        Text(60, 80, "CERTIFICATE / CERTIFICAT", 20, True),
        Text(60, 120, "Certificate No. / No de certificat: LRI-0421", 10),
        Text(60, 140, "Awarded to / Décerné à: Maplewood Vision Inc.", 10),
        Text(60, 160, "Standard / Norme: ISO/IEC 42001:2023", 10),
        Text(60, 180, "Scope / Portée: Computer vision quality inspection software for food processors.", 10),
        Text(60, 200, "Issue date / Date d'émission: 2025-09-01", 10),
        Text(60, 220, "Expiry date / Date d'expiration: 2028-08-31", 10),
        Text(60, 260, "Accredited by the Standards Council of Canada", 9),
    ]])


def _sites_table_three_cols() -> bytes:
    return flowed([
        p("Iberia Certificación S.L.", BOLD), Spacer(1, 14), p("CERTIFICATE", BIG),
        p("Awarded to: Solano Datos S.L."),
        p("Certificate No.: IC-42-7788"),
        p("Standard: ISO/IEC 42001:2023"),
        p("Scope: Machine translation services for legal documents."),
        p("Issue date: 15/03/2025"), p("Expiry date: 14/03/2028"),
        p("Accreditation: ENAC"),
        p("Certified sites: see annex."),
        PageBreak(),
        p("Annex – Certified sites", BOLD),
        Table([["No.", "Site name", "Site address"],
               ["1", "Madrid HQ", "Calle de Alcalá 120, 28009 Madrid, Spain"],
               ["2", "Sevilla", "Avenida de la Constitución 8, 41004 Sevilla, Spain"]],
              style=GRID, hAlign="LEFT"),
    ])


def _caps_holder_no_year() -> bytes:
    return drawn([[
        Text(60, 40, "Hanseatic Audit Partners GmbH", 13, True),
        Text(60, 80, "CERTIFICATE", 22, True),
        Text(60, 120, "Certificate holder", 9), Text(60, 134, "STORMLIGHT ANALYTICS GMBH", 13, True),
        Text(60, 164, "Standard", 9), Text(60, 178, "ISO/IEC 42001", 12),
        Text(60, 208, "Scope of certification", 9),
        Text(60, 222, "Predictive maintenance AI for wind turbine operators.", 12),
        Text(330, 120, "Certificate number", 9), Text(330, 134, "HAP 42 0071", 12),
        Text(330, 164, "Valid until", 9), Text(330, 178, "31 Dec 2027", 12),
        Text(330, 208, "Issued", 9), Text(330, 222, "1 Jan 2025", 12),
    ]])


def _recert_dates() -> bytes:
    return flowed([
        p("Thistle Certification Ltd", BOLD), Spacer(1, 14), p("Certificate of Approval", BIG),
        p("This is to certify that the AI management system of"),
        p("Glenmorven Data Ltd", BOLD),
        p("has been approved against ISO/IEC 42001:2023."),
        p("Scope of approval: Credit decisioning models for consumer lending."),
        p("Approval number: TC-55021"),
        p("Original approval: 10 April 2022"),
        p("Recertification date: 10 April 2025"),
        p("Expiry of approval: 9 April 2028"),
        p("Surveillance audits: 14 March 2026; 12 March 2027"),
        p("Accredited by the United Kingdom Accreditation Service"),
    ])


def _compliance_report() -> bytes:
    return flowed([
        p("Verity Advisory GmbH", BOLD), Spacer(1, 14),
        p("Compliance Assessment Report", BIG),
        p("Prepared for: Nordwind Robotik GmbH"),
        p("Date: 2 October 2025"),
        p("We assessed the AI governance practices of Nordwind Robotik GmbH against ISO/IEC 42001:2023 "
          "and found them to be compliant with the standard's requirements. This report is not a "
          "certification."),
    ])


def _landscape_two_columns() -> bytes:
    return drawn([[
        Text(60, 40, "AEGEAN CERTIFICATION SA", 12, True),
        Text(300, 80, "CERTIFICATE", 24, True),
        Text(60, 130, "is hereby granted to", 10),
        Text(60, 146, "Kallisto AI Solutions SA", 16, True),
        Text(60, 168, "Leoforos Kifisias 44, 151 25 Marousi, Greece", 10),
        Text(60, 192, "for its AI management system conforming to ISO/IEC 42001:2023", 10),
        Text(60, 222, "Scope", 9, True),
        Text(60, 236, "Development of recommendation engines for e-commerce retailers,", 10),
        Text(60, 249, "including data preparation and model monitoring.", 10),
        Text(480, 130, "Certificate Nr.", 9, True), Text(600, 130, "ACS-1177", 10),
        Text(480, 148, "Issue Date", 9, True), Text(600, 148, "07/03/2025", 10),
        Text(480, 166, "Expiry Date", 9, True), Text(600, 166, "06/03/2028", 10),
        Text(480, 184, "Initial Date", 9, True), Text(600, 184, "07/03/2025", 10),
        Text(60, 300, "Accreditation: ESYD", 9),
    ]], landscape(A4))


def _next_audit_sentence() -> bytes:
    return flowed([
        p("Cascadia Systems Registrar Ltd.", BOLD), Spacer(1, 14), p("Registration Certificate", BIG),
        p("Registered organization: Fraser Valley Analytics Ltd."),
        p("Registration No.: CSR-4410-AI"),
        p("Standard: ISO/IEC 42001:2023"),
        p("Scope of registration: Fraud analytics AI for credit unions."),
        p("Registration date: 2025-05-20. This registration expires on 2028-05-19."),
        p("The last surveillance audit was completed on 2026-04-30 and the next audit is due by 2027-04-30."),
        p("Accredited by the Standards Council of Canada"),
    ], letter)


CASES2: tuple[HeldOut, ...] = (
    HeldOut("label_value_table", _label_value_table, {
        "holder": "Zandvoort Speech Labs B.V.", "certificate_number": "CAB-NL-30917",
        "certification_body": "Corvid Assessment Bureau B.V.", "accreditation_body": "RvA",
        "initial_certification_date": D(2024, 6, 12), "issue_date": D(2024, 6, 12),
        "expiry_date": D(2027, 6, 11),
        "scope": "Development and hosting of speech-to-text models for Dutch public broadcasters.",
        "sites": ["Keizersgracht 241, 1016 EA Amsterdam, Netherlands"]}),
    HeldOut("ordinal_us_sentence", _ordinal_us_sentence, {
        "holder": "Tidewater Claims Automation, Inc.", "certificate_number": "BRC-AIMS-2291",
        "certification_body": "Blue Ridge Conformity Services, LLC", "accreditation_body": "IAS",
        "issue_date": D(2025, 6, 5), "expiry_date": D(2028, 6, 4),
        "scope": "Automated insurance claims triage using machine learning models."}),
    HeldOut("scope_bullets", _scope_bullets, {
        "holder": "Koala Cognitive Pty Ltd", "certificate_number": "PRP-42-5120",
        "certification_body": "Pacifica Registrar Pty Ltd", "accreditation_body": "JAS-ANZ",
        "issue_date": D(2025, 2, 3), "expiry_date": D(2028, 2, 2),
        "scope": "• Design and development of conversational AI agents; • Operation and monitoring of the "
                 "agents in production."}),
    HeldOut("bilingual_canada", _bilingual_canada, {
        "holder": "Maplewood Vision Inc.", "certificate_number": "LRI-0421",
        "certification_body": "Laurentian Registrar Inc.", "accreditation_body": "SCC",
        "issue_date": D(2025, 9, 1), "expiry_date": D(2028, 8, 31),
        "scope": "Computer vision quality inspection software for food processors."}),
    HeldOut("sites_table_three_cols", _sites_table_three_cols, {
        "holder": "Solano Datos S.L.", "certificate_number": "IC-42-7788",
        "certification_body": "Iberia Certificación S.L.", "accreditation_body": "ENAC",
        "issue_date": D(2025, 3, 15), "expiry_date": D(2028, 3, 14),
        "scope": "Machine translation services for legal documents.",
        "sites": ["Calle de Alcalá 120, 28009 Madrid, Spain",
                  "Avenida de la Constitución 8, 41004 Sevilla, Spain"]}),
    HeldOut("caps_holder_no_year", _caps_holder_no_year, {
        "standard": "ISO/IEC 42001", "holder": "STORMLIGHT ANALYTICS GMBH",
        "certificate_number": "HAP 42 0071",
        "certification_body": "Hanseatic Audit Partners GmbH", "issue_date": D(2025, 1, 1),
        "expiry_date": D(2027, 12, 31), "scope": "Predictive maintenance AI for wind turbine operators."}),
    HeldOut("recert_dates", _recert_dates, {
        "holder": "Glenmorven Data Ltd", "certificate_number": "TC-55021",
        "certification_body": "Thistle Certification Ltd", "accreditation_body": "UKAS",
        "initial_certification_date": D(2022, 4, 10), "issue_date": D(2025, 4, 10),
        "expiry_date": D(2028, 4, 9), "surveillance_dates": [D(2026, 3, 14), D(2027, 3, 12)],
        "scope": "Credit decisioning models for consumer lending."}),
    HeldOut("compliance_report", _compliance_report, {
        "certified": False, "holder": "Nordwind Robotik GmbH", "certification_body": "Verity Advisory GmbH",
        "issue_date": D(2025, 10, 2)}),
    HeldOut("landscape_two_columns", _landscape_two_columns, {
        "holder": "Kallisto AI Solutions SA", "certificate_number": "ACS-1177",
        "certification_body": "AEGEAN CERTIFICATION SA", "accreditation_body": "ESYD",
        "initial_certification_date": D(2025, 3, 7), "issue_date": D(2025, 3, 7),
        "expiry_date": D(2028, 3, 6),
        "scope": "Development of recommendation engines for e-commerce retailers, including data preparation "
                 "and model monitoring.",
        "sites": ["Leoforos Kifisias 44, 151 25 Marousi, Greece"]}),
    HeldOut("next_audit_sentence", _next_audit_sentence, {
        "holder": "Fraser Valley Analytics Ltd.", "certificate_number": "CSR-4410-AI",
        "certification_body": "Cascadia Systems Registrar Ltd.", "accreditation_body": "SCC",
        "issue_date": D(2025, 5, 20), "expiry_date": D(2028, 5, 19), "surveillance_dates": [D(2026, 4, 30)],
        "next_audit_due": D(2027, 4, 30), "scope": "Fraud analytics AI for credit unions."}),
)
