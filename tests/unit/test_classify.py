"""Certificate vs Statement of Applicability vs anything else."""

from __future__ import annotations

from parsers.classify import classify
from parsers.controls import ANNEX_A
from parsers.pages import Line, Page, Word


def _page(*texts: str) -> Page:
    lines = [Line(1, [Word(t, 50, 20.0 * i, 300, 20.0 * i + 10, 10)]) for i, t in enumerate(texts)]
    return Page(1, 595, 842, lines)


def _rows(count: int, prefix: str = "A.") -> list[str]:
    return [f"{prefix}{cid[2:]} {title} Yes" for cid, title in list(ANNEX_A.items())[:count]]


def test_soa_by_title_and_rows() -> None:
    assert classify([_page("Statement of Applicability", *_rows(10))]) == "soa"


def test_untitled_annex_a_table_is_an_soa() -> None:
    assert classify([_page("Annex A controls — applicability and justification", *_rows(20, ""))]) == "soa"


def test_certificate_citing_its_soa_stays_a_certificate() -> None:
    page = _page("Certificate of Registration", "ISO/IEC 42001:2023",
                 "in accordance with the Statement of Applicability version 1.2, controls A.6.2.4 and A.10.3")
    assert classify([page]) == "certificate"


def test_readiness_letter_counts_as_certificate() -> None:
    page = _page("Letter of attestation", "Acme Ltd is aligned with ISO/IEC 42001 (readiness assessment)")
    assert classify([page]) == "certificate"


def test_other_documents_are_unknown() -> None:
    assert classify([_page("Lorem ipsum dolor sit amet", "Chapter 6.2.4 of the manual")]) == "unknown"
    assert classify([_page("Invoice 2024-03", "ISO 8601 dates")]) == "unknown"
    assert classify([Page(1, 595, 842, [])]) == "unknown"
