"""A sixth held-out round: wrapped names, parent companies, footers, issue numbers; scored before fixing."""

from __future__ import annotations

from reportlab.platypus import Spacer, Table

from .cert_pdf import Text
from .heldout_certs import BIG, BOLD, GRID, D, HeldOut, drawn, flowed, p


def _subsidiary_mention() -> bytes:
    return flowed([
        p("Westmorland Certification Ltd", BOLD), Spacer(1, 14), p("Certificate of Registration", BIG),
        p("Certificate holder: Helvellyn Voice Ltd, a subsidiary of Fellside Group plc"),
        p("Certificate No.: WCL-42-118"),
        p("Standard: ISO/IEC 42001:2023"),
        p("Scope: Voice assistants for outdoor equipment retailers."),
        p("Issue date: 19 May 2025"), p("Expiry date: 18 May 2028"),
        p("Accreditation: UKAS"),
    ])


def _wrapped_name() -> bytes:
    return drawn([[
        Text(60, 40, "Caledonian Management Certification Ltd", 13, True),
        Text(60, 80, "CERTIFICATE", 22, True),
        Text(60, 120, "Certificate holder:", 10),
        Text(60, 136, "Northern Lights Artificial Intelligence", 13, True),
        Text(60, 152, "Research Limited", 13, True),
        Text(60, 180, "Certificate No.: CMC 42 2290", 10),
        Text(60, 198, "Standard: ISO/IEC 42001:2023", 10),
        Text(60, 216, "Scope: Aurora forecasting models for tourism operators.", 10),
        Text(60, 234, "Issue date: 30 April 2025", 10),
        Text(60, 252, "Expiry date: 29 April 2028", 10),
    ]])


def _from_to_table() -> bytes:
    return flowed([
        p("Danube Delta Certification SRL", BOLD), Spacer(1, 14), p("Certificate", BIG),
        p("Organisation: Carpathia AI Labs SRL"),
        p("Certificate No.: DDC-42-310"),
        p("Standard: ISO/IEC 42001:2023"),
        p("Scope: Anomaly detection for power grid operators."), Spacer(1, 8),
        Table([["Validity", "From", "To"], ["", "2025-07-01", "2028-06-30"]], style=GRID, hAlign="LEFT"),
    ])


def _issue_number_line() -> bytes:
    return drawn([[
        Text(60, 40, "Wessex Registrar Ltd", 13, True),
        Text(60, 80, "CERTIFICATE", 22, True),
        Text(430, 40, "Issue No.: 3", 9),
        Text(60, 120, "Organisation: Avalon Speech Ltd", 11),
        Text(60, 138, "Certificate No.: WR-5510", 11),
        Text(60, 156, "Standard: ISO/IEC 42001:2023", 11),
        Text(60, 174, "Scope: Transcription services for county courts.", 11),
        Text(60, 192, "Date of issue: 6 August 2025", 11),
        Text(60, 210, "Expiry date: 5 August 2028", 11),
    ]])


def _issuer_in_footer_line() -> bytes:
    return drawn([[
        Text(60, 60, "CERTIFICATE", 22, True),
        Text(60, 110, "Organisation: Fenwick Robotics Ltd", 11),
        Text(60, 128, "Certificate No.: FRC-42-0077", 11),
        Text(60, 146, "Standard: ISO/IEC 42001:2023", 11),
        Text(60, 164, "Scope: Warehouse picking robots with learned grasp planning.", 11),
        Text(60, 182, "Issue date: 2025-03-20", 11),
        Text(60, 200, "Expiry date: 2028-03-19", 11),
        Text(60, 780, "Issued by: Tynebridge Certification Ltd, 5 Quayside, Newcastle NE1 3DX", 8),
    ]])


def _ordinal_surveillances() -> bytes:
    return flowed([
        p("Marcher Assessment Ltd", BOLD), Spacer(1, 14), p("Certificate", BIG),
        p("Organisation: Offa Data Ltd"),
        p("Certificate No.: MA-2200"),
        p("Standard: ISO/IEC 42001:2023"),
        p("Scope: Document classification for archives."),
        p("Initial certification: 2023-02-01"),
        p("Issue date: 2026-02-01"), p("Expiry date: 2029-01-31"),
        p("1st surveillance audit: 2024-01-15"),
        p("2nd surveillance audit: 2025-01-20"),
        p("Accreditation: UKAS"),
    ])


