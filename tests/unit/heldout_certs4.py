"""A fourth held-out round: centred layouts and conflicting candidates, scored before any new fix."""

from __future__ import annotations

import io

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen import canvas
from reportlab.platypus import Spacer, Table

from .cert_pdf import Text
from .heldout_certs import BASE, BIG, BOLD, GRID, D, HeldOut, drawn, flowed, p

CENTRE = ParagraphStyle("centre", parent=BASE, alignment=TA_CENTER)
CENTRE_BIG = ParagraphStyle("centre_big", parent=BIG, alignment=TA_CENTER)
CENTRE_BOLD = ParagraphStyle("centre_bold", parent=BOLD, alignment=TA_CENTER)


def centred(lines: list[tuple[float, str, float, bool]], size: tuple[float, float] = A4) -> bytes:
    """Return a one-page PDF with each (y from top, text, font size, bold) line centred."""
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=size)
    for y, text, fsize, bold in lines:
        pdf.setFont("Helvetica-Bold" if bold else "Helvetica", fsize)
        pdf.drawCentredString(size[0] / 2, size[1] - y - fsize, text)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _centred_classic() -> bytes:
    return centred([
        (40, "CASTLEGATE CERTIFICATION LIMITED", 12, True),
        (90, "CERTIFICATE OF REGISTRATION", 22, True),
        (140, "This is to certify that", 11, False),
        (162, "Ashdown Health Analytics Limited", 16, True),
        (184, "7 Priory Lane, Lewes, BN7 1UR, United Kingdom", 10, False),
        (210, "has been assessed and registered as meeting the requirements of", 11, False),
        (228, "ISO/IEC 42001:2023", 14, True),
        (256, "for the following scope:", 11, False),
        (274, "Machine-learning risk stratification tools for hospital discharge planning.", 11, False),
        (320, "Certificate Number: CGC-42-0609", 10, False),
        (338, "Initial Certification: 15 August 2024", 10, False),
        (356, "Date of Issue: 15 August 2025", 10, False),
        (374, "Expiry Date: 14 August 2027", 10, False),
        (420, "Accredited by the United Kingdom Accreditation Service", 9, False),
    ])


def _centred_platypus_landscape() -> bytes:
    return flowed([
        p("Rocky Mountain Assurance Registrars", CENTRE_BOLD), Spacer(1, 10),
        p("Certificate of Conformity", CENTRE_BIG),
        p("awarded to", CENTRE), p("Aspen Clinical AI, LLC", CENTRE_BOLD),
        p("for an AI management system conforming to ISO/IEC 42001:2023", CENTRE),
        p("Scope: Radiology report drafting assistant for outpatient imaging centers.", CENTRE),
        p("Certificate No. RMA-AI-1015 | Issued 2025-10-15 | Expires 2028-10-14", CENTRE),
        p("Accredited by ANAB", CENTRE),
    ], landscape(A4))


def _accreditation_number_nearby() -> bytes:
    return drawn([[
        Text(60, 40, "Emerald Isle Certification Ltd", 13, True),
        Text(60, 80, "CERTIFICATE", 22, True),
        Text(60, 120, "Accreditation No. 27MS", 9),
        Text(60, 150, "Organisation: Shannon Speech Technologies Ltd", 11),
        Text(60, 168, "Certificate No.: EIC-42-3302", 11),
        Text(60, 186, "Standard: ISO/IEC 42001:2023", 11),
        Text(60, 204, "Scope: Irish-language speech recognition services.", 11),
        Text(60, 222, "Issue date: 4 April 2025", 11),
        Text(60, 240, "Expiry date: 3 April 2028", 11),
        Text(60, 280, "Accredited by the Irish National Accreditation Board", 9),
    ]])


def _ambiguous_numeric_dates() -> bytes:
    return drawn([[
        Text(60, 40, "Global Management Registrar", 13, True),
        Text(60, 80, "CERTIFICATE", 22, True),
        Text(60, 120, "Organisation: Oriel Forecasting Group", 11),
        Text(60, 138, "Certificate No.: GMR-5530", 11),
        Text(60, 156, "Standard: ISO/IEC 42001:2023", 11),
        Text(60, 174, "Scope: Demand forecasting models for energy traders.", 11),
        Text(60, 192, "Issue date: 03/04/2025", 11),
        Text(60, 210, "Expiry date: 02/04/2028", 11),
    ]])


def _validity_years_only() -> bytes:
    return flowed([
        p("Kiwi Standards Certification Ltd", BOLD), Spacer(1, 14), p("Certificate", BIG),
        p("Organisation: Tasman Language AI Ltd"),
        p("Certificate No.: KSC-7710"),
        p("Standard: ISO/IEC 42001:2023"),
        p("Scope: Te reo Maori speech-to-text services."),
        p("Date of issue: 20 October 2025"),
        p("This certificate is valid for three years from the date of issue, subject to annual "
          "surveillance audits."),
        p("Accreditation: JAS-ANZ"),
    ])


def _numbered_sites() -> bytes:
    return flowed([
        p("Alpine Register AG", BOLD), Spacer(1, 14), p("Certificate", BIG),
        p("Organisation: Glacier Vision AG"),
        p("Certificate No.: AR-42-099"),
        p("Standard: ISO/IEC 42001:2023"),
        p("Scope: Avalanche risk prediction models for mountain rail operators."),
        p("Site(s) covered:"),
        p("1. Bahnhofplatz 2, 3920 Zermatt, Switzerland"),
        p("2. Via Stazione 10, 6500 Bellinzona, Switzerland"),
        p("Issue date: 2025-12-05"), p("Expiry date: 2028-12-04"),
        p("Accreditation: SAS"),
    ])


