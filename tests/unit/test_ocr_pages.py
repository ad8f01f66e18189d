"""Scanned pages as they arrive: on their side, with two ruled tables, in a language other than English."""

from __future__ import annotations

import io

import pytesseract
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from parsers import ocr, ocr_grid
from parsers.errors import CorruptPdf
from parsers.ocr_language import guess_language, ocr_model
from parsers.settings import DEFAULT_SETTINGS
from tests.conftest import IN_CI, require_path, require_tool
from tests.unit.soa_pdf import DEJAVU

DPI = 200

CERTIFICATE_EN = [
    "Certificate of Registration",
    "This is to certify that the AI management system of",
    "Harbourline Analytics Limited",
    "has been assessed and found to conform with the requirements of",
    "ISO/IEC 42001:2023 for the design and operation of the platform.",
    "Certificate number: HB-2025-0142 issued on 12 March 2025",
    "This certificate is valid until 11 March 2028 and remains the",
    "property of the certification body, which has issued it.",
]
CERTIFICADO_ES = [
    "Certificado de registro",
    "Por la presente se certifica que la empresa Peñalara Sistemas S.L.",
    "con domicilio en la calle de Alcalá 45, 28014 Madrid, España,",
    "ha implantado y mantiene un sistema de gestión de la inteligencia",
    "artificial conforme con los requisitos de la norma ISO/IEC 42001.",
    "Alcance: diseño, desarrollo y operación de la plataforma de traducción.",
    "Este certificado es válido hasta el 11 de marzo de 2028 y es",
    "propiedad de la entidad de certificación que lo ha emitido.",
]


def _page_image(lines: list[str], turn: int = 0) -> Image.Image:
    width, height = int(A4[0] * DPI / 72), int(A4[1] * DPI / 72)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(require_path(DEJAVU)), 30)
    for i, line in enumerate(lines):
        draw.text((140, 200 + i * 70), line, font=font, fill=0)
    return image.rotate(turn, expand=True, fillcolor=255) if turn else image


