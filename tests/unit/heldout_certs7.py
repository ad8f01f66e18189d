"""A seventh held-out round: issuer-first sentences, sidebars, disclaimers, Spanish; scored before fixing."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import Spacer

from .cert_pdf import Text
from .heldout_certs import BIG, BOLD, D, HeldOut, drawn, flowed, p


def _issuer_first_sentence() -> bytes:
    return flowed([
        p("Cotswold Certification Services Ltd", BOLD), Spacer(1, 14), p("Certificate", BIG),
        p("Cotswold Certification Services Ltd hereby certifies that Windrush Analytics Ltd, 4 Mill Lane, "
          "Burford, OX18 4RS, United Kingdom, has implemented an AI management system meeting "
          "ISO/IEC 42001:2023."),
        p("Scope: Crop yield forecasting services for farm cooperatives."),
        p("Certificate No.: CCS-42-6120"),
        p("Issue date: 11th March 2025"), p("Expiry date: 10th March 2028"),
        p("Accreditation: UKAS"),
        Spacer(1, 20),
        p("This certificate is valid until the expiry date shown above unless suspended or withdrawn."),
    ])


def _sidebar_landscape() -> bytes:
    return drawn([[
        Text(30, 40, "ANDES CERTIFICACIONES S.A.", 11, True),
        Text(30, 56, "Av. Apoquindo 3000", 8), Text(30, 66, "Las Condes, Santiago", 8),
        Text(30, 76, "Chile", 8),
        Text(330, 60, "CERTIFICADO", 24, True),
        Text(250, 110, "Se certifica que el sistema de gestión de", 11),
        Text(250, 128, "Patagonia Inteligencia SpA", 15, True),
        Text(250, 150, "cumple con los requisitos de la norma ISO/IEC 42001:2023", 11),
        Text(250, 176, "Alcance: Desarrollo de modelos de predicción de demanda energética.", 11),
        Text(250, 204, "Certificado N°: AC-42-7781", 10),
        Text(250, 220, "Fecha de emisión: 14/04/2025", 10),
        Text(250, 236, "Fecha de vencimiento: 13/04/2028", 10),
        Text(30, 500, "Acreditado por INN", 8),
    ]], landscape(A4))


def _name_and_address_label() -> bytes:
    return drawn([[
        Text(60, 40, "Solent Assessment Ltd", 13, True),
        Text(60, 80, "CERTIFICATE OF REGISTRATION", 20, True),
        Text(60, 120, "Name and address of the organisation:", 10),
        Text(60, 136, "Needles Marine Data Ltd", 12, True),
        Text(60, 152, "Quay House, 2 High Street", 10),
        Text(60, 166, "Yarmouth, PO41 0PL, United Kingdom", 10),
        Text(60, 196, "Standard: ISO/IEC 42001:2023", 10),
        Text(60, 214, "Scope: Vessel traffic prediction for harbour authorities.", 10),
        Text(60, 232, "Certificate No.: SAL-0042", 10),
        Text(60, 250, "Date of issue: 2025-09-09", 10),
        Text(60, 268, "Expiry date: 2028-09-08", 10),
        Text(60, 286, "Date of next surveillance audit: 2026-08-15", 10),
        Text(60, 320, "Accreditation: UKAS", 9),
    ]])


def _justified_scope_paragraph() -> bytes:
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle

    from .heldout_certs import BASE
    just = ParagraphStyle("just", parent=BASE, alignment=TA_JUSTIFY)
    return flowed([
        p("Pembroke Registrars Ltd", BOLD), Spacer(1, 14), p("Certificate", BIG),
        p("Organisation: Tenby Tide Analytics Ltd"),
        p("Certificate No.: PRL-42-818"),
        p("Standard: ISO/IEC 42001:2023"),
        p("Scope of certification", BOLD),
        p("The design, development, validation, deployment and monitoring of machine-learning models "
          "that forecast tidal energy output for grid operators, including data ingestion pipelines and "
          "customer reporting dashboards.", just),
        Spacer(1, 8),
        p("Issue date: 2 July 2025"), p("Expiry date: 1 July 2028"),
        p("Accreditation: UKAS"),
    ])


def _sites_and_inline() -> bytes:
    return flowed([
        p("Trent Valley Certification Ltd", BOLD), Spacer(1, 14), p("Certificate", BIG),
        p("Organisation: Sherwood Speech Ltd"),
        p("Certificate No.: TVC-1150"),
        p("Standard: ISO/IEC 42001:2023"),
        p("Scope: Call transcription for local councils."),
        p("Sites: 10 Castle Boulevard, Nottingham, NG7 1FB, UK and 3 Friar Gate, Derby, DE1 1BU, UK"),
        p("Issue date: 2025-04-22"), p("Expiry date: 2028-04-21"),
        p("Accreditation: UKAS"),
    ])


CASES7: tuple[HeldOut, ...] = (
    HeldOut("issuer_first_sentence", _issuer_first_sentence, {
        "holder": "Windrush Analytics Ltd", "certificate_number": "CCS-42-6120",
        "certification_body": "Cotswold Certification Services Ltd", "accreditation_body": "UKAS",
        "issue_date": D(2025, 3, 11), "expiry_date": D(2028, 3, 10),
        "scope": "Crop yield forecasting services for farm cooperatives.",
        "sites": ["4 Mill Lane, Burford, OX18 4RS, United Kingdom"]}),
    HeldOut("sidebar_landscape", _sidebar_landscape, {
        "holder": "Patagonia Inteligencia SpA", "certificate_number": "AC-42-7781",
        "certification_body": "ANDES CERTIFICACIONES S.A.", "accreditation_body": "INN",
        "issue_date": D(2025, 4, 14), "expiry_date": D(2028, 4, 13),
        "scope": "Desarrollo de modelos de predicción de demanda energética."}),
    HeldOut("name_and_address_label", _name_and_address_label, {
        "holder": "Needles Marine Data Ltd", "certificate_number": "SAL-0042",
        "certification_body": "Solent Assessment Ltd", "accreditation_body": "UKAS",
        "issue_date": D(2025, 9, 9), "expiry_date": D(2028, 9, 8), "next_audit_due": D(2026, 8, 15),
        "scope": "Vessel traffic prediction for harbour authorities.",
        "sites": ["Quay House, 2 High Street, Yarmouth, PO41 0PL, United Kingdom"]}),
    HeldOut("justified_scope_paragraph", _justified_scope_paragraph, {
        "holder": "Tenby Tide Analytics Ltd", "certificate_number": "PRL-42-818",
        "certification_body": "Pembroke Registrars Ltd", "accreditation_body": "UKAS",
        "issue_date": D(2025, 7, 2), "expiry_date": D(2028, 7, 1),
        "scope": "The design, development, validation, deployment and monitoring of machine-learning models "
                 "that forecast tidal energy output for grid operators, including data ingestion pipelines "
                 "and customer reporting dashboards."}),
    HeldOut("sites_and_inline", _sites_and_inline, {
        "holder": "Sherwood Speech Ltd", "certificate_number": "TVC-1150",
        "certification_body": "Trent Valley Certification Ltd", "accreditation_body": "UKAS",
        "issue_date": D(2025, 4, 22), "expiry_date": D(2028, 4, 21),
        "scope": "Call transcription for local councils.",
        "sites": ["10 Castle Boulevard, Nottingham, NG7 1FB, UK", "3 Friar Gate, Derby, DE1 1BU, UK"]}),
)