def _caps_ltd_dot() -> bytes:
    return drawn([[
        Text(60, 40, "Kowloon Quality Certification Ltd.", 13, True),
        Text(60, 80, "CERTIFICATE", 22, True),
        Text(60, 120, "This is to certify that", 11),
        Text(60, 138, "HARBOUR LIGHT ANALYTICS CO., LTD.", 13, True),
        Text(60, 160, "has established an AI management system conforming to ISO/IEC 42001:2023", 11),
        Text(60, 180, "Scope: Retail demand sensing services.", 11),
        Text(60, 198, "Certificate No.: KQC-AI-0310", 11),
        Text(60, 216, "Issue date: 2025-08-18", 11),
        Text(60, 234, "Expiry date: 2028-08-17", 11),
        Text(60, 262, "Accreditation: HKAS", 9),
    ]])


CASES6: tuple[HeldOut, ...] = (
    HeldOut("subsidiary_mention", _subsidiary_mention, {
        "holder": "Helvellyn Voice Ltd", "certificate_number": "WCL-42-118",
        "certification_body": "Westmorland Certification Ltd", "accreditation_body": "UKAS",
        "issue_date": D(2025, 5, 19), "expiry_date": D(2028, 5, 18),
        "scope": "Voice assistants for outdoor equipment retailers."}),
    HeldOut("wrapped_name", _wrapped_name, {
        "holder": "Northern Lights Artificial Intelligence Research Limited",
        "certificate_number": "CMC 42 2290",
        "certification_body": "Caledonian Management Certification Ltd", "issue_date": D(2025, 4, 30),
        "expiry_date": D(2028, 4, 29), "scope": "Aurora forecasting models for tourism operators."}),
    HeldOut("from_to_table", _from_to_table, {
        "holder": "Carpathia AI Labs SRL", "certificate_number": "DDC-42-310",
        "certification_body": "Danube Delta Certification SRL", "issue_date": D(2025, 7, 1),
        "expiry_date": D(2028, 6, 30), "scope": "Anomaly detection for power grid operators."}),
    HeldOut("issue_number_line", _issue_number_line, {
        "holder": "Avalon Speech Ltd", "certificate_number": "WR-5510",
        "certification_body": "Wessex Registrar Ltd", "issue_date": D(2025, 8, 6),
        "expiry_date": D(2028, 8, 5), "scope": "Transcription services for county courts."}),
    HeldOut("issuer_in_footer_line", _issuer_in_footer_line, {
        "holder": "Fenwick Robotics Ltd", "certificate_number": "FRC-42-0077",
        "certification_body": "Tynebridge Certification Ltd", "issue_date": D(2025, 3, 20),
        "expiry_date": D(2028, 3, 19), "scope": "Warehouse picking robots with learned grasp planning."}),
    HeldOut("ordinal_surveillances", _ordinal_surveillances, {
        "holder": "Offa Data Ltd", "certificate_number": "MA-2200",
        "certification_body": "Marcher Assessment Ltd", "accreditation_body": "UKAS",
        "initial_certification_date": D(2023, 2, 1), "issue_date": D(2026, 2, 1),
        "expiry_date": D(2029, 1, 31), "surveillance_dates": [D(2024, 1, 15), D(2025, 1, 20)],
        "scope": "Document classification for archives."}),
    HeldOut("caps_ltd_dot", _caps_ltd_dot, {
        "holder": "HARBOUR LIGHT ANALYTICS CO., LTD.", "certificate_number": "KQC-AI-0310",
        "certification_body": "Kowloon Quality Certification Ltd.", "accreditation_body": "HKAS",
        "issue_date": D(2025, 8, 18), "expiry_date": D(2028, 8, 17),
        "scope": "Retail demand sensing services."}),
)
