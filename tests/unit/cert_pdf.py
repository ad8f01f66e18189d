"""Build small certificate PDFs in new layouts (not the corpus's) with reportlab, for tests."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from parsers.pages import Page


@dataclass(frozen=True)
class Text:
    """One string drawn at (x, y) from the page's top-left, in points."""

    x: float
    y: float
    text: str
    size: float = 10.0
    bold: bool = False


def build_pdf(pages: Sequence[Sequence[Text]], *, wide: bool = False,
              size: tuple[float, float] | None = None) -> bytes:
    """Return PDF bytes with each page's strings drawn where the test says."""
    size = size or (landscape(A4) if wide else A4)
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=size)
    for page in pages:
        for item in page:
            pdf.setFont("Helvetica-Bold" if item.bold else "Helvetica", item.size)
            pdf.drawString(item.x, size[1] - item.y - item.size, item.text)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def paragraph(x: float, y: float, lines: Sequence[str], size: float = 10.0,
              leading: float = 13.0) -> list[Text]:
    """Return a left-aligned paragraph of lines starting at (x, y)."""
    return [Text(x, y + i * leading, line, size) for i, line in enumerate(lines)]


def justified(x: float, y: float, words: Sequence[str], width: float, size: float = 10.0) -> list[Text]:
    """Return one line of words spread evenly across `width` (wide gaps, as justified text has)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    widths = [stringWidth(w, "Helvetica", size) for w in words]
    gap = (width - sum(widths)) / max(len(words) - 1, 1)
    out, pos = [], x
    for word, w in zip(words, widths, strict=True):
        out.append(Text(pos, y, word, size))
        pos += w + gap
    return out


def scanned(pdf: bytes, dpi: int = 200) -> bytes:
    """Return an image-only copy of a PDF (each page rendered to a picture), as a scanner makes."""
    import pypdfium2 as pdfium
    from reportlab.lib.utils import ImageReader

    source = pdfium.PdfDocument(pdf)
    buf = io.BytesIO()
    out = None
    try:
        for page in source:
            width, height = page.get_size()
            image = page.render(scale=dpi / 72.0, grayscale=True).to_pil()
            if out is None:
                out = canvas.Canvas(buf, pagesize=(width, height))
            out.setPageSize((width, height))
            out.drawImage(ImageReader(image), 0, 0, width=width, height=height)
            out.showPage()
    finally:
        source.close()
    assert out is not None
    out.save()
    return buf.getvalue()


def pages_of(pdf: bytes) -> list[Page]:
    """Return the pages (positioned lines) `parsers.parse` reads from a PDF, before any field is read."""
    import time

    from parsers.pages import open_pdf
    from parsers.pipeline import pdf_to_pages
    from parsers.settings import DEFAULT_SETTINGS

    with open_pdf(pdf, DEFAULT_SETTINGS) as document:
        return pdf_to_pages(document, DEFAULT_SETTINGS, time.perf_counter())
