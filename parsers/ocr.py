"""OCR for pages with no text layer (Tesseract through pytesseract)."""

from __future__ import annotations

from typing import Any

from .errors import OcrUnavailable
from .pages import Word
from .settings import ParseSettings


def page_has_image(plumber_page: Any) -> bool:
    """Return whether the page carries any image worth reading."""
    return bool(plumber_page.images)


def ocr_words(plumber_page: Any, settings: ParseSettings) -> list[Word]:
    """Render the page and read its words with Tesseract; boxes in PDF points."""
    raise OcrUnavailable("OCR not implemented yet")
