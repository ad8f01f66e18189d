"""Held-out certificate layouts (reportlab canvas and platypus), each with its fields written by hand.

None copies a corpus family: these are the layouts of other certification bodies (one-line holder and
address, header-row tables, German registration numbers, bullets, sites on page 2, letters), used to
check that extraction generalises. Expected values follow SCHEMA.md §1.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from .cert_pdf import Text, build_pdf

D = dt.date
BASE = ParagraphStyle("base", fontName="Helvetica", fontSize=10, leading=13)
BIG = ParagraphStyle("big", parent=BASE, fontName="Helvetica-Bold", fontSize=20, leading=26)
BOLD = ParagraphStyle("bold", parent=BASE, fontName="Helvetica-Bold", fontSize=13, leading=17)
GRID = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("FONTSIZE", (0, 0), (-1, -1), 9)])
EMPTY: dict[str, object] = {
    "standard": "ISO/IEC 42001:2023", "certified": True, "holder": None, "certificate_number": None,
    "certification_body": None, "accreditation_body": None, "initial_certification_date": None,
    "issue_date": None, "expiry_date": None, "surveillance_dates": [], "next_audit_due": None,
    "scope": None, "sites": [], "soa_reference": None,
}


@dataclass(frozen=True)
class HeldOut:
    """One held-out certificate: how to build it and every SCHEMA.md field it states."""

    name: str
    build: Callable[[], bytes]
    want: dict[str, object] = field(default_factory=dict)

    def expected(self) -> dict[str, object]:
        """Return all fields: the stated ones over SCHEMA.md's empty values."""
        return {**EMPTY, **self.want}


def drawn(pages: Sequence[Sequence[Text]], size: tuple[float, float] = A4) -> bytes:
    """Return a PDF with each page's strings drawn at (x, y from the top)."""
    return build_pdf(pages, size=size)


def flowed(story: list[object], size: tuple[float, float] = A4) -> bytes:
    """Return a PDF laid out by platypus from a story of flowables."""
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=size, leftMargin=60, rightMargin=60, topMargin=50,
                      bottomMargin=50).build(story)  # type: ignore[arg-type]
    return buf.getvalue()


def p(text: str, style: ParagraphStyle = BASE) -> Paragraph:
    """Return a paragraph in the given style."""
    return Paragraph(text, style)


def _one_line_holder() -> bytes:
    return drawn([[
        Text(60, 40, "BALTIC SYSTEMS CERTIFICATION OY", 12, True),
        Text(60, 80, "Certificate", 22, True),
        Text(60, 130, "Kaarna Analytics Oy, Mannerheimintie 12, 00100 Helsinki, Finland", 12),
        Text(60, 150, "is certified according to ISO/IEC 42001:2023 for the scope", 11),
        Text(60, 166, "Development and operation of the Kaarna demand forecasting service.", 11),
        Text(60, 220, "Registration No.", 9, True), Text(220, 220, "Date of issue", 9, True),
        Text(380, 220, "Expiry date", 9, True), Text(540, 220, "Initial certification", 9, True),
        Text(60, 236, "BSC-42-0198", 10), Text(220, 236, "5 May 2025", 10),
        Text(380, 236, "4 May 2028", 10), Text(540, 236, "5 May 2025", 10),
        Text(60, 290, "Accreditation: FINAS", 10),
    ]], landscape(A4))


def _us_slashed() -> bytes:
    return drawn([[
        Text(72, 50, "GREAT LAKES REGISTRAR, INC.", 12, True),
        Text(72, 80, "Certificate of Registration", 18, True),
        Text(72, 120, "Registration No.: GLR-7731-AI", 11),
        Text(72, 150, "Copperline Robotics Corp.", 14, True),
        Text(72, 168, "1200 Lakeview Drive, Suite 400", 11),
        Text(72, 182, "Austin, TX 78701, USA", 11),
        Text(72, 206, "has implemented an AI management system that conforms to ISO/IEC 42001:2023.", 11),
        Text(72, 236, "This certificate is valid for:", 11, True),
        Text(72, 252, "Design, training and deployment of computer-vision models for warehouse robots.", 11),
        Text(72, 290, "Original Registration Date: 09/18/2023", 11),
        Text(72, 306, "Effective Date: 09/18/2025", 11),
        Text(72, 322, "Expiration Date: 09/17/2028", 11),
        Text(72, 360, "Accredited by the ANSI National Accreditation Board", 10),
    ]], letter)