def _valid_header_pair() -> bytes:
    return flowed([
        p("Silverbirch Certification Oy", BOLD), Spacer(1, 14), p("Certificate", BIG),
        p("Certified organisation: Lapland Sensor AI Oy"),
        p("Standard: ISO/IEC 42001:2023"),
        p("Scope: Anomaly detection for Arctic weather stations."), Spacer(1, 8),
        Table([["Certificate number", "Valid from", "Valid until"],
               ["SBC-0917", "1.9.2025", "31.8.2028"]], style=GRID, hAlign="LEFT"),
        Spacer(1, 8), p("Accreditation: FINAS"),
    ])


def _caps_holder_caps_address() -> bytes:
    return drawn([[
        Text(60, 40, "Pennine Registrars Ltd", 13, True),
        Text(60, 80, "CERTIFICATE OF APPROVAL", 20, True),
        Text(60, 120, "This is to certify that", 11),
        Text(60, 140, "MOORLAND DATA SERVICES LIMITED", 13, True),
        Text(60, 158, "UNIT 9, CALDER BUSINESS PARK, HALIFAX, HX1 5AB", 10),
        Text(60, 180, "has been approved against ISO/IEC 42001:2023 for the following scope:", 11),
        Text(60, 198, "Optical character recognition of historic census records.", 11),
        Text(60, 230, "Approval number: PR-3319", 11),
        Text(60, 248, "Issue date: 12 January 2026", 11),
        Text(60, 266, "Expiry date: 11 January 2029", 11),
    ]])


CASES4: tuple[HeldOut, ...] = (
    HeldOut("centred_classic", _centred_classic, {
        "holder": "Ashdown Health Analytics Limited", "certificate_number": "CGC-42-0609",
        "certification_body": "CASTLEGATE CERTIFICATION LIMITED", "accreditation_body": "UKAS",
        "initial_certification_date": D(2024, 8, 15), "issue_date": D(2025, 8, 15),
        "expiry_date": D(2027, 8, 14),
        "scope": "Machine-learning risk stratification tools for hospital discharge planning.",
        "sites": ["7 Priory Lane, Lewes, BN7 1UR, United Kingdom"]}),
    HeldOut("centred_platypus_landscape", _centred_platypus_landscape, {
        "holder": "Aspen Clinical AI, LLC", "certificate_number": "RMA-AI-1015",
        "certification_body": "Rocky Mountain Assurance Registrars", "accreditation_body": "ANAB",
        "issue_date": D(2025, 10, 15), "expiry_date": D(2028, 10, 14),
        "scope": "Radiology report drafting assistant for outpatient imaging centers."}),
    HeldOut("accreditation_number_nearby", _accreditation_number_nearby, {
        "holder": "Shannon Speech Technologies Ltd", "certificate_number": "EIC-42-3302",
        "certification_body": "Emerald Isle Certification Ltd", "accreditation_body": "INAB",
        "issue_date": D(2025, 4, 4), "expiry_date": D(2028, 4, 3),
        "scope": "Irish-language speech recognition services."}),
    HeldOut("ambiguous_numeric_dates", _ambiguous_numeric_dates, {
        "holder": "Oriel Forecasting Group", "certificate_number": "GMR-5530",
        "certification_body": "Global Management Registrar",
        "scope": "Demand forecasting models for energy traders."}),  # 03/04/2025: nothing tells the order
    HeldOut("validity_years_only", _validity_years_only, {
        "holder": "Tasman Language AI Ltd", "certificate_number": "KSC-7710",
        "certification_body": "Kiwi Standards Certification Ltd", "accreditation_body": "JAS-ANZ",
        "issue_date": D(2025, 10, 20), "scope": "Te reo Maori speech-to-text services."}),
    HeldOut("numbered_sites", _numbered_sites, {
        "holder": "Glacier Vision AG", "certificate_number": "AR-42-099",
        "certification_body": "Alpine Register AG", "accreditation_body": "SAS",
        "issue_date": D(2025, 12, 5), "expiry_date": D(2028, 12, 4),
        "scope": "Avalanche risk prediction models for mountain rail operators.",
        "sites": ["Bahnhofplatz 2, 3920 Zermatt, Switzerland",
                  "Via Stazione 10, 6500 Bellinzona, Switzerland"]}),
    HeldOut("valid_header_pair", _valid_header_pair, {
        "holder": "Lapland Sensor AI Oy", "certificate_number": "SBC-0917",
        "certification_body": "Silverbirch Certification Oy", "accreditation_body": "FINAS",
        "issue_date": D(2025, 9, 1), "expiry_date": D(2028, 8, 31),
        "scope": "Anomaly detection for Arctic weather stations."}),
    HeldOut("caps_holder_caps_address", _caps_holder_caps_address, {
        "holder": "MOORLAND DATA SERVICES LIMITED", "certificate_number": "PR-3319",
        "certification_body": "Pennine Registrars Ltd", "issue_date": D(2026, 1, 12),
        "expiry_date": D(2029, 1, 11),
        "scope": "Optical character recognition of historic census records.",
        "sites": ["UNIT 9, CALDER BUSINESS PARK, HALIFAX, HX1 5AB"]}),
)