def _pdf(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    size = (A4[1], A4[0]) if image.width > image.height else A4
    c = canvas.Canvas(buffer, pagesize=size)
    c.drawImage(ImageReader(image), 0, 0, width=size[0], height=size[1])
    c.showPage()
    c.save()
    return buffer.getvalue()


def _read(image: Image.Image) -> ocr.OcrPage:
    require_tool("tesseract", "OCR of scanned pages")
    with ocr.Renderer(_pdf(image)) as renderer:
        return ocr.read_page(renderer, 0, DEFAULT_SETTINGS, 60)


def _text(page: ocr.OcrPage) -> str:
    return " ".join(w.text for w in page.words)


def test_a_page_scanned_on_its_side_is_turned_before_it_is_read() -> None:
    # Tesseract reads a sideways page letter by letter up the page, often with high confidence:
    # the page must be turned on the shape of its word boxes, not on confidence alone.
    page = _read(_page_image(CERTIFICATE_EN, turn=90))
    assert page.turned in (90, 270)
    text = _text(page)
    assert "Harbourline Analytics Limited" in text and "HB-2025-0142" in text


def test_an_upright_page_is_not_turned() -> None:
    page = _read(_page_image(CERTIFICATE_EN))
    assert page.turned == 0 and "Harbourline Analytics Limited" in _text(page)


def test_a_spanish_page_is_read_again_with_the_spanish_model() -> None:
    require_tool("tesseract", "OCR of scanned pages")
    if "spa" not in pytesseract.get_languages(config=""):
        message = "Tesseract's Spanish model (tesseract-ocr-spa) is not installed; .ci/run installs it"
        pytest.fail(message) if IN_CI else pytest.skip(message)
    page = _read(_page_image(CERTIFICADO_ES))
    assert page.languages.split("+")[0] == "spa"
    text = _text(page)
    assert "Peñalara" in text and "diseño" in text and "operación" in text


def test_text_between_two_ruled_tables_is_kept_for_the_page_pass() -> None:
    image = Image.new("L", (1000, 1000), 255)
    draw = ImageDraw.Draw(image)
    first = [[(100, 100, 500, 160), (500, 100, 900, 160)], [(100, 160, 500, 220), (500, 160, 900, 220)]]
    second = [[(100, 700, 500, 760), (500, 700, 900, 760)]]
    draw.rectangle((120, 400, 880, 430), fill=0)  # a line of text between the two tables
    masked = ocr_grid.mask(image, first + second)
    assert masked.getpixel((500, 415)) == 0  # still there for the page pass
    draw.rectangle((120, 120, 880, 140), fill=0)  # a cell's text
    assert ocr_grid.mask(image, first + second).getpixel((300, 130)) == 255  # read cell by cell instead


@pytest.mark.parametrize(("text", "language"), [
    ("This is to certify that the management system of the organisation has been assessed and is found to "
     "conform with the requirements of the standard for the scope of its products", "en"),
    ("Hiermit wird bescheinigt, dass das Managementsystem der Organisation für den Geltungsbereich die "
     "Anforderungen der Norm erfüllt und von der Zertifizierungsstelle bewertet wird", "de"),
    ("Nous certifions que le système de management de l'organisation a été évalué et jugé conforme aux "
     "exigences de la norme pour le périmètre suivant, dans les sites de la société", "fr"),
    ("Por la presente se certifica que el sistema de gestión de la organización ha sido auditado y es "
     "conforme con los requisitos de la norma para el alcance de sus productos", "es"),
    ("Si certifica che il sistema di gestione della organizzazione è stato valutato ed è conforme ai "
     "requisiti della norma per il campo di applicazione dei suoi prodotti", "it"),
    ("Hierbij wordt verklaard dat het managementsysteem van de organisatie is beoordeeld en voldoet aan de "
     "eisen van de norm voor het toepassingsgebied van deze producten", "nl"),
    ("Pelo presente se certifica que o sistema de gestão da organização foi avaliado e está em "
     "conformidade com os requisitos da norma para o âmbito dos seus produtos", "pt"),
])
def test_a_page_language_is_told_by_its_commonest_words(text: str, language: str) -> None:
    assert guess_language(text.split()) == language


def test_too_few_words_tell_no_language() -> None:
    assert guess_language(["ISO/IEC", "42001:2023", "AB-1234", "2025-03-12"]) is None
    assert guess_language(["de", "la"]) is None


def test_every_lexicon_language_names_its_ocr_model() -> None:
    assert [ocr_model(lang) for lang in ("en", "de", "fr", "es", "it", "nl", "pt")] == \
        ["eng", "deu", "fra", "spa", "ita", "nld", "por"]


def test_a_table_too_tall_for_one_tesseract_image_is_read_in_strips_that_fit() -> None:
    # A page read on its side can give a grid of hundreds of cells: pasted one under another they
    # would pass Tesseract's 32,767-pixel limit ("Image too large").
    image = Image.new("L", (1200, 30_000), 255)
    draw = ImageDraw.Draw(image)
    rows = []
    for r in range(120):
        top = 100 + r * 240
        row = [(100, top, 600, top + 230), (600, top, 1100, top + 230)]
        for x0, y0, _, _ in row:
            draw.rectangle((x0 + 20, y0 + 20, x0 + 400, y0 + 200), fill=0)  # a tall inked cell
        rows.append(row)
    strips = ocr._strips(image, rows, 300, 0)
    assert len(strips) > 1 and all(max(strip.size) <= ocr.MAX_STRIP_PX for strip, _ in strips)
    rows_read = sorted(slot.row for _, slots in strips for slot in slots)
    assert rows_read == sorted(r for r in range(120) for _ in (0, 1))  # every cell once, rows numbered on


def test_tesseract_failing_on_a_page_is_a_damaged_page_not_a_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise pytesseract.TesseractError(1, "Image too large: (202, 50163) Error during processing.")

    monkeypatch.setattr(pytesseract, "image_to_data", refuse)
    with pytest.raises(CorruptPdf, match="page 3 could not be read by OCR"):
        ocr._tesseract(Image.new("L", (10, 10), 255), "eng", "--psm 6", 5.0, 2)