def _german_dotted() -> bytes:
    return flowed([
        p("QUALITAS PRÜF- UND ZERTIFIZIERUNGSGESELLSCHAFT MBH", BOLD), Spacer(1, 20),
        p("ZERTIFIKAT", BIG), Spacer(1, 10),
        p("Die Zertifizierungsstelle bescheinigt hiermit, dass das Unternehmen"),
        p("Elbtal Sprachtechnik GmbH", BOLD),
        p("Hafenstraße 21, 01067 Dresden"),
        p("ein KI-Managementsystem eingeführt hat und anwendet gemäß ISO/IEC 42001:2023."), Spacer(1, 12),
        p("Geltungsbereich:"),
        p("Entwicklung, Training und Betrieb von Spracherkennungsmodellen für Callcenter."), Spacer(1, 12),
        p("Zertifikat-Registrier-Nr.: 44 100 230517"),
        p("Gültig vom: 14.02.2025"),
        p("Gültig bis: 13.02.2028"),
        p("Erstzertifizierung: 14.02.2022"), Spacer(1, 12),
        p("Akkreditiert durch die Deutsche Akkreditierungsstelle GmbH"),
    ])


def _bullet_sites() -> bytes:
    return flowed([
        p("Meridian Assurance Services Ltd", BOLD), Spacer(1, 14),
        p("CERTIFICATE OF APPROVAL", BIG), Spacer(1, 8),
        p("Certificate No: MAS/AI/5521"),
        p("Awarded to: Pellworth Analytics Ltd"), Spacer(1, 8),
        p("Scope: Provision of machine-learning credit risk scoring services to lenders."), Spacer(1, 8),
        p("Certified sites:"),
        ListFlowable([ListItem(p(s)) for s in (
            "Unit 4, Riverside Park, Leeds, LS1 4AP, United Kingdom",
            "22 George Square, Glasgow, G2 1DY, United Kingdom",
            "Level 3, 8 Dock Road, Dublin 2, Ireland")], bulletType="bullet"),
        Spacer(1, 10),
        p("Standard: ISO/IEC 42001:2023"),
        p("Date of issue: 1 July 2025"),
        p("Valid until: 30 June 2028"),
        p("Accredited by the United Kingdom Accreditation Service"),
    ])


def _two_page_sites_table() -> bytes:
    return flowed([
        p("Aurora Conformity Partners AS", BOLD), Spacer(1, 20), p("CERTIFICATE", BIG),
        p("This is to certify that"), p("Vestfold Maritime AI AS", BOLD),
        p("operates an artificial intelligence management system which complies with ISO/IEC 42001:2023"),
        Spacer(1, 8), p("Scope of certification:"),
        p("Development and operation of route-optimisation AI for shipping operators."),
        Spacer(1, 8), p("Certificate number: ACP-2025-0313"),
        p("The sites covered are listed in the appendix. Dates of validity are given overleaf."),
        PageBreak(),
        p("Appendix", BOLD),
        Table([["Site", "Address"],
               ["Head office", "Strandpromenaden 5, 3126 Tønsberg, Norway"],
               ["Data centre", "Kongens gate 40, 7012 Trondheim, Norway"]], style=GRID, hAlign="LEFT"),
        Spacer(1, 16),
        p("Initial certification date: 20 January 2025"),
        p("Date of issue: 20 January 2025"),
        p("Expiry date: 19 January 2028"),
        p("Accreditation body: Norsk akkreditering"),
    ])


def _ukas_name_only() -> bytes:
    return drawn([[
        Text(60, 40, "Thameside Certification Ltd", 14, True),
        Text(60, 80, "Certificate of Registration", 20, True),
        Text(60, 120, "This is to certify that the AI management system of", 11),
        Text(60, 138, "Quillon Health Systems Ltd", 13, True),
        Text(60, 156, "has been assessed and registered against ISO/IEC 42001:2023", 11),
        Text(60, 186, "Scope", 11, True),
        Text(140, 186, "Clinical documentation assistant for NHS primary care practices.", 11),
        Text(60, 212, "Cert. Ref.", 11, True), Text(140, 212, "TCL 88120", 11),
        Text(60, 230, "Issued", 11, True), Text(140, 230, "03-Mar-2025", 11),
        Text(60, 248, "Expires", 11, True), Text(140, 248, "02-Mar-2028", 11),
        Text(60, 300, "Accredited by the United Kingdom Accreditation Service", 9),
    ]])


