"""Certificate fixtures (tests/fixtures/<name>.pdf + <name>.json) read back field by field against the truth.

Each JSON holds the SCHEMA.md certificate its PDF states, written by hand, never the parser's output
(tests/fixtures/README.md). A wrong value fails. A missing value fails too, unless the JSON records it
under "known_misses" with the reason; a known miss that is now read fails as well, so the record stays
true. A fixture marked "scanned" is also read from an image-only copy of itself, through OCR.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from parsers import CertificateExtraction, parse
from tests.conftest import require_tool

from .cert_pdf import scanned

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FIELDS = CertificateExtraction().schema_json()
EMPTY: dict[str, Any] = {name: [] if isinstance(value, list) else None for name, value in FIELDS.items()}


@dataclass(frozen=True)
class Fixture:
    """One fixture PDF and its golden JSON."""

    name: str
    pdf: Path
    golden: dict[str, Any]

    @property
    def truth(self) -> dict[str, Any]:
        return dict(self.golden["certificate"])

    @property
    def known_misses(self) -> dict[str, str]:
        return dict(self.golden.get("known_misses", {}))


def _fixtures() -> list[Fixture]:
    return [Fixture(pdf.stem, pdf, json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8")))
            for pdf in sorted(FIXTURES.glob("*.pdf"))]


EVERY = _fixtures()
SCANNED = [f for f in EVERY if f.golden.get("scanned")]


def _differences(fixture: Fixture, result: object) -> list[str]:
    """Return what `result` gets wrong against the fixture's truth, one line per field."""
    assert isinstance(result, CertificateExtraction), f"{fixture.name}: read as {type(result).__name__}"
    got, misses, problems = result.schema_json(), fixture.known_misses, []
    for name, want in fixture.truth.items():
        value = got[name]
        if value == want and name in misses:
            problems.append(f"{name}: now read correctly; remove it from known_misses")
        elif value == EMPTY[name] and value != want and name not in misses:
            problems.append(f"{name}: missing, want {want!r}")
        elif value not in (want, EMPTY[name]):
            problems.append(f"{name}: WRONG {value!r}, want {want!r}")
    return problems


@pytest.mark.parametrize("fixture", EVERY, ids=[f.name for f in EVERY])
def test_fixture_reads_back(fixture: Fixture) -> None:
    problems = _differences(fixture, parse(fixture.pdf))
    assert not problems, f"{fixture.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("fixture", SCANNED, ids=[f.name for f in SCANNED])
def test_scanned_fixture_reads_back(fixture: Fixture) -> None:
    require_tool("tesseract", "scanned certificates are read by OCR")
    result = parse(scanned(fixture.pdf.read_bytes()))
    assert isinstance(result, CertificateExtraction) and result.ocr
    problems = _differences(fixture, result)
    assert not problems, f"{fixture.name} (scanned):\n" + "\n".join(problems)


def test_every_fixture_is_a_named_pdf_with_golden_json() -> None:
    pdfs = {p.stem for p in FIXTURES.glob("*.pdf")}
    jsons = {p.stem for p in FIXTURES.glob("*.json")}
    assert pdfs == jsons and len(pdfs) >= 70
    for fixture in EVERY:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)+", fixture.name), "name it after what it shows"
        assert fixture.golden.get("shows"), f"{fixture.name}: say what it shows"
        assert set(fixture.truth) == set(FIELDS), f"{fixture.name}: the SCHEMA.md certificate fields"
        for name, reason in fixture.known_misses.items():
            assert name in FIELDS and fixture.truth[name] != EMPTY[name] and reason.strip(), fixture.name
