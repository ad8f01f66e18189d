"""Every corpus certificate parsed and compared with its labels, field by field (as eval_corpus.py)."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any

import pytest

from parsers import CertificateExtraction, parse
from tests.conftest import CORPUS, corpus_cases, require_path, require_tool

MIN_FIELD_ACCURACY = 0.97
FIELDS = [
    "standard", "certified", "holder", "certificate_number", "certification_body",
    "accreditation_body", "initial_certification_date", "issue_date", "expiry_date",
    "surveillance_dates", "next_audit_due", "scope", "sites", "soa_reference",
]


def _norm(text: Any) -> str | None:
    if text is None:
        return None
    text = str(text)
    for curly, plain in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, plain)
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def same(name: str, want: Any, got: Any) -> bool:
    """Compare one field the way ../shared/tools/eval_corpus.py does."""
    if isinstance(want, list):
        return isinstance(got, list) and sorted(map(_norm, want)) == sorted(map(_norm, got))  # type: ignore[type-var]
    if isinstance(want, dict):
        return isinstance(got, dict) and all(_norm(want.get(k)) == _norm(got.get(k)) for k in want)
    if isinstance(want, bool) or want is None:
        return bool(want == got)
    if name == "scope":
        return got is not None and difflib.SequenceMatcher(
            None, _norm(want) or "", _norm(got) or "").ratio() >= 0.95
    return _norm(want) == _norm(got)


def _is_scanned(case: Path) -> bool:
    return "scanned=yes" in json.loads((case / "expected.json").read_text()).get("notes", "")


def _misses(case: Path) -> list[str]:
    want = json.loads((case / "expected.json").read_text())["certificate"]
    result = parse(case / "certificate.pdf")
    assert isinstance(result, CertificateExtraction), f"{case.name}: read as {result.kind}"
    got = result.schema_json()
    return [f"{case.name}.{f}: want {want.get(f)!r} got {got.get(f)!r}"
            for f in FIELDS if not same(f, want.get(f), got.get(f))]


def test_corpus_certificate_fields() -> None:
    require_path(CORPUS)
    cases = corpus_cases()
    assert cases, "no corpus cases"
    if any(_is_scanned(c) for c in cases):
        require_tool("tesseract", "scanned corpus certificates are read by OCR")
    misses = [m for case in cases for m in _misses(case)]
    total = len(cases) * len(FIELDS)
    accuracy = 1 - len(misses) / total
    assert accuracy >= MIN_FIELD_ACCURACY, f"{accuracy:.1%} < {MIN_FIELD_ACCURACY:.0%}:\n" + "\n".join(misses)


@pytest.mark.parametrize("case", [c for c in corpus_cases() if not _is_scanned(c)], ids=lambda c: c.name)
def test_digital_certificate_has_evidence_for_every_found_field(case: Path) -> None:
    result = parse(case / "certificate.pdf")
    assert isinstance(result, CertificateExtraction)
    data = result.schema_json()
    for name in ("holder", "certificate_number", "expiry_date", "scope", "standard"):
        if data[name] is None:
            continue
        quote = result.quote(name)
        assert quote is not None and quote.bbox is not None, name
        page_text = result.page_texts[quote.page - 1]
        assert quote.text in page_text, (name, quote.text)
