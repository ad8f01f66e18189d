"""Stage `lines_to_fields` for certificates."""

from __future__ import annotations

from .model import CertificateExtraction
from .pages import Page
from .settings import ParseSettings


def extract(pages: list[Page], settings: ParseSettings) -> CertificateExtraction:
    """Extract every SCHEMA.md certificate field from the pages' lines."""
    return CertificateExtraction()
