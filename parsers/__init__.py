"""Read ISO/IEC 42001 certificates and Statements of Applicability from PDFs.

Pure Python: no Flask, no database, no network.
"""

from .errors import DocumentError
from .model import (
                    CertificateExtraction,
                    Control,
                    Evidence,
                    Extraction,
                    SoaExtraction,
                    SoaReference,
                    UnknownExtraction,
                    extraction_from_json,
)
from .pipeline import parse
from .settings import DEFAULT_SETTINGS, ParseSettings

__all__ = [
    "DEFAULT_SETTINGS", "CertificateExtraction", "Control", "DocumentError", "Evidence",
    "Extraction", "ParseSettings", "SoaExtraction", "SoaReference", "UnknownExtraction",
    "extraction_from_json", "parse",
]
