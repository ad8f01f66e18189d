"""Stage `lines_to_fields` for Statements of Applicability."""

from __future__ import annotations

from .model import SoaExtraction
from .pages import Page
from .settings import ParseSettings


def extract(pages: list[Page], settings: ParseSettings) -> SoaExtraction:
    """Extract holder, version, date and every control row."""
    return SoaExtraction()