def _no_accreditation() -> bytes:
    return drawn([[
        Text(60, 40, "Horizon Audit Group Pte Ltd", 13, True),
        Text(60, 80, "CERTIFICATE", 22, True),
        Text(60, 120, "Certified organisation:", 10), Text(60, 134, "Lionmark Fintech Pte Ltd", 13, True),
        Text(60, 160, "Address:", 10), Text(60, 174, "80 Robinson Road, #10-01, Singapore 068898", 11),
        Text(60, 200, "Standard:", 10), Text(60, 214, "ISO/IEC 42001:2023", 11),
        Text(60, 240, "Scope:", 10),
        Text(60, 254, "AI-based fraud detection for digital payments.", 11),
        Text(330, 120, "Certificate ID:", 10), Text(330, 134, "HAG-SG-0457", 11),
        Text(330, 160, "Issue date:", 10), Text(330, 174, "2025-08-01", 11),
        Text(330, 200, "Valid until:", 10), Text(330, 214, "2028-07-31", 11),
    ]])


def _scope_names_other_org() -> bytes:
    return flowed([
        p("Keystone Registrations LLC", BOLD), Spacer(1, 16), p("Certificate of Conformity", BIG),
        p("Issued to: Bramblecrest Software LLC"),
        p("Certificate Number: KR-42001-0788"),
        p("Standard: ISO/IEC 42001:2023"), Spacer(1, 8),
        p("Scope of registration: Operation of the TriageBot symptom checker supplied to Northgate "
          "Health Partners Inc., including model monitoring."),
        Spacer(1, 8),
        p("Date of certification: March 3, 2025"),
        p("Expiration date: March 2, 2028"),
        p("Accreditation: ANAB"),
    ], letter)


def _iso9001() -> bytes:
    return drawn([[
        Text(60, 40, "Danube Quality Register Kft.", 13, True),
        Text(60, 80, "CERTIFICATE", 22, True),
        Text(60, 120, "The quality management system of", 11),
        Text(60, 138, "Tisza Components Zrt.", 14, True),
        Text(60, 158, "has been found to conform to the requirements of ISO 9001:2015", 11),
        Text(60, 180, "covering the following activities", 11),
        Text(60, 196, "Machining and assembly of hydraulic valve components.", 11),
        Text(60, 240, "Certificate No.: DQR-9001-3390", 11),
        Text(60, 258, "Date of issue: 2025-04-10", 11),
        Text(60, 276, "Valid until: 2028-04-09", 11),
    ]])


def _statement_letter() -> bytes:
    return flowed([
        p("Clearwater Advisory Partners Ltd", BOLD), p("12 Fleet Street, London EC4Y 1AA"), Spacer(1, 12),
        p("15 September 2025"), Spacer(1, 12),
        p("STATEMENT OF CONFORMITY", BOLD), Spacer(1, 8),
        p("To whom it may concern,"),
        p("This letter confirms that Ravensholt Labs Ltd has undergone a readiness review of its AI "
          "management system against ISO/IEC 42001:2023. The review found the system aligned with the "
          "standard's requirements. This statement is not a certificate and was not issued by an "
          "accredited certification body."),
        Spacer(1, 12), p("Yours faithfully,"), p("Clearwater Advisory Partners Ltd"),
    ])


def _header_table_platypus() -> bytes:
    return flowed([
        p("SUMMIT CERTIFICATION SERVICES LIMITED", BOLD), Spacer(1, 16), p("Certificate", BIG),
        p("Granted to"), p("Orbitel Voice Limited", BOLD),
        p("Harbour House, 3 Quay Street, Cork, T12 X8N2, Ireland"), Spacer(1, 8),
        p("for its artificial intelligence management system, which meets ISO/IEC 42001:2023, "
          "for the scope"),
        p("Speech recognition and voice assistant services for contact centres."), Spacer(1, 12),
        Table([["Cert. Ref.", "Initial certification", "Issue date", "Expiry date"],
               ["SCS-IE-2207", "11 November 2024", "11 November 2024", "10 November 2027"]],
              style=GRID, hAlign="LEFT"),
        Spacer(1, 12),
        p("Surveillance audit: 28 October 2025"),
        p("Next audit due: 15 October 2026"),
        p("Accreditation body: INAB"),
    ])


