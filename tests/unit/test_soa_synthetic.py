"""SoA extraction on synthetic PDFs in layouts the corpus does not hold."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers import SoaExtraction, parse
from tests.conftest import require_path
from tests.unit.soa_pdf import DEJAVU, Spec, list_soa, specs, table_soa

ORDER = ["id", "title", "mark", "why"]
INTRO = ["Statement of Applicability", "Organization: Fenwick Analytics Oy", "Revision 4.1",
         "Approved: 3 February 2025"]


def _read(pdf: bytes) -> SoaExtraction:
    result = parse(pdf)
    assert isinstance(result, SoaExtraction), f"classified as {result.kind}"
    return result


def _assert_controls(result: SoaExtraction, expected: list[Spec]) -> None:
    got = [(c.id, c.applicable, c.justification) for c in result.controls]
    assert got == [(s.id, s.applicable, s.justification) for s in expected]
    for control in result.controls:
        assert control.evidence is not None and control.evidence.bbox is not None
        assert control.id.removeprefix("A.") in control.evidence.text


def test_ruled_table_with_other_column_order_and_included_markers() -> None:
    rows = specs(long=True)
    header = ["Control ID", "Applicability", "Reason for inclusion/exclusion", "Control title"]
    pdf = table_soa(rows, header=header, order=["id", "mark", "why", "title"], marks=("Included", "Excluded"),
                    grid=True, intro=INTRO)
    result = _read(pdf)
    _assert_controls(result, rows)
    assert result.holder == "Fenwick Analytics Oy"
    assert (result.version, result.date) == ("4.1", dt.date(2025, 2, 3))


def test_unruled_table_with_status_and_rationale_headers() -> None:
    rows = specs(blank_every=4)
    pdf = table_soa(rows, header=["Ref.", "Title", "Status", "Rationale"],
                    order=ORDER, marks=("Yes", "No"), grid=False, padding=6, intro=INTRO)
    _assert_controls(_read(pdf), rows)


@pytest.mark.parametrize("repeat_header", [True, False])
@pytest.mark.parametrize("grid", [True, False])
def test_table_across_three_pages(repeat_header: bool, grid: bool) -> None:
    rows = specs(long=True)
    pdf = table_soa(rows, header=["Annex A ref", "Control", "Applicable (Y/N)", "Justification"],
                    order=ORDER, marks=("Y", "N"), grid=grid,
                    repeat_header=repeat_header, font_size=11, padding=9, intro=INTRO)
    result = _read(pdf)
    assert len(result.page_texts) >= 3
    _assert_controls(result, rows)


def test_tick_and_cross_markers_with_bare_numbers() -> None:
    require_path(DEJAVU)
    rows = specs(blank_every=3)
    pdf = table_soa(rows, header=["Clause", "Objective", "In scope", "Comments"],
                    order=ORDER, marks=("✓", "✗"), grid=False, symbols=True, padding=5, intro=INTRO,
                    landscape_page=True)
    _assert_controls(_read(pdf), rows)


def test_checkbox_column_of_x_marks() -> None:
    rows = specs()
    pdf = table_soa(rows, header=["Control", "Name", "Selected", "Justification"],
                    order=ORDER, marks=("X", ""), grid=True, intro=INTRO)
    _assert_controls(_read(pdf), rows)


def test_list_style_soa() -> None:
    rows = specs(blank_every=6)
    result = _read(list_soa(rows, INTRO))
    _assert_controls(result, rows)
    assert result.holder == "Fenwick Analytics Oy"


def test_partial_soa_keeps_document_order() -> None:
    rows = [s for i, s in enumerate(specs()) if i % 3][::-1]
    pdf = table_soa(rows, header=["Control", "Control title", "Applicable", "Justification"],
                    order=["id", "title", "mark", "why"], marks=("Yes", "No"), grid=True, intro=INTRO)
    _assert_controls(_read(pdf), rows)


@pytest.mark.parametrize("grid", [True, False])
def test_id_and_title_in_one_cell(grid: bool) -> None:
    rows = specs()
    pdf = table_soa(rows, header=["Annex A control", "Applicable?", "Justification"],
                    order=["idtitle", "mark", "why"], marks=("Yes", "No"), grid=grid, padding=6, intro=INTRO)
    _assert_controls(_read(pdf), rows)


def test_status_column_of_implementation_states() -> None:
    rows = specs()
    pdf = table_soa(rows, header=["Control", "Title", "Status", "Justification"], order=ORDER,
                    marks=("Implemented", "Not applicable"), grid=True, intro=INTRO)
    _assert_controls(_read(pdf), rows)


@pytest.mark.parametrize("grid", [True, False])
def test_paired_yes_no_tick_columns(grid: bool) -> None:
    rows = specs()
    pdf = table_soa(rows, header=["Ref", "Control", "Yes", "No", "Reason"],
                    order=["id", "title", "yes", "no", "why"], marks=("X", ""), grid=grid,
                    padding=6, intro=INTRO)
    _assert_controls(_read(pdf), rows)


@pytest.mark.parametrize("valign, header_align", [
    ("MIDDLE", "CENTER"), ("BOTTOM", "CENTER"), ("TOP", "CENTER"), ("MIDDLE", "LEFT")])
def test_unruled_table_with_centred_headers_and_cells(valign: str, header_align: str) -> None:
    rows = specs(long=True)
    pdf = table_soa(rows, header=["Control", "Control title", "Applicable", "Justification"], order=ORDER,
                    marks=("Yes", "No"), grid=False, padding=5, intro=INTRO, valign=valign,
                    header_align=header_align)
    _assert_controls(_read(pdf), rows)


@pytest.mark.parametrize("grid", [True, False])
def test_family_heading_rows_between_controls(grid: bool) -> None:
    rows = specs(long=True)
    pdf = table_soa(rows, header=["Control", "Control title", "Applicable", "Justification"], order=ORDER,
                    marks=("Yes", "No"), grid=grid, padding=4, intro=INTRO, families=True)
    _assert_controls(_read(pdf), rows)
