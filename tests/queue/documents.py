"""Small digital certificates, each different, drawn for the queue tests and the benchmark."""

from __future__ import annotations

from tests.web.builders import pdf_bytes


def certificate_pdf(n: int, holder: str = "Example Voice Ltd") -> bytes:
    """A one-page ISO/IEC 42001 certificate; `n` makes its number (and so its bytes) unique."""
    return pdf_bytes(
        "CERTIFICATE OF REGISTRATION",
        f"This is to certify that {holder}",
        "operates an AI management system which complies with the requirements of",
        "ISO/IEC 42001:2023",
        f"Certificate number: AIMS {700000 + n}",
        "Scope: The design, development and operation of the VoiceAgent platform.",
        "Initial certification date: 2024-03-12",
        "Issue date: 2025-03-12",
        "Expiry date: 2027-03-11",
        "Certification body: Example Certification Ltd",
        "Accredited by UKAS",
    )
