"""Scoring speed: one assessment (median) and 10,000 assessments, parsing excluded.

    .venv/bin/python benchmarks/bench_scoring.py [CORPUS_DIR] [--labels] [--total N]

Scores the corpus cases' extractions (real parses by default, or the label extractions with
--labels) against their contexts. "cold" clears the scoring's memo caches before every
assessment (each one as if its scope, product and accreditation body were new); "warm" keeps
them (a portfolio where the same bodies and products recur). Goals (issue 3): ≤ 1 ms median
per assessment, ≤ 10 s for 10,000.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers import CertificateExtraction, SoaExtraction, parse  # noqa: E402
from scoring import Context, assess  # noqa: E402
from scoring.engine import clear_caches  # noqa: E402

Inputs = tuple[CertificateExtraction, SoaExtraction | None, Context]


def load_inputs(corpus: Path, labels: bool) -> list[Inputs]:
    """Return (certificate, SoA, context) for every case, from the labels or parsed from the PDFs."""
    inputs = []
    for case in sorted(p for p in corpus.iterdir() if (p / "expected.json").exists()):
        context = Context.from_json(json.loads((case / "context.json").read_text()))
        soa_pdf = case / "soa.pdf"
        if labels:
            want = json.loads((case / "expected.json").read_text())
            cert: Any = CertificateExtraction.from_json(want["certificate"])
            soa: Any = SoaExtraction.from_json(want["soa"]) if want.get("soa") and soa_pdf.exists() else None
        else:
            cert = parse(case / "certificate.pdf")
            soa = parse(soa_pdf) if soa_pdf.exists() else None
        if isinstance(cert, CertificateExtraction):
            inputs.append((cert, soa if isinstance(soa, SoaExtraction) else None, context))
    return inputs


def time_one(inputs: list[Inputs], rounds: int, cold: bool) -> list[float]:
    """Return the seconds of each single assessment over `rounds` passes of the corpus."""
    times = []
    for _ in range(rounds):
        for cert, soa, context in inputs:
            if cold:
                clear_caches()
            start = time.perf_counter()
            assess(cert, soa, context)
            times.append(time.perf_counter() - start)
    return times


def time_total(inputs: list[Inputs], total: int, cold: bool) -> float:
    """Return the seconds for `total` assessments cycling through the corpus."""
    start = time.perf_counter()
    for i in range(total):
        if cold:
            clear_caches()
        cert, soa, context = inputs[i % len(inputs)]
        assess(cert, soa, context)
    return time.perf_counter() - start


def main() -> None:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--labels", action="store_true", help="score the label extractions (no parsing at all)")
    ap.add_argument("--total", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=20)
    opts = ap.parse_args()
    inputs = load_inputs(opts.corpus, opts.labels)
    source = "label extractions" if opts.labels else "parsed extractions"
    print(f"{len(inputs)} corpus cases ({source}); parsing excluded from every figure")
    time_one(inputs, 1, cold=False)  # warm up imports, regexes, the accreditation registry
    for cold in (True, False):
        label = "cold" if cold else "warm"
        times = time_one(inputs, opts.rounds, cold)
        total = time_total(inputs, opts.total, cold)
        print(f"{label}: median {statistics.median(times) * 1000:.3f} ms per assessment "
              f"(p95 {sorted(times)[int(len(times) * 0.95)] * 1000:.3f} ms, goal ≤ 1 ms); "
              f"{opts.total:,} assessments in {total:.2f} s (goal ≤ 10 s)")


if __name__ == "__main__":
    main()
