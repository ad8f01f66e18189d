"""An eighth held-out round: wrapped labels, year-first slashes, '#' numbers; scored before fixing."""

from __future__ import annotations

from reportlab.platypus import Spacer

from .cert_pdf import Text
from .heldout_certs import BIG, BOLD, D, HeldOut, drawn, flowed, p


def _wrapped_labels_column() -> bytes:
    return drawn([[
        Text(60, 40, "Fuji Conformity Assessment K.K.", 13, True),
        Text(60, 80, "CERTIFICATE", 22, True),
        Text(60, 120, "Certified", 10), Text(60, 132, "organization", 10),
        Text(200, 120, "Sakura Voice Systems K.K.", 11),
        Text(60, 160, "Certificate", 10), Text(60, 172, "number", 10), Text(200, 160, "FCA-AI-0231", 11),
        Text(60, 200, "Standard", 10), Text(200, 200, "ISO/IEC 42001:2023", 11),
        Text(60, 230, "Scope", 10),
        Text(200, 230, "Development and operation of Japanese speech synthesis services", 11),
        Text(200, 244, "for broadcasters and public announcements.", 11),
        Text(60, 274, "Date of initial", 10), Text(60, 286, "certification", 10),
        Text(200, 274, "2023/04/01", 11),
        Text(60, 314, "Date of issue", 10), Text(200, 314, "2025/04/01", 11),
        Text(60, 344, "Expiry date", 10), Text(200, 344, "2026/03/31", 11),
        Text(60, 384, "Accreditation: JAB", 9),
    ]])


def _hash_number_en_dash_range() -> bytes:
    return flowed([
        p("Baltic Gate Zertifizierung GmbH", BOLD), Spacer(1, 14), p("Zertifikat", BIG),
        p("Zertifikatsinhaber: Hansekai Datenanalyse GmbH"),
        p("Zertifikat # 2025-118"),
        p("Norm: ISO/IEC 42001:2023"),
        p("Geltungsbereich: Prognosemodelle für Hafenlogistik."),
        p("Gültigkeit: 12.03.2025 – 11.03.2028"),
        p("Akkreditierung: DAkkS"),
    ])


def _holder_label_and_sentence_agree() -> bytes:
    return drawn([[
        Text(60, 40, "Mersey Quality Assurance Ltd", 13, True),
        Text(60, 80, "CERTIFICATE", 22, True),
        Text(60, 120, "Mersey Quality Assurance Ltd certifies that the organisation named below", 11),
        Text(60, 136, "operates an AI management system that meets ISO/IEC 42001:2023.", 11),
        Text(60, 170, "Client:", 10), Text(160, 170, "Wirral Vision Ltd", 12, True),
        Text(60, 190, "Client no.:", 10), Text(160, 190, "C-7781", 11),
        Text(60, 210, "Certificate no.:", 10), Text(160, 210, "MQA/42/0550", 11),
        Text(60, 230, "Scope:", 10), Text(160, 230, "Number-plate recognition for car park operators.", 11),
        Text(60, 250, "Issued:", 10), Text(160, 250, "14 February 2025", 11),
        Text(60, 270, "Expires:", 10), Text(160, 270, "13 February 2028", 11),
        Text(60, 300, "Accreditation:", 10), Text(160, 300, "UKAS", 11),
    ]])


CASES8: tuple[HeldOut, ...] = (
    HeldOut("wrapped_labels_column", _wrapped_labels_column, {
        "holder": "Sakura Voice Systems K.K.", "certificate_number": "FCA-AI-0231",
        "certification_body": "Fuji Conformity Assessment K.K.", "accreditation_body": "JAB",
        "initial_certification_date": D(2023, 4, 1), "issue_date": D(2025, 4, 1),
        "expiry_date": D(2026, 3, 31),
        "scope": "Development and operation of Japanese speech synthesis services for broadcasters and "
                 "public announcements."}),
    HeldOut("hash_number_en_dash_range", _hash_number_en_dash_range, {
        "holder": "Hansekai Datenanalyse GmbH", "certificate_number": "2025-118",
        "certification_body": "Baltic Gate Zertifizierung GmbH", "accreditation_body": "DAkkS",
        "issue_date": D(2025, 3, 12), "expiry_date": D(2028, 3, 11),
        "scope": "Prognosemodelle für Hafenlogistik."}),
    HeldOut("holder_label_and_sentence_agree", _holder_label_and_sentence_agree, {
        "holder": "Wirral Vision Ltd", "certificate_number": "MQA/42/0550",
        "certification_body": "Mersey Quality Assurance Ltd", "accreditation_body": "UKAS",
        "issue_date": D(2025, 2, 14), "expiry_date": D(2028, 2, 13),
        "scope": "Number-plate recognition for car park operators."}),
)
