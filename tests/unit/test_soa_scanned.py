"""Scanned SoAs: corpus SoAs of different layouts rasterised at test time, read back through OCR."""

from __future__ import annotations

import pytest

from parsers import SoaExtraction, parse
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
