"""Parse built cases through certscope's public API and score them: per document, field and dimension."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .score import DocScore, flag_set_right, score_certificate, score_soa

# Accuracy, not speed, is measured here (bench_parse.py measures speed): a machine shared by several
# engineers can take far longer than the product's budget to OCR a scan.
TIME_BUDGET_S = 900.0


def _read(path: Path) -> tuple[Any, dict[str, Any] | None, str | None, float]:
    from parsers import DEFAULT_SETTINGS, DocumentError, parse

    started = time.perf_counter()
    try:
        extraction = parse(path, replace(DEFAULT_SETTINGS, time_budget_s=TIME_BUDGET_S))
        return extraction, extraction.schema_json(), None, time.perf_counter() - started
    except DocumentError as error:
        return None, None, str(error), time.perf_counter() - started
    except Exception as error:  # noqa: BLE001 - a crash is a result to report, not a reason to stop
        return None, None, f"crash: {type(error).__name__}: {error}", time.perf_counter() - started


def _flags(cert: Any, soa: Any, context: dict[str, Any]) -> list[str] | None:
    from parsers import CertificateExtraction, SoaExtraction
    from scoring import Context, assess

    if not isinstance(cert, CertificateExtraction):
        return None
    soa = soa if isinstance(soa, SoaExtraction) else None
    return sorted(f.code for f in assess(cert, soa, Context.from_json(context)).flags)


def run_case(directory: str) -> dict[str, Any]:
    """Worker: parse one case's documents, assess them and the truth; return what was read."""
    from parsers import extraction_from_json

    case = Path(directory)
    expected = json.loads((case / "expected.json").read_text())
    context = json.loads((case / "context.json").read_text())
    out: dict[str, Any] = {"case": directory, "docs": {}}
    parsed: dict[str, Any] = {}
    for kind in ("certificate", "soa"):
        if (case / f"{kind}.pdf").exists():
            extraction, got, error, seconds = _read(case / f"{kind}.pdf")
            parsed[kind] = extraction
            out["docs"][kind] = {"got": got, "error": error, "seconds": seconds}
    if "certificate" in parsed:
        out["flags_got"] = _flags(parsed["certificate"], parsed.get("soa"), context)
        soa_truth = extraction_from_json(expected["soa"]) if expected.get("soa") else None
        out["flags_given_truth"] = _flags(extraction_from_json(expected["certificate"]), soa_truth, context)
    return out


def run(cases: Sequence[Path], jobs: int) -> list[dict[str, Any]]:
    """Parse every case (in `jobs` processes), in order."""
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(run_case, map(str, cases), chunksize=4))


@dataclass
class Tally:
    """Right/total counts of one slice (a dimension value, a field, or everything)."""

    docs: int = 0
    fields_right: int = 0
    fields: int = 0
    wrong: int = 0
    controls_right: int = 0
    controls: int = 0

    def add(self, score: DocScore) -> None:
        """Add one document's score."""
        self.docs += 1
        self.fields_right += score.fields_right
        self.fields += score.fields
        self.wrong += score.wrong
        self.controls_right += score.controls_right
        self.controls += score.controls

    def fields_pct(self) -> float:
        """Return the share of fields read right, in per cent."""
        return 100.0 * self.fields_right / self.fields if self.fields else 100.0

    def wrong_pct(self) -> float:
        """Return the share of fields read wrong (not null), in per cent."""
        return 100.0 * self.wrong / self.fields if self.fields else 0.0

    def controls_pct(self) -> float:
        """Return the share of controls read right, in per cent."""
        return 100.0 * self.controls_right / self.controls if self.controls else 100.0


@dataclass
class Report:
    """Everything measured over a run."""

    totals: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_value: dict[str, dict[tuple[str, str], Tally]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(Tally))
    )
    by_field: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    flag_sets: int = 0
    flag_sets_right: int = 0
    flag_sets_truth_right: int = 0
    flags_by_value: dict[tuple[str, str], list[int]] = field(
        default_factory=lambda: defaultdict(lambda: [0, 0])
    )
    errors: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    parse_seconds: float = 0.0
    docs: int = 0


def tally(results: Sequence[dict[str, Any]]) -> Report:
    """Score parse results against their cases' truth."""
    report = Report()
    for result in results:
        case = Path(result["case"])
        expected = json.loads((case / "expected.json").read_text())
        dims = json.loads((case / "dims.json").read_text())
        for kind, doc in result["docs"].items():
            score = (score_certificate if kind == "certificate" else score_soa)(expected[kind], doc["got"])
            report.docs += 1
            report.parse_seconds += doc["seconds"]
            if doc["error"]:
                report.errors.append(f"{case.name} {kind}: {doc['error']}")
            report.totals[kind].add(score)
            for name, outcome in score.field_results.items():
                report.by_field[f"{kind}.{name}" if kind == "certificate" else name][outcome] += 1
            for dim, value in dims.get(kind, {}).items():
                report.by_value[kind][(dim, value)].add(score)
            report.misses.extend(f"{case.name} {kind} {miss}" for miss in score.misses)
        if "flags_got" in result:
            report.flag_sets += 1
            report.flag_sets_right += flag_set_right(expected["flags"], result["flags_got"])
            report.flag_sets_truth_right += flag_set_right(expected["flags"], result["flags_given_truth"])
            for dim, value in dims.get("context", {}).items():
                counts = report.flags_by_value[(dim, value)]
                counts[0] += flag_set_right(expected["flags"], result["flags_got"])
                counts[1] += 1
            if not flag_set_right(expected["flags"], result["flags_got"]):
                got = set(result["flags_got"] or [])
                want = set(expected["flags"])
                report.misses.append(
                    f"{case.name} flags missing {sorted(want - got)} extra {sorted(got - want)}"
                )
    return report
