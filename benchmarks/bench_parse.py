"""Parse speed over the corpus, against pdfplumber's bare `extract_text()` in the same run.

    .venv/bin/python benchmarks/bench_parse.py [CORPUS_DIR] [--repeat N]

Prints the median parse time per document (certificates and SoAs separately, digital pages
only), its ratio to the bare text extraction of the same pages, and OCR'd pages separately.
Goals (issue 2): ≤ 2× the bare cost, ≤ 0.5 s median per certificate, ≤ 4 s per scanned page.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers import parse  # noqa: E402


@dataclass
class Sample:
    """One document's best-of-N timings."""

    path: Path
    kind: str
    pages: int
    ocr: bool
    parse_s: float
    bare_s: float


def bare_extract_text(path: Path) -> float:
    """Return the seconds pdfplumber needs to open the file and extract every page's text."""
    started = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
    return time.perf_counter() - started


def measure(path: Path, repeat: int) -> Sample:
    """Time parse() and the bare extraction alternately, keeping each one's best run."""
    parse_times, bare_times = [], []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = parse(path)
        parse_times.append(time.perf_counter() - started)
        bare_times.append(bare_extract_text(path))
    assert result is not None
    return Sample(path, result.kind, len(result.page_texts), result.ocr, min(parse_times), min(bare_times))


def report(samples: list[Sample]) -> None:
    """Print the figures."""
    for kind in ("certificate", "soa"):
        digital = [s for s in samples if s.kind == kind and not s.ocr]
        if not digital:
            continue
        med_parse = statistics.median(s.parse_s for s in digital)
        med_bare = statistics.median(s.bare_s for s in digital)
        ratios = [s.parse_s / s.bare_s for s in digital if s.bare_s > 0]
        print(f"{kind:<12} n={len(digital):>2}  median parse {med_parse * 1000:7.1f} ms/doc   "
              f"bare extract_text {med_bare * 1000:6.1f} ms/doc   "
              f"ratio of medians {med_parse / med_bare:4.2f}x   "
              f"median per-doc ratio {statistics.median(ratios):4.2f}x")
    scanned = [s for s in samples if s.ocr]
    if scanned:
        per_page = [s.parse_s / s.pages for s in scanned]
        names = ", ".join(s.path.parent.name for s in scanned)
        print(f"{'ocr pages':<12} n={sum(s.pages for s in scanned):>2}  "
              f"median {statistics.median(per_page):.2f} s/page   max {max(per_page):.2f} s/page   ({names})")


def main() -> int:
    """Run the benchmark."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--repeat", type=int, default=3)
    opts = ap.parse_args()
    paths = sorted(opts.corpus.glob("*/certificate.pdf")) + sorted(opts.corpus.glob("*/soa.pdf"))
    if not paths:
        print(f"no PDFs under {opts.corpus}", file=sys.stderr)
        return 1
    for path in paths[:2]:
        parse(path)  # warm imports and caches so the first document does not pay for them
    samples = [measure(p, opts.repeat) for p in paths]
    report(samples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
