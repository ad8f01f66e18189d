"""The parse pipeline: bytes → pages → lines → kind → fields."""

from __future__ import annotations

import time
from typing import Any

from . import certificate, classify, ocr, soa
from .model import Extraction, UnknownExtraction
from .pages import Page, Source, check_budget, open_pdf, page_words, read_bytes, words_to_lines
from .settings import DEFAULT_SETTINGS, ParseSettings


def parse(source: Source, settings: ParseSettings = DEFAULT_SETTINGS) -> Extraction:
    """Read a PDF (path or bytes) and return what it is and every field it states.

    Raises a `parsers.errors.DocumentError` subclass for an unreadable document.
    """
    data = read_bytes(source, settings)
    started = time.perf_counter()
    with open_pdf(data, settings) as pdf:
        pages = pdf_to_pages(pdf, settings, started)
        return lines_to_fields(pages, settings)


def pdf_to_pages(pdf: Any, settings: ParseSettings, started: float) -> list[Page]:
    """Build a Page of lines for every page, OCR-ing pages that have no text layer."""
    pages = []
    for number, plumber_page in enumerate(pdf.pages, start=1):
        check_budget(started, settings)
        words = page_words(plumber_page)
        page = Page(number, float(plumber_page.width), float(plumber_page.height), plumber=plumber_page)
        if sum(len(w.text) for w in words) < settings.min_text_chars and settings.ocr:
            if ocr.page_has_image(plumber_page):
                words = ocr.ocr_words(plumber_page, settings)
                page.ocr = True
        page.lines = words_to_lines(words, number, settings.line_tolerance)
        pages.append(page)
    return pages


def lines_to_fields(pages: list[Page], settings: ParseSettings) -> Extraction:
    """Decide the document kind and run that kind's field extraction."""
    kind = classify.classify(pages)
    if kind == "certificate":
        result: Extraction = certificate.extract(pages, settings)
    elif kind == "soa":
        result = soa.extract(pages, settings)
    else:
        result = UnknownExtraction(title=classify.title(pages))
    result.page_texts = [p.text for p in pages]
    result.ocr = any(p.ocr for p in pages)
    return result
