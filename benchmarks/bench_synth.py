"""Read thousands of fuzzer-made certificates and SoAs; print accuracy per dimension value.

    .venv/bin/python benchmarks/bench_synth.py --seeds 100000:103000 [--jobs N] [--only certificate|soa]
        [--dimension NAME] [--where NAME=VALUE] [--misses N] [--cache DIR]

Documents are cached under .cache/synth/<generator version>/<seed>/ (the corpus layout, so
../shared/tools/eval_corpus.py can read them too); a re-run only re-parses.
Seed ranges: tests/synth/README.md.
Prints fields, wrong values (differs and not null), controls, flag-sets, docs/s; then per field and per
dimension value, weakest first.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.synth import build, generate_case, runner  # noqa: E402
from tests.synth.runner import Report, Tally  # noqa: E402

DEFAULT_CACHE = ROOT / ".cache" / "synth"


def _seeds(text: str) -> range:
    start, _, end = text.partition(":")
    return range(int(start), int(end))


def _matching(seeds: range, where: str | None, only: str | None) -> list[int]:
    """Return the seeds whose case has dimension NAME=VALUE (in the documents `only` selects)."""
    if not where:
        return list(seeds)
    name, _, value = where.partition("=")
    picked = []
    for seed in seeds:
        case = generate_case(seed)
        dims = [d.dims for d in case.docs() if only in (None, d.kind)] + [case.context_dims]
        if any(d.get(name) == value for d in dims):
            picked.append(seed)
    return picked


def _line(label: str, t: Tally, kind: str) -> str:
    text = f"  {label:<44} fields {t.fields_pct():5.1f} %  wrong {t.wrong_pct():4.1f} %"
    if kind == "soa":
        text += f"  controls {t.controls_pct():5.1f} %"
    return text + f"  (n={t.docs})"


def _value_key(kind: str, t: Tally) -> float:
    return min(t.fields_pct(), t.controls_pct()) if kind == "soa" else t.fields_pct()


def print_report(report: Report, dimension: str | None, misses: int) -> None:
    """Print totals, then fields, then every dimension value (or one dimension's), weakest first."""
    for kind, t in sorted(report.totals.items()):
        controls = (
            f" | controls {t.controls_right}/{t.controls} {t.controls_pct():.1f}%" if kind == "soa" else ""
        )
        print(
            f"{kind}: {t.docs} docs | fields {t.fields_right}/{t.fields} {t.fields_pct():.1f}% | "
            f"wrong values {t.wrong} ({t.wrong_pct():.2f}%){controls}"
        )
    if report.flag_sets:
        pct = 100.0 * report.flag_sets_right / report.flag_sets
        truth = 100.0 * report.flag_sets_truth_right / report.flag_sets
        print(
            f"flag-sets: {report.flag_sets_right}/{report.flag_sets} {pct:.1f}% "
            f"(scoring given the true fields: {report.flag_sets_truth_right}/{report.flag_sets} {truth:.1f}%)"
        )
    print(f"errors: {len(report.errors)}")
    for error in report.errors[:10]:
        print("  " + error)
    print("\nper field (right / missing / wrong):")
    for name, outcomes in sorted(
        report.by_field.items(), key=lambda kv: kv[1].get("right", 0) / sum(kv[1].values())
    ):
        total = sum(outcomes.values())
        print(
            f"  {name:<40} {100.0 * outcomes.get('right', 0) / total:5.1f} %"
            f"  missing {outcomes.get('missing', 0):5d}"
            f"  wrong {outcomes.get('wrong', 0):5d}"
        )
    for kind, values in sorted(report.by_value.items()):
        print(f"\nper dimension value ({kind}), weakest first:")
        rows = [(k, t) for k, t in values.items() if dimension is None or k[0] == dimension]
        for (dim, value), t in sorted(rows, key=lambda kv: (_value_key(kind, kv[1]), kv[0])):
            print(_line(f"{dim} {value}:", t, kind))
    if report.flags_by_value:
        print("\nflag-sets per case dimension value:")
        for (dim, value), (right, total) in sorted(report.flags_by_value.items()):
            if dimension is None or dim == dimension:
                print(f"  {dim + ' ' + value + ':':<44} {100.0 * right / total:5.1f} %  (n={total})")
    if misses:
        print(f"\nfirst {misses} misses:")
        for miss in report.misses[:misses]:
            print("  " + miss)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seeds", type=_seeds, default=range(100000, 101000), help="START:END (end excluded)"
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--only", choices=("certificate", "soa"))
    parser.add_argument("--dimension", help="print only this dimension's values")
    parser.add_argument("--where", help="NAME=VALUE: only the seeds of the range whose case has this value")
    parser.add_argument("--misses", type=int, default=0, help="print the first N misses")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    opts = parser.parse_args(argv)
    root = opts.cache / ("only-" + opts.only if opts.only else "all")
    started = time.perf_counter()
    seeds = _matching(opts.seeds, opts.where, opts.only)
    before = sum(build.is_built(build.case_dir(root, s)) for s in seeds)
    cases = build.build(seeds, root, jobs=opts.jobs, only=opts.only)
    built = time.perf_counter() - started
    started = time.perf_counter()
    results = runner.run(cases, opts.jobs)
    parsed = time.perf_counter() - started
    report = runner.tally(results)
    print(
        f"synth seeds {opts.seeds.start}:{opts.seeds.stop}{' where ' + opts.where if opts.where else ''} | "
        f"generator {build.generator_version()} | "
        f"{len(cases)} cases ({before} cached) built in {built:.0f} s | "
        f"{report.docs} docs parsed in {parsed:.0f} s = {report.docs / parsed:.1f} docs/s "
        f"with {opts.jobs} jobs "
        f"({report.parse_seconds / max(report.docs, 1):.2f} s/doc)"
    )
    print_report(report, opts.dimension, opts.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
