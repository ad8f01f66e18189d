"""Flags over the labelled corpus: from the label extractions, end to end, and evidence on its page."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from parsers import CertificateExtraction, SoaExtraction, parse
from scoring import Assessment, Context, assess
from tests.conftest import CORPUS, corpus_cases, require_path, require_tool

THRESHOLD = 0.95  # share of cases whose flag set must equal the labels exactly (issue 3)


def _cases() -> list[Path]:
    require_path(CORPUS)
    return corpus_cases()


def _expected(case: Path) -> dict[str, Any]:
    return json.loads((case / "expected.json").read_text(encoding="utf-8"))


def _context(case: Path) -> Context:
    return Context.from_json(json.loads((case / "context.json").read_text(encoding="utf-8")))


def _from_labels(case: Path) -> Assessment:
    want = _expected(case)
    cert = CertificateExtraction.from_json(want["certificate"])
    soa = SoaExtraction.from_json(want["soa"]) if want.get("soa") and (case / "soa.pdf").exists() else None
    return assess(cert, soa, _context(case))


@cache
def _parsed(case: Path) -> tuple[Any, Any]:
    """Parse a case's certificate (and SoA) once per test session."""
    soa_path = case / "soa.pdf"
    return parse(case / "certificate.pdf"), parse(soa_path) if soa_path.exists() else None


def _end_to_end(case: Path) -> Assessment:
    cert, soa = _parsed(case)
    if not isinstance(cert, CertificateExtraction):
        cert = CertificateExtraction(page_texts=cert.page_texts)  # as `certscope assess` does
    return assess(cert, soa if isinstance(soa, SoaExtraction) else None, _context(case))


def _score(assessed: dict[str, Assessment]) -> tuple[float, list[str]]:
    misses = []
    for name, result in assessed.items():
        want = set(_expected(Path(name))["flags"])
        if result.codes != want:
            misses.append(f"{Path(name).name}: missing {sorted(want - result.codes)} "
                          f"extra {sorted(result.codes - want)}")
    return 1 - len(misses) / len(assessed), misses


def test_flag_sets_from_label_extractions() -> None:
    # Given the true fields, scoring alone decides: every case's flag set must be exact (issue 8).
    _, misses = _score({str(c): _from_labels(c) for c in _cases()})
    assert not misses, "\n".join(misses)


def test_flag_sets_end_to_end_through_the_parsers() -> None:
    require_tool("tesseract", "scanned corpus certificates are read with OCR")
    rate, misses = _score({str(c): _end_to_end(c) for c in _cases()})
    assert rate >= THRESHOLD, "\n".join(misses)


def _collapsed(text: str) -> str:
    return " ".join(text.split())


def test_every_quoted_evidence_is_on_the_page_it_cites() -> None:
    require_tool("tesseract", "scanned corpus certificates are read with OCR")
    wrong, checked = [], 0
    for case in _cases():
        documents = dict(zip(("certificate", "soa"), _parsed(case), strict=True))
        for flag in _end_to_end(case).flags:
            for item in flag.evidence:
                source = documents.get(item.document)
                if item.page is None or source is None:
                    continue  # an absence, or the context: nothing printed to point at
                checked += 1
                pages = source.page_texts
                page = pages[item.page - 1] if 1 <= item.page <= len(pages) else ""
                if _collapsed(item.quote) not in _collapsed(page):
                    wrong.append(f"{case.name} {flag.code}: {item.document} p.{item.page} {item.quote!r}")
    assert checked > 0
    assert not wrong, "\n".join(wrong)
