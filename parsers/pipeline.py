"""The parse pipeline: bytes → pages → lines → kind → fields."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from . import certificate, classify, ocr, soa
from .errors import DocumentError, TooSlow
from .model import Extraction, UnknownExtraction
from .pages import Page, Source, Word, check_budget, open_pdf, page_words, read_bytes, words_to_lines
from .settings import DEFAULT_SETTINGS, ParseSettings

# Told (stage, page, pages) before each page is read: stage "reading" for the text layer, "ocr" for a scan.
Progress = Callable[[str, int, int], None]


def parse(source: Source, settings: ParseSettings = DEFAULT_SETTINGS,
          progress: Progress | None = None) -> Extraction:
    """Read a PDF (path or bytes) and return what it is and every field it states.

    Raises a `parsers.errors.DocumentError` subclass for an unreadable document.
    `progress`, when given, is told which page is being read (the portal shows it).
    """
    data = read_bytes(source, settings)
    started = time.perf_counter()
    with _deadline(settings.time_budget_s), ocr.Renderer(data) as renderer, \
            open_pdf(data, settings, pdfium_pages=renderer.page_count()) as pdf:
        pages = pdf_to_pages(pdf, settings, started, renderer, progress)
        check_budget(started, settings)
        return lines_to_fields(pages, settings)


def pdf_to_pages(pdf: Any, settings: ParseSettings, started: float,
                 renderer: ocr.Renderer | None = None, progress: Progress | None = None) -> list[Page]:
    """Build a Page of lines for every page, OCR-ing pages that have no text layer."""
    pages = []
    total = len(pdf.pages)
    languages: str | None = None  # a scanned page's language carries over to the next scanned page
    for number, plumber_page in enumerate(pdf.pages, start=1):
        check_budget(started, settings)
        if progress:
            progress("reading", number, total)
        words = _text_layer(plumber_page)
        page = Page(number, float(plumber_page.width), float(plumber_page.height), plumber=plumber_page)
        if _needs_ocr(words, settings) and renderer is not None and _drawn(plumber_page, words):
            if progress:
                progress("ocr", number, total)
            scan = ocr.read_page(renderer, number - 1, settings, _remaining(started, settings),
                                 ocr.native_dpi(plumber_page), languages)
            words, page.rules, page.grid, page.ocr = scan.words, scan.rules, scan.grid, True
            languages = scan.languages
            if scan.turned in (90, 270):
                page.width, page.height = page.height, page.width
        page.lines = words_to_lines(words or [], number, settings.line_tolerance)
        pages.append(page)
    if not pages and renderer is not None:
        pages = _pdfium_only_pages(renderer, settings, started, progress)
    return pages


def _text_layer(plumber_page: Any) -> list[Word] | None:
    """Read a page's words; None when pdfminer cannot interpret the page at all."""
    try:
        return page_words(plumber_page)
    except DocumentError:
        raise
    except Exception:  # a broken content stream on one page must not sink the document
        return None


def _drawn(plumber_page: Any, words: list[Word] | None) -> bool:
    """Whether a page without text shows something to read: a scan, outlined text, or unknown."""
    if words is None:
        return True  # pdfminer failed on it; pdfium may still render it
    try:
        return ocr.page_has_image(plumber_page) or len(plumber_page.curves) >= _OUTLINED_TEXT_CURVES
    except Exception:  # same as above: let the renderer decide
        return True


_OUTLINED_TEXT_CURVES = 20  # text converted to outlines draws a curve per glyph


def _needs_ocr(words: list[Word] | None, settings: ParseSettings) -> bool:
    return settings.ocr and sum(len(w.text) for w in words or []) < settings.min_text_chars


def _pdfium_only_pages(renderer: ocr.Renderer, settings: ParseSettings, started: float,
                       progress: Progress | None = None) -> list[Page]:
    """OCR every page of a file whose page tree only pdfium can follow."""
    pages = []
    languages: str | None = None
    for index in range(renderer.page_count()):
        check_budget(started, settings)
        if progress and settings.ocr:
            progress("ocr", index + 1, renderer.page_count())
        width, height = renderer.page_size(index)
        page = Page(index + 1, width, height)
        if settings.ocr:
            scan = ocr.read_page(renderer, index, settings, _remaining(started, settings),
                                 languages=languages)
            languages = scan.languages
            page.lines = words_to_lines(scan.words, index + 1, settings.line_tolerance)
            page.rules, page.grid, page.ocr = scan.rules, scan.grid, True
            if scan.turned in (90, 270):
                page.width, page.height = page.height, page.width
        pages.append(page)
    return pages


def _remaining(started: float, settings: ParseSettings) -> float:
    return settings.time_budget_s - (time.perf_counter() - started)


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Interrupt a page that hangs inside pdfminer once the budget is spent (main thread only).

    Elsewhere (e.g. web workers) the budget is still checked between pages and OCR has a timeout.
    """
    usable = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if not usable or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise TooSlow(f"reading the document took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds + 1.0)  # the per-page checks normally fire first
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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
    result.ocr_pages = [p.number for p in pages if p.ocr]
    return result