def _us_prose_dates() -> bytes:
    return drawn([[
        Text(72, 50, "PIONEER MANAGEMENT SYSTEMS REGISTRAR", 12, True),
        Text(72, 90, "Registration Certificate", 18, True),
        Text(72, 130, "Pioneer Management Systems Registrar certifies that", 11),
        Text(72, 150, "Saguaro Data Labs, Inc.", 14, True),
        Text(72, 168, "4400 E Camelback Rd, Phoenix, AZ 85018, USA", 11),
        Text(72, 192, "maintains an AI management system meeting ISO/IEC 42001:2023 for the scope", 11),
        Text(72, 208, "Generative AI document summarisation for insurance claims.", 11),
        Text(72, 250, "Cert. Ref.: PMSR-AI-4410", 11),
        Text(72, 268, "Certificate issued on 02/11/2025 and valid until 02/10/2028.", 11),
        Text(72, 286, "Surveillance audits: 01/22/2026", 11),
        Text(72, 320, "Accredited by ANSI National Accreditation Board", 10),
    ]], letter)


def _holder_address_lines_sentence() -> bytes:
    return flowed([
        p("Alpenrose Certification AG", BOLD), Spacer(1, 16), p("Certificate", BIG),
        p("We hereby certify that"),
        p("Lakeshore Inference AG", BOLD), p("Seestrasse 88"), p("8002 Zürich"), p("Switzerland"),
        p("has established and applies an AI management system in accordance with ISO/IEC 42001:2023."),
        Spacer(1, 8),
        p("Scope: Hosting and operation of large language model APIs for enterprise customers."),
        Spacer(1, 8),
        p("Certificate number: ARC-CH-1190"),
        p("Valid from 01.06.2025 to 31.05.2028"),
        p("Accreditation: SAS"),
    ])


def _two_page_dates_on_p2() -> bytes:
    p1 = [
        Text(60, 40, "NORTHERN LIGHTS CERTIFICATION AB", 12, True),
        Text(60, 90, "CERTIFICATE", 24, True),
        Text(60, 140, "Registration number", 9), Text(60, 154, "NLC-AI-7002", 12),
        Text(60, 190, "Holder", 9), Text(60, 204, "Skärgård Vision AB", 13, True),
        Text(60, 240, "Standard", 9), Text(60, 254, "ISO/IEC 42001:2023", 12),
        Text(60, 290, "Scope", 9),
        Text(60, 304, "Image-recognition AI for forestry inspection drones.", 12),
    ]
    p2 = [
        Text(60, 60, "Certificate details", 14, True),
        Text(60, 100, "Initial certification", 9), Text(60, 114, "2024-10-01", 11),
        Text(250, 100, "Date of issue", 9), Text(250, 114, "2025-10-01", 11),
        Text(440, 100, "Expiry date", 9), Text(440, 114, "2027-09-30", 11),
        Text(60, 160, "Accredited by SWEDAC, the Swedish Board for Accreditation and Conformity", 9),
    ]
    return drawn([p1, p2])


def _bullets_scope_geltung() -> bytes:
    return flowed([
        p("Rheinland Systemzertifizierung GmbH", BOLD), Spacer(1, 16), p("Zertifikat", BIG),
        p("Zertifikatsinhaber: Moselblick Daten GmbH"),
        p("Norm: ISO/IEC 42001:2023"),
        p("Geltungsbereich: Betrieb einer KI-gestützten Dokumentenprüfung für Versicherer."),
        Spacer(1, 8), p("Standorte:"),
        ListFlowable([ListItem(p(s)) for s in ("Moselweg 3, 54290 Trier, Deutschland",
                                               "Kaiserstraße 17, 55116 Mainz, Deutschland")],
                     bulletType="bullet"),
        Spacer(1, 8),
        p("Registrier-Nr.: RSZ 42 7781"),
        p("Ausstellungsdatum: 01.12.2025"),
        p("Gültig bis: 30.11.2028"),
        p("Akkreditierung: DAkkS"),
    ])


