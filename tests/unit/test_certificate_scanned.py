"""A scanned certificate in a new layout: read by OCR, then by the same field extraction."""

from __future__ import annotations

import datetime as dt

from parsers import CertificateExtraction, parse
from tests.conftest import require_tool

from .cert_pdf import Text, build_pdf, paragraph, scanned


def test_scanned_certificate_fields() -> None:
    require_tool("tesseract", "scanned certificates are read by OCR")
    page = [
        Text(60, 40, "Kestrel Assurance Services Ltd", 15, bold=True),
        Text(150, 95, "Certificate of Registration", 20, bold=True),
        Text(60, 140, "Certificate holder:", 11), Text(230, 140, "Wrenfield Mobility Limited", 13, bold=True),
        Text(60, 165, "Standard:", 11), Text(230, 165, "ISO/IEC 42001:2023", 11),
        Text(60, 190, "Certificate number:", 11), Text(230, 190, "KAS-AI-30417", 11),
        Text(60, 215, "Date of issue:", 11), Text(230, 215, "14 August 2025", 11),
        Text(60, 240, "Expiry date:", 11), Text(230, 240, "13 August 2028", 11),
        Text(60, 270, "Scope of certification:", 11),
        *paragraph(60, 288, ["Development and operation of the Wrenfield RideMatch dispatch service,",
                             "including its routing models and their monitoring."], size=11, leading=15),
        Text(60, 350, "Accreditation: UKAS", 11),
    ]
    result = parse(scanned(build_pdf([page])))
    assert isinstance(result, CertificateExtraction) and result.ocr
    assert result.holder == "Wrenfield Mobility Limited"
    assert result.certificate_number == "KAS-AI-30417"
    assert result.standard == "ISO/IEC 42001:2023"
    assert result.issue_date == dt.date(2025, 8, 14)
    assert result.expiry_date == dt.date(2028, 8, 13)
    assert result.accreditation_body == "UKAS"
    assert result.scope is not None and result.scope.startswith("Development and operation of the Wrenfield")
    assert result.scope.endswith("monitoring.")
