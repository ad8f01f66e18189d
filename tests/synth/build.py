"""Produce generated cases on disk, in the corpus layout, cached by (seed, generator version).

    <root>/<version>/<seed>/certificate.pdf, soa.pdf?, context.json, expected.json, dims.json

reportlab and fpdf2 documents are drawn in worker processes; LibreOffice and Chromium documents are
batched (one soffice run, one browser, per chunk) because starting either costs far more than a page.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import render_docx, render_fpdf, render_html, render_reportlab
from .case import Case, DocSpec, generate_case
from .scan import scan

PACKAGE = Path(__file__).resolve().parent
# The modules that decide what a document looks like; scoring and benchmarking code is left out so that
# changing them re-parses but does not re-draw.
NOT_GENERATOR = {"score.py", "runner.py", "build.py"}


@functools.cache
def generator_version() -> str:
    """Return a short hash of the generator's source: a new hash means new documents (read once)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.glob("*.py")):
        if path.name not in NOT_GENERATOR and not path.name.startswith("test_"):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


@dataclass(frozen=True)
class Pending:
    """A document waiting for a batch producer (LibreOffice or Chromium)."""

    source: Path  # the .docx or .html written for it
    target: Path  # where its digital PDF goes
    scan: str
    seed: int


def case_dir(root: Path, seed: int) -> Path:
    """Return where a seed's case lives under the cache root."""
    return root / generator_version() / str(seed)


def is_built(directory: Path) -> bool:
    """Return whether a case directory is complete (expected.json is written last)."""
    return (directory / "expected.json").exists()


def _digital_name(spec: DocSpec) -> str:
    return f"{spec.kind}.digital.pdf" if spec.scan != "none" else f"{spec.kind}.pdf"


def _draw(spec: DocSpec, directory: Path, seed: int) -> Pending | None:
    """Draw one document now (reportlab, fpdf2), or write its source for a batch producer."""
    target = directory / _digital_name(spec)
    if spec.producer in ("reportlab", "fpdf2"):
        renderer = render_reportlab if spec.producer == "reportlab" else render_fpdf
        target.write_bytes(renderer.render(spec.document))
        return Pending(target, target, spec.scan, seed)
    suffix = ".docx" if spec.producer == "libreoffice" else ".html"
    source = directory / f"{spec.kind}{'.digital' if spec.scan != 'none' else ''}{suffix}"
    if spec.producer == "libreoffice":
        render_docx.write_docx(spec.document, source)
    else:
        source.write_text(render_html.to_html(spec.document), encoding="utf-8")
    return Pending(source, target, spec.scan, seed)


def compose_case(args: tuple[int, str, str | None]) -> tuple[list[Pending], str]:
    """Worker: generate one seed's case, draw what can be drawn, write its JSON aside; return pending work."""
    seed, root, only = args
    case = generate_case(seed)
    directory = Path(root)
    directory.mkdir(parents=True, exist_ok=True)
    pending = [_draw(spec, directory, seed) for spec in _selected(case, only)]
    _write_json(case, directory, only)
    return [p for p in pending if p], str(directory)


def _selected(case: Case, only: str | None) -> list[DocSpec]:
    return [d for d in case.docs() if only is None or d.kind == only]


def _write_json(case: Case, directory: Path, only: str | None) -> None:
    expected = case.expected_json()
    dims = {d.kind: d.dims for d in _selected(case, only)} | {"context": case.context_dims}
    (directory / "context.json").write_text(json.dumps(case.context, indent=1, ensure_ascii=False))
    (directory / "dims.json").write_text(json.dumps(dims, indent=1, ensure_ascii=False))
    (directory / "expected.pending.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False))


def _finish(item: Pending) -> None:
    """Worker: scan a digital PDF when asked, so that `<kind>.pdf` is what the parser reads."""
    if item.scan == "none":
        return
    final = item.target.with_name(item.target.name.replace(".digital", ""))
    final.write_bytes(scan(item.target.read_bytes(), item.scan, item.seed))


def _chunks(items: Sequence[Pending], size: int) -> list[list[Pending]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _convert_docx_batch(batch: list[Pending]) -> None:
    """Worker: convert a batch of .docx with one LibreOffice run (files are grouped by output folder)."""
    staging = batch[0].source.parent.parent / f".lo-{batch[0].seed}"
    staging.mkdir(exist_ok=True)
    links = []
    for item in batch:  # one soffice call for the batch: stage every source under a unique name
        link = staging / f"{item.seed}-{item.source.name}"
        link.write_bytes(item.source.read_bytes())
        links.append((link, item))
    render_docx.convert_many([link for link, _ in links], staging)
    for link, item in links:
        link.with_suffix(".pdf").replace(item.target)
        link.unlink()
    staging.rmdir()


def _print_html_batch(batch: list[Pending]) -> None:
    """Worker: print a batch of HTML pages with one Chromium."""
    render_html.print_many([(p.source.read_text(encoding="utf-8"), p.target) for p in batch])


def build(
    seeds: Iterable[int], root: Path, jobs: int = 2, only: str | None = None, chunk: int = 100
) -> list[Path]:
    """Make sure every seed's case exists under `root`; return the case directories in seed order.

    Seeds are built `chunk` at a time, each chunk finished (batches converted, scans made, expected.json
    written) before the next starts, so an interrupted run keeps what it finished.
    """
    seeds = list(seeds)
    todo = [(s, str(case_dir(root, s)), only) for s in seeds if not is_built(case_dir(root, s))]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for start in range(0, len(todo), chunk):
            _build_chunk(pool, todo[start : start + chunk], jobs)
    return [case_dir(root, s) for s in seeds]


def _build_chunk(pool: ProcessPoolExecutor, todo: list[tuple[int, str, str | None]], jobs: int) -> None:
    results = list(pool.map(compose_case, todo, chunksize=4))
    pending = [p for items, _ in results for p in items]
    docx = [p for p in pending if p.source.suffix == ".docx"]
    html = [p for p in pending if p.source.suffix == ".html"]
    batches = [(_convert_docx_batch, b) for b in _chunks(docx, max(10, len(docx) // jobs + 1))]
    batches += [(_print_html_batch, b) for b in _chunks(html, max(10, len(html) // jobs + 1))]
    for future in [pool.submit(fn, batch) for fn, batch in batches]:
        future.result()
    list(pool.map(_finish, pending, chunksize=4))
    for _, directory in results:
        done = Path(directory)
        (done / "expected.pending.json").replace(done / "expected.json")
