"""Stages `pdf_to_pages` and `pages_to_lines`: PDF bytes to positioned words and lines."""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium

from .errors import CorruptPdf, EmptyDocument, EncryptedPdf, NotAPdf, TooLarge, TooSlow
from .model import BBox, Evidence
from .settings import DEFAULT_SETTINGS, ParseSettings

Source = str | Path | bytes


@dataclass(frozen=True)
class Word:
    """One word with its box (PDF points, top-left origin) and font size."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0
    bold: bool = False


@dataclass
class Line:
    """Words that share a baseline, left to right; `page` is 1-based."""

    page: int
    words: list[Word]

    @property
    def text(self) -> str:
        """Return the words joined by single spaces."""
        return " ".join(w.text for w in self.words)

    @property
    def bbox(self) -> BBox:
        """Return the box around every word."""
        return (min(w.x0 for w in self.words), min(w.top for w in self.words),
                max(w.x1 for w in self.words), max(w.bottom for w in self.words))

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)

    def evidence(self, text: str | None = None) -> Evidence:
        """Return provenance for this line (or for `text` read from it)."""
        return Evidence(self.page, text if text is not None else self.text, self.bbox)


@dataclass
class Page:
    """One page's lines; `plumber` is the open pdfplumber page (None for OCR'd pages)."""

    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    ocr: bool = False
    plumber: Any = None
    rules: list[float] = field(default_factory=list)  # OCR'd pages: y of horizontal table rules
    # OCR'd pages: fully ruled tables read cell by cell: tables → rows → (cell box, cell text)
    grid: list[list[list[tuple[BBox, str]]]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Return the page text, one line per line."""
        return "\n".join(line.text for line in self.lines)


def read_bytes(source: Source, settings: ParseSettings = DEFAULT_SETTINGS) -> bytes:
    """Read the document and check the cheap things: size, emptiness, PDF signature."""
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        if not path.is_file():
            raise NotAPdf(f"{path}: no such file")
        if path.stat().st_size > settings.max_bytes:
            raise TooLarge(f"file is larger than the {settings.max_bytes // (1024 * 1024)} MB limit")
        data = path.read_bytes()
    if not data:
        raise EmptyDocument("the file is empty")
    if len(data) > settings.max_bytes:
        raise TooLarge(f"file is larger than the {settings.max_bytes // (1024 * 1024)} MB limit")
    if b"%PDF-" not in data[:1024]:
        raise NotAPdf("not a PDF file")
    return data


@contextmanager
def open_pdf(data: bytes, settings: ParseSettings = DEFAULT_SETTINGS,
             pdfium_pages: int | None = None) -> Iterator[Any]:
    """Open with pdfplumber, turning its many failure modes into typed errors.

    `pdfium_pages` is the page count pypdfium2 saw when the caller already opened the bytes
    with it; otherwise it is counted here (fast, and a second opinion on encryption and damage).
    """
    _quiet_pdf_loggers()
    count = pdfium_page_count(data) if pdfium_pages is None else pdfium_pages
    if count > settings.max_pages:
        raise TooLarge(f"the PDF has {count} pages; the limit is {settings.max_pages}")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many unrelated types for damaged files
        raise _classify_open_error(exc) from exc
    with pdf:
        try:
            plumber_count = len(pdf.pages)
        except Exception as exc:
            raise _classify_open_error(exc) from exc
        if plumber_count > settings.max_pages:
            raise TooLarge(f"the PDF has {plumber_count} pages; the limit is {settings.max_pages}")
        if max(count, plumber_count) == 0:
            raise EmptyDocument("the PDF has no pages")
        yield pdf


def pdfium_page_count(data: bytes) -> int:
    """Count pages with pypdfium2; EncryptedPdf for a password, 0 when only pdfminer may cope."""
    document = open_pdfium(data)
    if document is None:
        return 0
    try:
        return len(document)
    finally:
        document.close()


def open_pdfium(data: bytes) -> Any:
    """Open the bytes with pypdfium2: EncryptedPdf for a password, None if pdfium cannot read them."""
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        error = _classify_open_error(exc)
        if isinstance(error, EncryptedPdf):
            raise error from exc
        return None  # damaged in a way pdfminer may still cope with


_ENCRYPTED_NAMES = ("PDFPasswordIncorrect", "PDFEncryptionError", "PasswordError")


def _classify_open_error(exc: BaseException) -> Exception:
    """Name the fault: a password (anywhere in the exception chain or pdfium's message) or damage."""
    for cause in _exception_chain(exc):
        if type(cause).__name__ in _ENCRYPTED_NAMES or "password" in str(cause).lower():
            return EncryptedPdf("the PDF is encrypted (password-protected); upload an unprotected copy")
    return CorruptPdf("the PDF is damaged or truncated and cannot be read")


def _exception_chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    stack: list[BaseException] = [exc]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        stack.extend(a for a in current.args if isinstance(a, BaseException))
        stack.extend(c for c in (current.__cause__, current.__context__) if c is not None)


def _quiet_pdf_loggers() -> None:
    """Keep pdfminer's and pdfplumber's warnings about odd files off the user's terminal.

    Only when the host application has not configured those loggers itself.
    """
    for name in ("pdfminer", "pdfplumber"):
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET:
            logger.setLevel(logging.ERROR)


def page_words(plumber_page: Any) -> list[Word]:
    """Extract positioned words from a text-layer page."""
    raw = plumber_page.extract_words(keep_blank_chars=False, use_text_flow=False,
                                     extra_attrs=["size", "fontname"])
    return [Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"], w.get("size", 0.0),
                 "bold" in str(w.get("fontname", "")).lower()) for w in raw]


def words_to_lines(words: list[Word], page: int, tolerance: float) -> list[Line]:
    """Group words into lines by vertical position, then order each line left to right.

    Words far apart horizontally stay in one Line; callers split on gaps when they need columns.
    """
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (round(w.top, 1), w.x0)):
        if lines and abs(lines[-1].words[0].top - word.top) <= tolerance:
            lines[-1].words.append(word)
        else:
            lines.append(Line(page, [word]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def check_budget(started: float, settings: ParseSettings) -> None:
    """Raise TooSlow once the document's time budget is spent."""
    if time.perf_counter() - started > settings.time_budget_s:
        raise TooSlow(f"reading the document took longer than {settings.time_budget_s:g} s")