CASES: tuple[HeldOut, ...] = (
    HeldOut("one_line_holder_header_row", _one_line_holder, {
        "holder": "Kaarna Analytics Oy", "certificate_number": "BSC-42-0198",
        "certification_body": "BALTIC SYSTEMS CERTIFICATION OY", "accreditation_body": "FINAS",
        "initial_certification_date": D(2025, 5, 5), "issue_date": D(2025, 5, 5),
        "expiry_date": D(2028, 5, 4),
        "scope": "Development and operation of the Kaarna demand forecasting service.",
        "sites": ["Mannerheimintie 12, 00100 Helsinki, Finland"]}),
    HeldOut("us_slashed_address_lines", _us_slashed, {
        "holder": "Copperline Robotics Corp.", "certificate_number": "GLR-7731-AI",
        "certification_body": "GREAT LAKES REGISTRAR, INC.", "accreditation_body": "ANAB",
        "initial_certification_date": D(2023, 9, 18), "issue_date": D(2025, 9, 18),
        "expiry_date": D(2028, 9, 17),
        "scope": "Design, training and deployment of computer-vision models for warehouse robots.",
        "sites": ["1200 Lakeview Drive, Suite 400, Austin, TX 78701, USA"]}),
    HeldOut("german_dotted_platypus", _german_dotted, {
        "holder": "Elbtal Sprachtechnik GmbH", "certificate_number": "44 100 230517",
        "certification_body": "QUALITAS PRÜF- UND ZERTIFIZIERUNGSGESELLSCHAFT MBH",
        "accreditation_body": "DAkkS", "initial_certification_date": D(2022, 2, 14),
        "issue_date": D(2025, 2, 14), "expiry_date": D(2028, 2, 13),
        "scope": "Entwicklung, Training und Betrieb von Spracherkennungsmodellen für Callcenter.",
        "sites": ["Hafenstraße 21, 01067 Dresden"]}),
    HeldOut("bullet_sites", _bullet_sites, {
        "holder": "Pellworth Analytics Ltd", "certificate_number": "MAS/AI/5521",
        "certification_body": "Meridian Assurance Services Ltd", "accreditation_body": "UKAS",
        "issue_date": D(2025, 7, 1), "expiry_date": D(2028, 6, 30),
        "scope": "Provision of machine-learning credit risk scoring services to lenders.",
        "sites": ["Unit 4, Riverside Park, Leeds, LS1 4AP, United Kingdom",
                  "22 George Square, Glasgow, G2 1DY, United Kingdom",
                  "Level 3, 8 Dock Road, Dublin 2, Ireland"]}),
    HeldOut("two_page_sites_table", _two_page_sites_table, {
        "holder": "Vestfold Maritime AI AS", "certificate_number": "ACP-2025-0313",
        "certification_body": "Aurora Conformity Partners AS", "accreditation_body": "NA",
        "initial_certification_date": D(2025, 1, 20), "issue_date": D(2025, 1, 20),
        "expiry_date": D(2028, 1, 19),
        "scope": "Development and operation of route-optimisation AI for shipping operators.",
        "sites": ["Strandpromenaden 5, 3126 Tønsberg, Norway", "Kongens gate 40, 7012 Trondheim, Norway"]}),
    HeldOut("ukas_name_only", _ukas_name_only, {
        "holder": "Quillon Health Systems Ltd", "certificate_number": "TCL 88120",
        "certification_body": "Thameside Certification Ltd", "accreditation_body": "UKAS",
        "issue_date": D(2025, 3, 3), "expiry_date": D(2028, 3, 2),
        "scope": "Clinical documentation assistant for NHS primary care practices."}),
    HeldOut("no_accreditation", _no_accreditation, {
        "holder": "Lionmark Fintech Pte Ltd", "certificate_number": "HAG-SG-0457",
        "certification_body": "Horizon Audit Group Pte Ltd", "issue_date": D(2025, 8, 1),
        "expiry_date": D(2028, 7, 31), "scope": "AI-based fraud detection for digital payments.",
        "sites": ["80 Robinson Road, #10-01, Singapore 068898"]}),
    HeldOut("scope_names_other_org", _scope_names_other_org, {
        "holder": "Bramblecrest Software LLC", "certificate_number": "KR-42001-0788",
        "certification_body": "Keystone Registrations LLC", "accreditation_body": "ANAB",
        "issue_date": D(2025, 3, 3), "expiry_date": D(2028, 3, 2),
        "scope": "Operation of the TriageBot symptom checker supplied to Northgate Health Partners Inc., "
                 "including model monitoring."}),
    HeldOut("iso9001", _iso9001, {
        "standard": "ISO 9001:2015", "holder": "Tisza Components Zrt.", "certificate_number": "DQR-9001-3390",
        "certification_body": "Danube Quality Register Kft.", "issue_date": D(2025, 4, 10),
        "expiry_date": D(2028, 4, 9), "scope": "Machining and assembly of hydraulic valve components."}),
    HeldOut("statement_letter", _statement_letter, {
        "certified": False, "holder": "Ravensholt Labs Ltd",
        "certification_body": "Clearwater Advisory Partners Ltd", "issue_date": D(2025, 9, 15)}),
    HeldOut("header_table_platypus", _header_table_platypus, {
        "holder": "Orbitel Voice Limited", "certificate_number": "SCS-IE-2207",
        "certification_body": "SUMMIT CERTIFICATION SERVICES LIMITED", "accreditation_body": "INAB",
        "initial_certification_date": D(2024, 11, 11), "issue_date": D(2024, 11, 11),
        "expiry_date": D(2027, 11, 10), "surveillance_dates": [D(2025, 10, 28)],
        "next_audit_due": D(2026, 10, 15),
        "scope": "Speech recognition and voice assistant services for contact centres.",
        "sites": ["Harbour House, 3 Quay Street, Cork, T12 X8N2, Ireland"]}),
    HeldOut("us_prose_dates", _us_prose_dates, {
        "holder": "Saguaro Data Labs, Inc.", "certificate_number": "PMSR-AI-4410",
        "certification_body": "Pioneer Management Systems Registrar", "accreditation_body": "ANAB",
        "issue_date": D(2025, 2, 11), "expiry_date": D(2028, 2, 10), "surveillance_dates": [D(2026, 1, 22)],
        "scope": "Generative AI document summarisation for insurance claims.",
        "sites": ["4400 E Camelback Rd, Phoenix, AZ 85018, USA"]}),
    HeldOut("holder_address_lines_sentence", _holder_address_lines_sentence, {
        "holder": "Lakeshore Inference AG", "certificate_number": "ARC-CH-1190",
        "certification_body": "Alpenrose Certification AG", "accreditation_body": "SAS",
        "issue_date": D(2025, 6, 1), "expiry_date": D(2028, 5, 31),
        "scope": "Hosting and operation of large language model APIs for enterprise customers.",
        "sites": ["Seestrasse 88, 8002 Zürich, Switzerland"]}),
    HeldOut("two_page_dates_on_p2", _two_page_dates_on_p2, {
        "holder": "Skärgård Vision AB", "certificate_number": "NLC-AI-7002",
        "certification_body": "NORTHERN LIGHTS CERTIFICATION AB", "accreditation_body": "SWEDAC",
        "initial_certification_date": D(2024, 10, 1), "issue_date": D(2025, 10, 1),
        "expiry_date": D(2027, 9, 30), "scope": "Image-recognition AI for forestry inspection drones."}),
    HeldOut("german_bullets_geltungsbereich", _bullets_scope_geltung, {
        "holder": "Moselblick Daten GmbH", "certificate_number": "RSZ 42 7781",
        "certification_body": "Rheinland Systemzertifizierung GmbH", "accreditation_body": "DAkkS",
        "issue_date": D(2025, 12, 1), "expiry_date": D(2028, 11, 30),
        "scope": "Betrieb einer KI-gestützten Dokumentenprüfung für Versicherer.",
        "sites": ["Moselweg 3, 54290 Trier, Deutschland", "Kaiserstraße 17, 55116 Mainz, Deutschland"]}),
)
