"""Scanned SoAs: corpus SoAs of different layouts rasterised at test time, read back through OCR."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from parsers import SoaExtraction, ocr, ocr_grid, ocr_rows, parse
from parsers.controls import ocr_id
from tests.conftest import CORPUS, require_path, require_tool
from tests.unit.soa_scan import control_score, meta_misses, rasterise, want_soa

# one of each table family: a full black grid with a lone Y/N column (fpdf2), a grid under a
# white-on-black header (ReportLab), a word-processor table (LibreOffice)
CASES = ("d09_kinetica", "d01_harbourline", "d25_arkwell")


@pytest.mark.ocr
@pytest.mark.parametrize("case", CASES)
def test_rasterised_soa_reads_at_least_99_percent_of_controls(case: str) -> None:
    require_tool("tesseract", "OCR of scanned SoAs")
    directory = require_path(CORPUS / case)
    want = want_soa(directory)
    assert want is not None
    scan, _ = rasterise(directory / "soa.pdf")
    got = parse(scan)
    assert isinstance(got, SoaExtraction)
    assert got.ocr is True
    right, counted, misses = control_score(want, got)
    assert right >= 0.99 * counted, misses
    assert meta_misses(want, got) == []


@pytest.mark.ocr
def test_ruled_table_cells_keep_their_evidence_boxes() -> None:
    require_tool("tesseract", "OCR of scanned SoAs")
    directory = require_path(CORPUS / "d09_kinetica")
    scan, _ = rasterise(directory / "soa.pdf")
    got = parse(scan)
    assert isinstance(got, SoaExtraction) and got.controls
    previous = (0, -1.0)
    for control in got.controls:
        evidence = control.evidence
        assert evidence is not None and evidence.bbox is not None and evidence.text
        x0, top, x1, bottom = evidence.bbox
        assert 0 <= x0 < x1 <= 600 and 0 <= top < bottom <= 850
        assert (evidence.page, top) > previous  # rows in reading order, each its own box
        previous = (evidence.page, top)


def _drawn_table(column_rules: bool, faint_row: int | None = None) -> Image.Image:
    """A 200 dpi page with a 4-column table of 6 rows, ruled fully or between rows only."""
    image = Image.new("L", (1600, 1400), 255)
    draw = ImageDraw.Draw(image)
    xs, ys = [100, 300, 900, 1050, 1500], [200 + 90 * k for k in range(7)]
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=2)
    for x in xs if column_rules else []:
        for k, (top, bottom) in enumerate(zip(ys, ys[1:], strict=False)):
            draw.line([(x, top), (x, bottom)], fill=235 if k == faint_row and x == 300 else 0, width=2)
    for k, (top, _) in enumerate(zip(ys, ys[1:], strict=False)):
        for x, text in zip(xs, (f"A.{k + 2}.2", "Title words here", "Y", "Some reason"), strict=False):
            for i in range(len(text)):  # a "glyph" per character, 8 px wide, 12 px apart
                draw.rectangle([x + 20 + 12 * i, top + 30, x + 28 + 12 * i, top + 55], fill=0)
    return image


def test_grid_of_a_fully_ruled_table_survives_a_faint_column_rule() -> None:
    rows = ocr_grid.find_grid(_drawn_table(column_rules=True, faint_row=3), 200)
    assert len(rows) == 6
    assert all(len(row) == 4 for row in rows)
    assert [cell[0] for cell in rows[3]] == [100, 300, 900, 1050]


def test_rows_ruled_only_between_rows_are_cut_at_blank_gutters() -> None:
    image = _drawn_table(column_rules=False)
    assert ocr_grid.find_grid(image, 200) == []
    rows = ocr_rows.find_rows(image, 200)
    body = [row for row in rows if row[0][1] >= 200]
    assert len(body) == 6
    assert all(len(row) == 4 for row in body)
    # each cut falls in the blank space between two columns' ink
    for x, (left_ink, right_ink) in zip([row[1][0] for row in body][:1] + [body[0][2][0], body[0][3][0]],
                                        [(100 + 20 + 12 * 5, 320), (320 + 12 * 16, 920), (920 + 12, 1070)],
                                        strict=True):
        assert left_ink < x < right_ink


def test_deskew_levels_a_turned_page() -> None:
    turned = _drawn_table(column_rules=True).rotate(0.8, fillcolor=255)
    level, angle = ocr_grid.deskew(turned)
    assert abs(angle + 0.8) <= 0.15
    assert len(ocr_grid.find_grid(level, 200)) == 6


def test_lone_marks_read_as_ticks_crosses_and_letters() -> None:
    assert [ocr._mark(t) for t in ("v", "V", "¥", "X", "N", "Yes")] == ["✓", "✓", "Y", "x", "N", "Yes"]
    assert ocr_id("3:3", "3:3 Reporting of concerns") == "A.3.3"


def test_a_scanned_certificate_with_a_banner_and_a_divider_has_no_table() -> None:
    # the banner's edges, a column divider and the page frame once passed for a three-row grid
    path = require_path(CORPUS / "d19_nimbleroot" / "certificate.pdf")
    with ocr.Renderer(path.read_bytes()) as renderer:
        page, _ = ocr_grid.deskew(renderer.render(0, 150))
    assert ocr_grid.find_grid(page, 150) == []
    assert ocr_rows.find_rows(page, 150) == []
