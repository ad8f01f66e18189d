"""Annex A reference data, control-id normalisation and applicability markers."""

from __future__ import annotations

import pytest

from parsers.controls import ANNEX_A, leading_id, normalise_id, parse_marker


def test_annex_a_holds_the_38_controls_in_order() -> None:
    assert len(ANNEX_A) == 38
    assert list(ANNEX_A)[:3] == ["A.2.2", "A.2.3", "A.2.4"]
    assert list(ANNEX_A)[-1] == "A.10.4"
    assert ANNEX_A["A.6.2.4"] == "AI system verification and validation"


@pytest.mark.parametrize("text", [
    "6.2.4", "A 6.2.4", "A6.2.4", "Annex A 6.2.4", "A.6.2.4.", "A.6.2.4", " a.6.2.4 ", "Annex A: 6.2.4",
    "A.6.2.4:", "A,6,2,4", "Control A.6.2.4",
])
def test_id_forms_normalise(text: str) -> None:
    assert normalise_id(text) == "A.6.2.4"


@pytest.mark.parametrize("text", [
    "A.10.3", "10.3", "A 10.3", "Annex A 10.3", "A.10.3.",
])
def test_two_digit_family(text: str) -> None:
    assert normalise_id(text) == "A.10.3"


@pytest.mark.parametrize("text", [
    "", None, "A.6.2", "A.11.2", "A.1.1", "6.2.9", "A.5.1.1", "3.3.3", "2024", "42001", "ISO 42001",
    "A.6.2.4 AI system", "Version 3.3", "1.2.3.4",
])
def test_implausible_ids_are_rejected(text: str | None) -> None:
    assert normalise_id(text) is None


def test_leading_id_splits_id_from_text() -> None:
    assert leading_id("A.6.2.4 AI system verification — Applicable") == (
        "A.6.2.4", "AI system verification — Applicable")
    assert leading_id("Annex A 10.2 Allocating responsibilities") == ("A.10.2", "Allocating responsibilities")
    assert leading_id("6.2.45 is not a control") is None
    assert leading_id("Page 3.3 of the annex") is None


@pytest.mark.parametrize("text, expected", [
    ("Yes", True), ("Y", True), ("✓", True), ("✔", True), ("Applicable", True), ("Included", True),
    ("yes (partially)", True), ("In scope", True),
    ("No", False), ("N", False), ("✗", False), ("✘", False), ("Not applicable", False),
    ("N/A", False), ("n/a", False), ("Excluded", False), ("Not included", False), ("No - see note", False),
    ("", None), ("Implemented", None), ("maybe", None), (None, None),
])
def test_markers(text: str | None, expected: bool | None) -> None:
    assert parse_marker(text) is expected


def test_bare_x_depends_on_the_column() -> None:
    assert parse_marker("x", x_means=True) is True
    assert parse_marker("X", x_means=False) is False
    assert parse_marker("x") is None
