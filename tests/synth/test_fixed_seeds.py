"""The fuzzer's fixed seeds through certscope: every producer, scans included; accuracy per dimension value.

Two kinds of threshold. `FLOOR` is the level the parser has reached on these seeds: a change that reads
fewer fields or controls, or more wrong values, fails the suite (raise the floor when the parser improves;
lower it only with the generator change that explains why, in the same commit). Issue 8's targets (fields
≥ 99 %, wrong values ≤ 0.3 %, every dimension value ≥ 97 %) are marked xfail until they are met.
Generated documents are cached under .cache/synth/test/<generator version>/ so a re-run only re-parses.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, require_tool

from . import build, runner
from .runner import Report

FIXED_SEEDS = range(0, 160)  # tests/synth/README.md: the suite's seeds
CACHE = Path(os.environ.get("SYNTH_CACHE", ROOT / ".cache" / "synth" / "test"))
MIN_DOCS_PER_VALUE = 10  # below this a dimension value is too rare among the fixed seeds to judge alone
TUNING = pytest.mark.xfail(strict=False, reason="issue 8's target, not met yet: see FLOOR for today's level")
# Reached on 2026-12-06 (generator bdc38fb7df9f), after the parser round of the night session: certificate
# fields 96.0 %, wrong 1.25 %; SoA fields 96.6 %, wrong 0.0 %, controls 99.4 % (before that round: 92.7 %,
# 2.14 %; 96.6 %, 0.0 %, 99.0 %). Per kind: (fields ≥ %, wrong values ≤ %).
FLOOR = {"certificate": (95.5, 1.4), "soa": (96.0, 0.3)}
FLOOR_CONTROLS = 99.0


@pytest.fixture(scope="module")
def results() -> list[dict[str, object]]:
    require_tool("soffice", "LibreOffice converts the fuzzer's .docx certificates")
    require_tool("chromium", "Chromium prints the fuzzer's HTML certificates")
    require_tool("tesseract", "scanned fuzzer documents are read by OCR")
    return _run_once_per_session()


def _run_once_per_session() -> list[dict[str, object]]:
    """Build and parse the fixed seeds once, even when several xdist workers run this module's tests.

    The workers of one run share its PYTEST_XDIST_TESTRUNUID: the first takes the lock, builds and parses,
    and saves the results; the others wait and load them. Without xdist there is nothing to share.
    """
    run_id = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    CACHE.mkdir(parents=True, exist_ok=True)
    for stale in CACHE.iterdir():  # documents of older generator versions are never read again
        if stale.is_dir() and stale.name != build.generator_version():
            shutil.rmtree(stale, ignore_errors=True)
    if not run_id:
        return runner.run(build.build(FIXED_SEEDS, CACHE, jobs=2), jobs=2)
    saved = CACHE / f"results-{run_id}.json"
    with (CACHE / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not saved.exists():
            for old in CACHE.glob("results-*.json"):
                old.unlink()
            saved.write_text(json.dumps(runner.run(build.build(FIXED_SEEDS, CACHE, jobs=2), jobs=2)))
        return list(json.loads(saved.read_text()))


@pytest.fixture(scope="module")
def report(results: list[dict[str, object]]) -> Report:
    return runner.tally(results)


def test_fixed_seeds_cover_every_producer_and_scan(results: list[dict[str, object]]) -> None:
    seen = set()
    for result in results:
        dims = json.loads((Path(str(result["case"])) / "dims.json").read_text())
        for kind in ("certificate", "soa"):
            if kind in dims:
                seen.add((kind, dims[kind]["producer"]))
                seen.add(("scanned", dims[kind]["scan"] != "none"))
    producers = {"reportlab", "fpdf2", "libreoffice", "chromium"}
    assert {(kind, p) for kind in ("certificate", "soa") for p in producers} | {("scanned", True)} <= seen


def test_every_fixed_document_is_read_without_error(report: Report) -> None:
    assert report.docs > 250
    assert report.errors == []


def test_no_kind_reads_worse_than_its_floor(report: Report) -> None:
    worse = [f"{kind}: fields {t.fields_pct():.2f}% (floor {FLOOR[kind][0]}%), "
             f"wrong {t.wrong_pct():.2f}% (ceiling {FLOOR[kind][1]}%)"
             for kind, t in report.totals.items()
             if t.fields_pct() < FLOOR[kind][0] or t.wrong_pct() > FLOOR[kind][1]]
    assert not worse, "\n".join(worse)
    controls = report.totals["soa"].controls_pct()
    assert controls >= FLOOR_CONTROLS, f"SoA controls {controls:.2f}% (floor {FLOOR_CONTROLS}%)"


@TUNING
def test_fields_read(report: Report) -> None:
    for kind, tally in report.totals.items():
        assert tally.fields_pct() >= 99.0, f"{kind}: {tally.fields_right}/{tally.fields}"


@TUNING
def test_wrong_values_rare(report: Report) -> None:
    for kind, tally in report.totals.items():
        assert tally.wrong_pct() <= 0.3, f"{kind}: {tally.wrong} wrong of {tally.fields}"


@TUNING
def test_controls_read(report: Report) -> None:
    tally = report.totals["soa"]
    assert tally.controls_pct() >= 99.5, f"{tally.controls_right}/{tally.controls}"


@TUNING
def test_every_dimension_value_read(report: Report) -> None:
    weak = [
        f"{kind} {dim}={value}: fields {t.fields_pct():.1f}% controls {t.controls_pct():.1f}%"
        for kind, values in report.by_value.items()
        for (dim, value), t in values.items()
        if t.docs >= MIN_DOCS_PER_VALUE and min(t.fields_pct(), t.controls_pct()) < 97.0
    ]
    assert not weak, "\n".join(sorted(weak))
