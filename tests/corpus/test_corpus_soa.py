"""SoA extraction over the labelled corpus: controls ≥ 99%, each SoA field missed on ≤ 3% of SoAs.

Compared the way ../shared/tools/eval_corpus.py compares (normalised text; justifications at a
0.95 similarity ratio), so the figures here match the evaluator's.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any

import pytest

from parsers import parse
from tests.conftest import CORPUS, corpus_cases, require_path

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
MIN_CONTROLS = 0.99
MAX_FIELD_MISS = 0.03


def _norm(text: Any) -> str | None:
    if text is None:
        return None
    text = str(text).translate(_QUOTES)
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def _same_justification(want: str | None, got: str | None) -> bool:
    if want is None or got is None:
        return want is got
    return difflib.SequenceMatcher(None, _norm(want) or "", _norm(got) or "").ratio() >= 0.95


def _soa_cases() -> list[Path]:
    return [c for c in corpus_cases() if (c / "soa.pdf").exists()
            and json.loads((c / "expected.json").read_text()).get("soa")]


@pytest.fixture(scope="module")
def results() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    require_path(CORPUS)
    cases = _soa_cases()
    assert cases, "the corpus holds no SoAs"
    return [(json.loads((c / "expected.json").read_text())["soa"], parse(c / "soa.pdf").schema_json())
            for c in cases]


def test_soa_controls_accuracy(results: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    right = total = 0
    misses = []
    for want, got in results:
        assert got["kind"] == "soa"
        got_controls = {c["id"]: c for c in got["controls"]}
        for c in want["controls"]:
            total += 1
            g = got_controls.get(c["id"])
            same = g and _same_justification(c["justification"], g["justification"])
            if g and g["applicable"] == c["applicable"] and same:
                right += 1
            else:
                misses.append((want["holder"], c["id"]))
        extra = set(got_controls) - {c["id"] for c in want["controls"]}
        total += len(extra)
        misses.extend((want["holder"], e) for e in extra)
    assert right / total >= MIN_CONTROLS, f"controls {right}/{total}; misses {misses[:10]}"


def test_soa_controls_in_document_order(results: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    for want, got in results:
        assert [c["id"] for c in got["controls"]] == [c["id"] for c in want["controls"]]


@pytest.mark.parametrize("field", ["holder", "version", "date"])
def test_soa_field_miss_rate(results: list[tuple[dict[str, Any], dict[str, Any]]], field: str) -> None:
    missed = [want["holder"] for want, got in results if _norm(want[field]) != _norm(got[field])]
    assert len(missed) / len(results) <= MAX_FIELD_MISS, f"{field} missed for {missed}"
