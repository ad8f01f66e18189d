"""An SoA's holder, version and date, from its head, title, footer or version history."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers.model import SoaExtraction
from parsers.pages import Line, Page, Word
from parsers.soa_meta import fill


def _pages(*texts: str) -> list[Page]:
    lines = [Line(1, [Word(t, 50, 20.0 * i, 400, 20.0 * i + 10, 10)]) for i, t in enumerate(texts)]
    return [Page(1, 595, 842, lines)]


def _fill(*texts: str) -> SoaExtraction:
    result = SoaExtraction()
    fill(result, _pages(*texts))
    return result


@pytest.mark.parametrize("texts, holder", [
    (["Statement of Applicability", "Organisation: Acme Voice Ltd"], "Acme Voice Ltd"),
    (["Statement of Applicability", "Company name Acme Voice Ltd"], "Acme Voice Ltd"),
    (["Acme Voice Ltd – Statement of Applicability"], "Acme Voice Ltd"),
    (["Statement of Applicability | Acme Voice Ltd"], "Acme Voice Ltd"),
    (["Statement of Applicability", "Acme Voice Ltd — AI Management System"], "Acme Voice Ltd"),
    (["STATEMENT OF APPLICABILITY (SoA) – ISO/IEC 42001:2023 Annex A", "Client: Kettle & Sons GmbH"],
     "Kettle & Sons GmbH"),
])
def test_holder(texts: list[str], holder: str) -> None:
    result = _fill(*texts)
    assert result.holder == holder
    assert result.quote("holder") is not None


def test_holder_not_taken_from_a_standard_or_confidentiality_line() -> None:
    result = _fill("Statement of Applicability – ISO/IEC 42001:2023", "Confidential – internal use")
    assert result.holder is None


@pytest.mark.parametrize("line, version", [
    ("Document version 3.3", "3.3"), ("Version: 2.1", "2.1"),
    ("Version 1.2, approved October 25, 2025", "1.2"),
    ("Rev. 4", "4"), ("Revision: 5.0", "5.0"), ("Issue 3.0", "3.0"), ("SoA v2.4 | 01-Oct-2024", "2.4"),
])
def test_version(line: str, version: str) -> None:
    assert _fill("Statement of Applicability", line).version == version


def test_issue_date_is_not_a_version() -> None:
    result = _fill("Statement of Applicability", "Issue date: 12 March 2025")
    assert result.version is None and result.date == dt.date(2025, 3, 12)


@pytest.mark.parametrize("line, date", [
    ("Date 14 November 2024", dt.date(2024, 11, 14)), ("Issue date: March 31, 2024", dt.date(2024, 3, 31)),
    ("Version 2.3 | 01-Oct-2024 | ISO/IEC 42001:2023", dt.date(2024, 10, 1)),
    ("Version 2.0 | 21.06.2024", dt.date(2024, 6, 21)), ("Approved: 2025-01-15", dt.date(2025, 1, 15)),
])
def test_date(line: str, date: dt.date) -> None:
    assert _fill("Statement of Applicability", line).date == date


def test_next_review_date_is_not_the_documents_date() -> None:
    result = _fill("Statement of Applicability", "Next review: 2026-01-15", "Approved: 2025-01-15")
    assert result.date == dt.date(2025, 1, 15)


def test_version_history_gives_the_latest_entry() -> None:
    result = _fill("Statement of Applicability", "Organisation: Acme Voice Ltd", "Version Date Author Change",
                   "1.0 2023-02-01 J. Smith Initial issue", "2.1 2025-01-15 J. Smith Annual review",
                   "1.1 2024-01-20 A. Jones Added A.10 controls", "Purpose of this document")
    assert (result.version, result.date) == ("2.1", dt.date(2025, 1, 15))


def test_an_undecidable_labelled_date_is_left_null_not_replaced_by_a_history_date() -> None:
    result = _fill("Verklaring van toepasselijkheid", "Organisatie: Velmora Health Co., Ltd.", "Versie: 2.4",
                   "Datum: 09/06/2025", "Versie Datum Wijziging", "1.4 05/05/2024 Initial release",
                   "2.4 09/06/2025 Annual review")
    assert result.version == "2.4"
    assert result.date is None  # 9 June or 6 September: the supplier confirms it
