"""SoA fixtures (tests/fixtures/soa/<name>.pdf + <name>.json) read back against the truth.

As for certificate fixtures (tests/fixtures/README.md): the JSON holds the SoA its PDF states, never the
parser's output. Holder, version, date and every control's applicability and justification must match,
except what "known_misses" lists with its reason; a known miss that is now read fails too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from parsers import SoaExtraction, parse
from tests.conftest import require_tool

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "soa"
META = ("holder", "version", "date")


def _cases() -> list[Any]:
    return [pytest.param(pdf, json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8")), id=pdf.stem)
            for pdf in sorted(FIXTURES.glob("*.pdf"))]


def _differences(want: dict[str, Any], got: SoaExtraction) -> dict[str, str]:
    read = got.schema_json()
    found = {name: f"want {want[name]!r}, got {read[name]!r}" for name in META if read[name] != want[name]}
    controls = {c["id"]: (c["applicable"], c["justification"]) for c in read["controls"]}
    for control in want["controls"]:
        wanted = (control["applicable"], control["justification"])
        if controls.get(control["id"]) != wanted:
            found[control["id"]] = f"want {wanted!r}, got {controls.get(control['id'])!r}"
    return found


@pytest.mark.ocr
@pytest.mark.parametrize("pdf, golden", _cases())
def test_soa_fixture_reads_as_printed(pdf: Path, golden: dict[str, Any]) -> None:
    require_tool("tesseract", "scanned SoA fixtures")
    got = parse(pdf)
    assert isinstance(got, SoaExtraction)
    misses = _differences(golden["soa"], got)
    known = golden.get("known_misses", {})
    allowed = {*(k for k in known if k != "controls"), *known.get("controls", {})}
    assert not set(misses) - allowed, {k: v for k, v in misses.items() if k not in allowed}
    now_read = allowed - set(misses)
    assert not now_read, f"read now: remove {sorted(now_read)} from known_misses"
    wrong = [c for c in golden["soa"]["controls"]
             if any(g.id == c["id"] and g.applicable != c["applicable"] for g in got.controls)]
    assert not wrong, f"applicability read wrong: {wrong}"


def test_every_soa_fixture_has_its_golden_json() -> None:
    assert {p.stem for p in FIXTURES.glob("*.pdf")} == {p.stem for p in FIXTURES.glob("*.json")}
