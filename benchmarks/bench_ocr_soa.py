"""Scanned SoAs: rasterise every corpus SoA to an image-only PDF, parse it, score its controls.

    .venv/bin/python benchmarks/bench_ocr_soa.py [CORPUS_DIR] [--case NAME ...] [-v]
        [--dpi 200] [--skew 0.4] [--seed 7]

Each page is rendered at 200 dpi in greyscale, turned slightly and speckled like a scan, and
saved as an image-only PDF; the parse must then OCR it. Prints controls read right (id,
applicable, justification similar ≥ 0.95, as ../shared/tools/eval_corpus.py scores them) per
document and in total, holder/version/date, and seconds per scanned page.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers import SoaExtraction, parse  # noqa: E402
from tests.unit.soa_scan import control_score, meta_misses, rasterise, want_soa  # noqa: E402


def main() -> int:
    """Run the benchmark."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--case", action="append", help="only these case directories")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each control read wrong")
    ap.add_argument("--dpi", type=int, default=200, help="scan resolution")
    ap.add_argument("--skew", type=float, default=0.4, help="largest turn of a page, degrees")
    ap.add_argument("--seed", type=int, default=7, help="varies each page's turn and dust")
    opts = ap.parse_args()
    cases = sorted(p.parent for p in opts.corpus.glob("*/soa.pdf"))
    if opts.case:
        cases = [c for c in cases if c.name in opts.case]
    ok = total = meta_ok = meta_total = pages = 0
    seconds = 0.0
    for case in cases:
        want = want_soa(case)
        if want is None:
            continue
        scan, count = rasterise(case / "soa.pdf", opts.dpi, opts.seed, opts.skew)
        started = time.perf_counter()
        got = parse(scan)
        elapsed = time.perf_counter() - started
        seconds, pages = seconds + elapsed, pages + count
        if isinstance(got, SoaExtraction):
            right, counted, misses = control_score(want, got)
            wrong_meta = meta_misses(want, got)
        else:
            right, counted, misses, wrong_meta = 0, len(want["controls"]), [f"read as {got.kind}"], ["all"]
        ok, total = ok + right, total + counted
        meta_ok, meta_total = meta_ok + 3 - len(wrong_meta), meta_total + 3
        print(f"{case.name:<18} controls {right:>2}/{counted:<2}  meta "
              f"{3 - len(wrong_meta)}/3  {elapsed / count:5.2f} s/page")
        if opts.verbose:
            for line in misses + [f"meta {m}" for m in wrong_meta]:
                print("    ", line)
    if total:
        print(f"rasterised SoAs: controls {ok}/{total} {100.0 * ok / total:.1f}% | "
              f"holder/version/date {meta_ok}/{meta_total} | {seconds / pages:.2f} s/page over {pages} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
