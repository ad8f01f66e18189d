"""Dates in every common written form, and day/month order resolution."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers.dates import find_dates, infer_order, parse_date

D = dt.date


@pytest.mark.parametrize("text, want", [
    ("2025-03-12", D(2025, 3, 12)),
    ("2025/03/12", D(2025, 3, 12)),
    ("12 March 2025", D(2025, 3, 12)),
    ("March 12, 2025", D(2025, 3, 12)),
    ("March 12 2025", D(2025, 3, 12)),
    ("12-Mar-2025", D(2025, 3, 12)),
    ("12-Mar-25", D(2025, 3, 12)),
    ("12 Mar. 2025", D(2025, 3, 12)),
    ("Sept. 5, 2025", D(2025, 9, 5)),
    ("1st March 2025", D(2025, 3, 1)),
    ("the 3rd of April, 2026", D(2026, 4, 3)),
    ("April 22nd, 2026", D(2026, 4, 22)),
    ("12.03.2025", D(2025, 3, 12)),
    ("4. März 2025", D(2025, 3, 4)),
    ("4 Maerz 2025", D(2025, 3, 4)),
    ("17. Dezember 2024", D(2024, 12, 17)),
    ("1. Oktober 2026", D(2026, 10, 1)),
    ("05 Okt 2025", D(2025, 10, 5)),
    ("13/03/2025", D(2025, 3, 13)),
    ("12 de marzo de 2025", D(2025, 3, 12)),
    ("12 mars 2025", D(2025, 3, 12)),
    ("1er juin 2026", D(2026, 6, 1)),
    ("l5 March 2O25", D(2025, 3, 15)),  # OCR letters for digits
    ("03/13/2025", D(2025, 3, 13)),
    ("valid until 11 March 2027.", D(2027, 3, 11)),
    ("Version 3.2 (March 31, 2024)", D(2024, 3, 31)),
])
def test_reads_every_form(text: str, want: dt.date) -> None:
    assert parse_date(text) == want


def test_finds_several_dates_in_order_with_their_text() -> None:
    found = find_dates("Audits: 19-Jul-2023; 10-Jul-2024 and 2025-07-01")
    assert [m.value for m in found] == [D(2023, 7, 19), D(2024, 7, 10), D(2025, 7, 1)]
    assert found[0].text == "19-Jul-2023"


@pytest.mark.parametrize("text", ["31/02/2025", "2025-13-40", "Suite 400, 2025", "ISO/IEC 42001:2023",
                                  "v3.2"])
def test_rejects_things_that_are_not_dates(text: str) -> None:
    assert parse_date(text) is None


def test_ambiguous_numeric_date_is_not_guessed() -> None:
    [match] = find_dates("03/04/2025")
    assert match.value is None and match.ambiguous
    assert match.reason and "cannot be told apart" in match.reason


@pytest.mark.parametrize("order, want", [("dmy", D(2025, 4, 3)), ("mdy", D(2025, 3, 4))])
def test_order_hint_resolves_ambiguous_dates(order: str, want: dt.date) -> None:
    assert parse_date("03/04/2025", order) == want  # type: ignore[arg-type]


def test_dotted_dates_are_day_first_even_with_a_month_first_hint() -> None:
    assert parse_date("03.04.2025", "mdy") == D(2025, 4, 3)


def test_day_over_twelve_decides_regardless_of_hint() -> None:
    assert parse_date("25/04/2025", "mdy") == D(2025, 4, 25)
    assert parse_date("04/25/2025", "dmy") == D(2025, 4, 25)


@pytest.mark.parametrize("text, want", [
    ("Issued 29/01/2025, expires 03/02/2028", "dmy"),
    ("Issued 01/29/2025, expires 02/03/2028", "mdy"),
    ("Zertifikat, gültig bis 03.02.2028, ausgestellt 04/02/2025", "dmy"),
    ("Acme Inc., 100 Main St, Denver, CO, USA. Issued 03/02/2025", None),
    ("Acme Ltd, 1 King Street, London, United Kingdom. Issued 03/02/2025", None),
    ("Zertifikat, gültig bis 03/02/2028", None),
])
def test_infers_order_from_the_document(text: str, want: str | None) -> None:
    # Countries and language are no evidence: bodies print either order anywhere.
    order, reason = infer_order(text)
    assert order == want and reason


def test_no_evidence_means_no_order_and_a_reason() -> None:
    order, reason = infer_order("Issued 03/02/2025")
    assert order is None and "no" in reason


@pytest.mark.parametrize("text, want", [
    ("Issued 01/12/2022, valid until 01/11/2025, Data de emissão", "mdy"),  # 12 Jan 2022 - 11 Jan 2025
    ("Issued 03/04/2025, expires 02/04/2028, Acme Inc., Denver, USA", "dmy"),  # 3 Apr 2025 - 2 Apr 2028
])
def test_a_certification_cycle_decides_the_order_before_any_hint(text: str, want: str) -> None:
    order, reason = infer_order(text)
    assert order == want and "cycle" in reason


def test_a_same_day_anniversary_decides_nothing() -> None:
    order, reason = infer_order("Issued 03/04/2025, expires 03/04/2028")
    assert order is None and reason
