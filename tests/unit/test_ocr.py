"""Scanned pages: rendered, read with Tesseract, then through the same extraction."""

from __future__ import annotations

import io

import pytesseract
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from parsers import SoaExtraction, parse
from parsers import ocr as ocr_module
from parsers.controls import ANNEX_A
from parsers.errors import OcrUnavailable
from tests.conftest import require_path, require_tool
from tests.unit.soa_pdf import DEJAVU

DPI = 200
ROWS = list(ANNEX_A.items())[:12]


def _scanned_soa() -> tuple[bytes, dict[str, tuple[float, float]]]:
    """Return an image-only SoA page and where (in PDF points) each control id was drawn."""
    width, height = int(A4[0] * DPI / 72), int(A4[1] * DPI / 72)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    big = ImageFont.truetype(str(DEJAVU), 40)
    font = ImageFont.truetype(str(DEJAVU), 26)
    draw.text((140, 140), "Statement of Applicability", font=big, fill=0)
    draw.text((140, 230), "Organisation: Larkspur Voice Ltd", font=font, fill=0)
    draw.text((140, 280), "Version 2.0, approved 14 March 2025", font=font, fill=0)
    y = 400
    for label, x in (("Control", 140), ("Title", 380), ("Applicable", 1000), ("Justification", 1200)):
        draw.text((x, y), label, font=font, fill=0)
    positions = {}
    for i, (cid, title) in enumerate(ROWS):
        y += 60
        draw.text((140, y), cid, font=font, fill=0)
        draw.text((380, y), title[:34], font=font, fill=0)
        draw.text((1000, y), "No" if i % 4 == 3 else "Yes", font=font, fill=0)
        draw.text((1200, y), "Not used" if i % 4 == 3 else "", font=font, fill=0)
        positions[cid] = (140 * 72 / DPI, y * 72 / DPI)
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    c.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    return buffer.getvalue(), positions


def test_scanned_soa_is_read_with_ocr_and_boxes_in_points() -> None:
    require_tool("tesseract", "OCR of scanned pages")
    require_path(DEJAVU)
    pdf, positions = _scanned_soa()
    result = parse(pdf)
    assert result.ocr is True
    assert isinstance(result, SoaExtraction)
    assert result.holder == "Larkspur Voice Ltd"
    got = {c.id: c for c in result.controls}
    assert [c.id for c in result.controls] == [cid for cid, _ in ROWS]
    for i, (cid, _) in enumerate(ROWS):
        assert got[cid].applicable is (i % 4 != 3)
        evidence = got[cid].evidence
        assert evidence is not None and evidence.bbox is not None
        x, top = positions[cid]
        assert abs(evidence.bbox[0] - x) < 6 and abs(evidence.bbox[1] - top) < 12


def test_missing_tesseract_names_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    require_path(DEJAVU)
    pdf, _ = _scanned_soa()
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    ocr_module._tesseract_version.cache_clear()
    try:
        with pytest.raises(OcrUnavailable, match="apt-get install tesseract-ocr"):
            parse(pdf)
    finally:
        ocr_module._tesseract_version.cache_clear()


@pytest.mark.parametrize("raw, clean", [
    ("Al", "AI"), ("Al-assisted", "AI-assisted"), ("Al,", "AI,"), ("2O24", "2024"), ("1O", "1O"),
    ("Al-Futtaim", "Al-Futtaim"), ("Alpha", "Alpha"), ("Albrecht", "Albrecht"),
    # a lower-case l among capitals is an I; words that mix them otherwise stay
    ("lA.", "IA."), ("SGlA", "SGIA"), ("AlMS", "AIMS"), ("All", "All"), ("Il", "Il"), ("LLC", "LLC"),
    # a table's vertical rule read into the word beside it; brackets the word closes stay
    ("|Version", "Version"), ("[3.8", "3.8"), ("ciso|", "ciso"), ("ciso]", "ciso"), ("[a]", "[a]"),
    ("|", "|"),
])
def test_safe_ocr_corrections(raw: str, clean: str) -> None:
    assert ocr_module.clean_text(raw) == clean


def test_dpi_follows_the_scan_within_limits() -> None:
    from parsers import ParseSettings

    assert ocr_module.ocr_dpi(ParseSettings(ocr_dpi=300), 150.0) == 150
    assert ocr_module.ocr_dpi(ParseSettings(ocr_dpi=300), 600.0) == 300
    assert ocr_module.ocr_dpi(ParseSettings(ocr_dpi=300), 72.0) == 150
    assert ocr_module.ocr_dpi(ParseSettings(ocr_dpi=250), None) == 250


def _rasterise(pdf: bytes, dpi: int = 150) -> bytes:
    """Return the PDF as a scan: every page replaced by its image."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    for page in document:
        width, height = page.get_size()
        c.setPageSize((width, height))
        c.drawImage(ImageReader(page.render(scale=dpi / 72, grayscale=True).to_pil()), 0, 0, width, height)
        c.showPage()
    c.save()
    return buffer.getvalue()


@pytest.mark.parametrize("grid, valign", [(True, "MIDDLE"), (False, "TOP")])
def test_scanned_table_soa_reads_nearly_every_row(grid: bool, valign: str) -> None:
    import difflib

    from tests.unit.soa_pdf import specs, table_soa

    require_tool("tesseract", "OCR of scanned pages")
    rows = specs(long=True)
    intro = ["Statement of Applicability", "Organisation: Larkspur Ltd"]
    pdf = table_soa(rows, header=["Control", "Control title", "Applicable", "Justification"],
                    order=["id", "title", "mark", "why"], marks=("Yes", "No"), grid=grid, padding=5,
                    font_size=10, valign=valign, intro=intro)
    result = parse(_rasterise(pdf))
    assert result.ocr and isinstance(result, SoaExtraction)
    got = {c.id: c for c in result.controls}

    def same(want: str | None, read: str | None) -> bool:
        return difflib.SequenceMatcher(None, want or "", read or "").ratio() >= 0.9

    right = sum(1 for s in rows if s.id in got and got[s.id].applicable == s.applicable
                and same(s.justification, got[s.id].justification))
    assert right >= 0.9 * len(rows), f"{right}/{len(rows)} rows read right"


@pytest.mark.ocr
def test_an_address_abroad_is_read_again_in_its_own_language() -> None:
    require_tool("tesseract", "OCR")
    if "por" not in pytesseract.get_languages(config=""):
        pytest.fail("Tesseract's Portuguese model is missing; .ci/run installs tesseract-ocr-por")
    font = ImageFont.truetype(str(DEJAVU).replace("DejaVuSans.ttf", "DejaVuSerif.ttf"), 36)
    image = Image.new("L", (1700, 560), 255)
    draw = ImageDraw.Draw(image)
    lines = ["This is to certify that the management system of", "Aldergrove Technologies S.A.",
             "Avenida Paulista 1578, Bela Vista, São Paulo - SP,", "01310-200, Brasil",
             "has been assessed and found to conform with ISO/IEC 42001:2023."]
    for k, text in enumerate(lines):
        draw.text((100, 100 + 90 * k), text, font=font, fill=0)
    page, _ = ocr_module._read_image(image, 200, "eng", 30.0, 0)  # an English page: its models only
    words = [w.text for w in page.words]
    assert "São" in words  # English's model alone reads "Sao"
    assert "certify" in words and "Aldergrove" in words  # the rest of the page is left as read
